import {
  type AmenityCode,
  formatHoursText,
  type HostType,
  type ManagedStation,
  type OpeningHours,
  parseHoursText,
  type StationDraft,
  stationDraftSchema,
} from '@ankang/shared';

/** The edit form as people type it: every field text except the choices. */
export interface StationFormValues {
  name: string;
  address: string;
  district: string;
  orgPath: string;
  lng: string;
  lat: string;
  hostType: HostType | '';
  amenities: AmenityCode[];
  weekly: string;
  exceptions: string;
  season: string;
  phone: string;
  bestYears: string;
  externalId: string;
}

export type StationFormField = keyof StationFormValues;
export type StationFormErrors = Partial<Record<StationFormField, string>>;

export function emptyStationForm(orgPath: string): StationFormValues {
  return {
    name: '',
    address: '',
    district: '',
    orgPath,
    lng: '',
    lat: '',
    hostType: '',
    amenities: [],
    weekly: '周一至周五 08:00-18:00；周六、周日 09:00-17:00',
    exceptions: '',
    season: '',
    phone: '',
    bestYears: '',
    externalId: '',
  };
}

/** The loaded station as form text (hours in the canonical text form). */
export function stationToForm(station: ManagedStation): StationFormValues {
  const hours = formatHoursText(station.hours);
  return {
    name: station.name,
    address: station.address,
    district: station.district,
    orgPath: station.orgPath,
    lng: String(station.location.lng),
    lat: String(station.location.lat),
    hostType: station.hostType,
    amenities: [...station.amenities],
    weekly: hours.weekly,
    exceptions: hours.exceptions,
    season: hours.season,
    phone: station.phone ?? '',
    bestYears: station.bestYears.join('、'),
    externalId: station.externalId ?? '',
  };
}

/** Hours from the three text fields, or the field and message of the first problem. */
export function hoursFromForm(
  values: Pick<StationFormValues, 'weekly' | 'exceptions' | 'season'>,
): { hours: OpeningHours } | { field: StationFormField; message: string } {
  const parsed = parseHoursText(values);
  return parsed.ok ? { hours: parsed.hours } : { field: parsed.field, message: parsed.message };
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Schema paths (location.lng, hours.weekly.0.open, bestYears.1) to the form field showing them. */
function fieldOfPath(path: readonly PropertyKey[]): StationFormField {
  const [head, next] = path.map(String);
  if (head === 'location') return next === 'lat' ? 'lat' : 'lng';
  if (head === 'hours') return next === 'exceptions' ? 'exceptions' : next === 'season' ? 'season' : 'weekly';
  if (head && head in emptyStationForm('')) return head as StationFormField;
  return 'name';
}

/** Field errors from a 400's `details.issues` (paths like body.name). */
export function errorsFromIssues(issues: { path: string; message: string }[]): StationFormErrors {
  const errors: StationFormErrors = {};
  for (const issue of issues) {
    const field = fieldOfPath(issue.path.replace(/^body\./, '').split('.'));
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * Checks the form with the same schema the API uses; returns the draft to send, or Chinese
 * messages per field.
 */
export function formToDraft(
  values: StationFormValues,
): { draft: StationDraft } | { errors: StationFormErrors } {
  const errors: StationFormErrors = {};
  const hours = hoursFromForm(values);
  if ('field' in hours) errors[hours.field] = hours.message;
  if (!NUMBER.test(values.lng.trim())) errors.lng = '请填写经度（小数，例如 120.5532）';
  if (!NUMBER.test(values.lat.trim())) errors.lat = '请填写纬度（小数，例如 31.8765）';
  if (!values.hostType) errors.hostType = '请选择驿站类型';
  if (!values.orgPath) errors.orgPath = '请选择所属工会';
  const years = values.bestYears
    .split(/[、,，\s]+/)
    .map((year) => year.trim())
    .filter(Boolean);
  if (years.some((year) => !/^\d{4}$/.test(year)))
    errors.bestYears = '请填写四位年份，用“、”分隔，例如 2023、2024';

  const candidate = {
    externalId: values.externalId.trim() || undefined,
    name: values.name,
    address: values.address,
    district: values.district,
    orgPath: values.orgPath,
    location: { lng: Number(values.lng), lat: Number(values.lat) },
    hostType: values.hostType || undefined,
    amenities: values.amenities,
    hours: 'hours' in hours ? hours.hours : { alwaysOpen: true },
    phone: values.phone.trim() || undefined,
    bestYears: years.map(Number),
  };
  const parsed = stationDraftSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      errors[field] ??= friendly(field, issue.message);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { draft: parsed.data };
}

/** zod's own English messages (fields without a Chinese one in the schema) in Chinese. */
function friendly(field: StationFormField, message: string): string {
  if (/[\u4e00-\u9fa5]/.test(message)) return message;
  const labels: Partial<Record<StationFormField, string>> = {
    district: '请填写区县或街道（至少 2 个字）',
    lng: '经度应在 -180 到 180 之间',
    lat: '纬度应在 -90 到 90 之间',
    externalId: '外部编号最多 64 个字符',
    bestYears: '年份应在 2015 年之后',
    amenities: '设施选择有误',
    orgPath: '请选择所属工会',
    hostType: '请选择驿站类型',
  };
  return labels[field] ?? '填写有误，请检查';
}
