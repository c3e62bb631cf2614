import {
  type Campaign,
  type FieldIssue,
  isWithinOrg,
  type WorksiteSignup,
  type WorksiteSignupDraft,
  type WorksiteSignupDraftInput,
  workerGroupSchema,
  worksiteSignupDraftSchema,
} from '@ankang/shared';
import { z } from 'zod';

/** The worksite form as people fill it in: counts as typed, the place picked on the map with its name. */
export const worksiteFormSchema = z.object({
  siteName: z.string(),
  orgPath: z.string(),
  address: z.string(),
  location: z.object({ lat: z.number(), lng: z.number(), name: z.string() }).nullable(),
  outdoorWorkers: z.string(),
  highTempWorkers: z.string(),
  workerGroups: z.array(workerGroupSchema),
  requested: z.array(z.object({ kind: z.string(), items: z.array(z.string()) })),
  preferredDates: z.array(z.string()),
  contactName: z.string(),
  contactPhone: z.string(),
  /** Keep the phone of an earlier sign-up (the server copies it; we only ever see it masked). */
  reusePhone: z.object({ from: z.string(), masked: z.string() }).nullable(),
  note: z.string(),
});
export type WorksiteFormValues = z.infer<typeof worksiteFormSchema>;
export type WorksiteField = keyof WorksiteFormValues;
export type WorksiteFormErrors = Partial<Record<WorksiteField, string>>;

export function emptyWorksiteForm(orgPath = ''): WorksiteFormValues {
  return {
    siteName: '',
    orgPath,
    address: '',
    location: null,
    outdoorWorkers: '',
    highTempWorkers: '',
    workerGroups: [],
    requested: [],
    preferredDates: [],
    contactName: '',
    contactPhone: '',
    reusePhone: null,
    note: '',
  };
}

/**
 * A returning contact's last sign-up as the start of a new one for `campaign`: what still fits it
 * (the district under its union, its worker groups, kinds and items); dates are this season's to
 * choose, and the phone stays on the server (`reusePhoneFrom`).
 */
export function worksiteFormFromSignup(signup: WorksiteSignup, campaign: Campaign): WorksiteFormValues {
  const catalog = new Map(campaign.kinds.map((kind) => [kind.code, new Set(kind.items.map((i) => i.code))]));
  return {
    ...emptyWorksiteForm(isWithinOrg(signup.orgPath, campaign.orgPath) ? signup.orgPath : ''),
    siteName: signup.siteName,
    address: signup.address,
    location: signup.location ? { ...signup.location, name: signup.siteName } : null,
    outdoorWorkers: String(signup.outdoorWorkers),
    highTempWorkers: String(signup.highTempWorkers),
    workerGroups: signup.workerGroups.filter((group) => campaign.targetGroups.includes(group)),
    requested: signup.requested
      .filter((entry) => catalog.has(entry.kind))
      .map((entry) => ({
        kind: entry.kind,
        items: entry.items.filter((i) => catalog.get(entry.kind)!.has(i)),
      })),
    contactName: signup.contactName,
    reusePhone: { from: signup.id, masked: signup.contactPhoneMasked },
    note: signup.note ?? '',
  };
}

/** A count as typed: blank is absent, anything else a number (NaN and fractions are the schema's to refuse). */
function count(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/** Schema paths (siteName, requested.0.items.1, reusePhoneFrom) to the form field that shows them. */
function fieldOfPath(path: readonly PropertyKey[]): WorksiteField | null {
  const head = String(path[0] ?? '');
  if (head === 'reusePhoneFrom') return 'contactPhone';
  return head in emptyWorksiteForm() ? (head as WorksiteField) : null;
}

/** zod's own English messages (no Chinese one in the schema) in Chinese, per field. */
const fallbackMessages: WorksiteFormErrors = {
  orgPath: '请选择所在地区',
  outdoorWorkers: '请填写户外作业人数（整数）',
  highTempWorkers: '高温作业人数须为整数',
  location: '地图位置有误，请重新选择',
  preferredDates: '日期有误，请重新选择',
  requested: '需求选择有误，请重新选择',
  workerGroups: '人员类别选择有误，请重新选择',
};

/** The schema's message when it is Chinese; zod's own English one becomes the field's fallback. */
export function friendlyMessage<F extends string>(
  field: F,
  message: string,
  fallbacks: Partial<Record<F, string>>,
): string {
  if (/[\u4e00-\u9fa5]/.test(message)) return message;
  return fallbacks[field] ?? '填写有误，请检查';
}

export type WorksiteCheck = { draft: WorksiteSignupDraft } | { errors: WorksiteFormErrors };

/**
 * Checks the form with the API's own schema (and the campaign's season for dates); returns the draft
 * to send, or a Chinese message per field. The cross-field rules are checked here too, so every
 * problem shows at once rather than one after another.
 */
export function worksiteFormToDraft(values: WorksiteFormValues, campaign: Campaign): WorksiteCheck {
  const errors: WorksiteFormErrors = {};
  if (!values.orgPath) errors.orgPath = '请选择所在地区';
  if (!values.reusePhone && !values.contactPhone.trim()) errors.contactPhone = '请填写联系电话';
  const outdoor = count(values.outdoorWorkers);
  const highTemp = count(values.highTempWorkers);
  if (outdoor !== undefined && highTemp !== undefined && highTemp > outdoor)
    errors.highTempWorkers = '高温作业人数不能多于户外作业人数';
  const outside = values.preferredDates.filter((d) => d < campaign.season.from || d > campaign.season.to);
  if (outside.length > 0) errors.preferredDates = `${outside.join('、')} 不在活动期间内`;

  const candidate = {
    campaignId: campaign.id,
    siteName: values.siteName,
    orgPath: values.orgPath,
    address: values.address,
    location: values.location ? { lat: values.location.lat, lng: values.location.lng } : undefined,
    outdoorWorkers: outdoor,
    highTempWorkers: highTemp,
    workerGroups: values.workerGroups,
    requested: values.requested,
    preferredDates: [...values.preferredDates].sort(),
    contactName: values.contactName,
    contactPhone: values.reusePhone ? undefined : values.contactPhone.trim() || undefined,
    reusePhoneFrom: values.reusePhone?.from,
    note: values.note.trim() || undefined,
  } as WorksiteSignupDraftInput;
  const parsed = worksiteSignupDraftSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path) ?? 'siteName';
      errors[field] ??= friendlyMessage(field, issue.message, fallbackMessages);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { draft: parsed.data };
}

/**
 * A 400's `details.issues` on a sign-up form's fields (`fieldOf` reads a path below `body.signup`,
 * e.g. `siteName` or `requested.0.items`); what no field shows (the request id, the campaign) comes
 * back in `other` for the banner.
 */
export function signupErrorsFromIssues<F extends string>(
  issues: readonly FieldIssue[],
  fieldOf: (path: string[]) => F | null,
): { errors: Partial<Record<F, string>>; other: string[] } {
  const errors: Partial<Record<F, string>> = {};
  const other: string[] = [];
  for (const issue of issues) {
    const field = issue.path.startsWith('body.signup.')
      ? fieldOf(issue.path.slice('body.signup.'.length).split('.'))
      : null;
    if (field) errors[field] ??= issue.message;
    else other.push(issue.message);
  }
  return { errors, other };
}

export const worksiteErrorsFromIssues = (issues: readonly FieldIssue[]) =>
  signupErrorsFromIssues(issues, fieldOfPath);

/** Picks or drops one value of a multiple choice. */
export function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}
