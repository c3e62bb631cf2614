import {
  amenityCodes,
  externalIdSchema,
  type GcjPoint,
  type HoursException,
  type HoursTextField,
  type HoursTextResult,
  type ImportIssue,
  inServiceArea,
  isWithinOrg,
  parseHoursText,
  phoneSchema,
  SERVICE_AREA,
  type Season,
  type StationDraft,
  stationDraftSchema,
  type WeeklyPeriod,
  wgs84ToGcj02,
} from '@ankang/shared';
import { type ColumnKey, columnLabel, type Layout } from './importColumns';
import type { Cell, SheetRow } from './importRows';
import { amenityByWord, amenityList, hostTypeByWord, hostTypeList, lookupKey } from './importVocabulary';

/**
 * One data row read into station fields. Only columns present in the file are set, so an update
 * can keep what a left-out column would have cleared; a present but empty optional cell clears.
 */
export interface MappedRow {
  row: number;
  externalId: string;
  /** Blank: the station's current org (update) or the import's org (create). */
  orgPath?: string;
  fields: Partial<
    Pick<
      StationDraft,
      'name' | 'address' | 'district' | 'location' | 'hostType' | 'amenities' | 'phone' | 'bestYears'
    >
  >;
  hours?: {
    alwaysOpen: boolean;
    weekly: WeeklyPeriod[];
    /** Absent when the column is not in the file. */
    exceptions?: HoursException[];
    /** `null` when the column is present and empty; absent when the column is not in the file. */
    season?: Season | null;
  };
  issues: ImportIssue[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as text; a date cell as a date (`2026-10-01`), or as a month and day for the season. */
function cellText(cell: Cell | undefined, key: ColumnKey): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    const monthDay = `${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
    return key === 'season' ? monthDay : `${cell.getUTCFullYear()}-${monthDay}`;
  }
  return String(cell).trim();
}

/**
 * A phone number an XLSX file stored as a number has lost its leading 0 (0512… → 512…): put it back
 * unless it is a mobile (1[3-9] + 9 digits), a 400 number or a short service number.
 */
export function phoneText(cell: Cell | undefined): string {
  if (typeof cell !== 'number') {
    return cellText(cell, 'phone').normalize('NFKC').replace(/\s+/g, '').replace(/[—–]/g, '-');
  }
  const digits = String(cell);
  if (/^1[3-9]\d{9}$/.test(digits) || /^400\d{7}$/.test(digits) || digits.length < 9) return digits;
  return `0${digits}`;
}

function parseCoordinate(
  text: string,
  label: string,
  min: number,
  max: number,
  example: string,
): number | string {
  const normalised = text.normalize('NFKC').replace(/\s+/g, '');
  if (!normalised) return `请填写${label}`;
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return `${label}应为小数形式的度数，例如 ${example}`;
  const value = Number(normalised);
  if (value < min || value > max)
    return `${label}应在 ${min} 到 ${max} 之间（中国境内），当前为 ${normalised}`;
  return value;
}

/** Six decimals (about 0.1 m): enough for a door, and the same file always gives the same numbers. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function split(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[、,;|\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

const hoursColumn: Record<HoursTextField, ColumnKey> = {
  weekly: 'hours',
  exceptions: 'exceptions',
  season: 'season',
};

/** Reads one data row; every bad cell becomes an issue naming its column in Chinese. */
export function mapRow(sheetRow: SheetRow, layout: Layout, importOrg: string): MappedRow {
  const issues: ImportIssue[] = [];
  const has = (key: ColumnKey) => layout.index[key] !== undefined;
  const cell = (key: ColumnKey): Cell | undefined =>
    has(key) ? sheetRow.cells[layout.index[key]!] : undefined;
  const text = (key: ColumnKey) => cellText(cell(key), key);
  const issue = (key: ColumnKey, message: string) =>
    issues.push({ row: sheetRow.row, column: columnLabel[key], message });

  // The row's key: required here, though a station made in the form may have none.
  let externalId = '';
  const externalIdText = text('externalId');
  if (!externalIdText) issue('externalId', '请填写外部编号（来源系统中的唯一编号）');
  else {
    const parsed = externalIdSchema.safeParse(externalIdText);
    if (parsed.success) externalId = parsed.data;
    else issue('externalId', parsed.error.issues[0]!.message);
  }

  // Each text column is checked by its field's schema: an import refuses what the form refuses.
  const fields: MappedRow['fields'] = {};
  for (const key of ['name', 'address', 'district'] as const) {
    const parsed = stationDraftSchema.shape[key].safeParse(text(key));
    if (parsed.success) fields[key] = parsed.data;
    else issue(key, parsed.error.issues[0]!.message);
  }

  let orgPath: string | undefined;
  const orgText = text('orgPath');
  if (orgText) {
    const parsed = stationDraftSchema.shape.orgPath.safeParse(orgText);
    if (!parsed.success) issue('orgPath', parsed.error.issues[0]!.message);
    else if (!isWithinOrg(parsed.data, importOrg))
      issue('orgPath', `组织路径“${orgText}”不在本次导入的组织（${importOrg}）之下`);
    else orgPath = parsed.data;
  }

  const location = readLocation(text('lng'), text('lat'), text('crs'), issue);
  if (location) fields.location = location;

  const hostTypeText = text('hostType');
  const hostType = hostTypeText ? hostTypeByWord.get(lookupKey(hostTypeText)) : undefined;
  if (!hostTypeText) issue('hostType', `请填写类型，可填：${hostTypeList}`);
  else if (!hostType) issue('hostType', `无法识别的类型“${hostTypeText}”，可填：${hostTypeList}`);
  else fields.hostType = hostType;

  if (has('amenities')) {
    const words = split(text('amenities'));
    const unknown = words.filter((w) => !amenityByWord.has(lookupKey(w)));
    if (unknown.length > 0) issue('amenities', `无法识别的设施“${unknown.join('、')}”，可填：${amenityList}`);
    else {
      const codes = new Set(words.map((w) => amenityByWord.get(lookupKey(w))!));
      fields.amenities = amenityCodes.filter((code) => codes.has(code));
    }
  }

  if (has('phone')) {
    const phone = phoneText(cell('phone'));
    const parsed = phone ? phoneSchema.safeParse(phone) : undefined;
    if (parsed && !parsed.success)
      issue('phone', `电话“${phone}”格式不正确，例如 13812345678 或 0512-58123456`);
    else fields.phone = parsed?.data;
  }

  if (has('bestYears')) {
    const words = split(text('bestYears')).map((w) => w.replace(/年$/, ''));
    const bad = words.filter((w) => !/^\d{4}$/.test(w) || Number(w) < 2015 || Number(w) > 2100);
    if (bad.length > 0)
      issue('bestYears', `最美年份“${bad.join('、')}”不正确，应为 2015 年以后的年份，例如“2023、2024”`);
    else fields.bestYears = [...new Set(words.map(Number))].sort((a, b) => a - b);
  }

  const hours = readHours(
    text('hours'),
    has('exceptions') ? text('exceptions') : undefined,
    has('season') ? text('season') : undefined,
    issue,
  );
  return {
    row: sheetRow.row,
    externalId,
    ...(orgPath ? { orgPath } : {}),
    fields,
    ...(hours ? { hours } : {}),
    issues,
  };
}

function readLocation(
  lngText: string,
  latText: string,
  crsText: string,
  issue: (key: ColumnKey, message: string) => void,
): GcjPoint | undefined {
  const { minLng, maxLng, minLat, maxLat } = SERVICE_AREA;
  const lng = parseCoordinate(lngText, '经度', minLng, maxLng, '120.5532');
  const lat = parseCoordinate(latText, '纬度', minLat, maxLat, '31.8765');
  const crs = lookupKey(crsText).replace(/[-_]/g, '');
  const wgs = ['wgs84', 'gps', 'wgs'].includes(crs);
  const crsKnown = wgs || ['', 'gcj02', 'gcj', '火星坐标', '国测局', '高德', '腾讯'].includes(crs);
  if (['bd09', '百度', 'baidu'].includes(crs)) {
    issue('crs', '暂不支持百度坐标（BD-09），请先转换为 GCJ-02 或 WGS-84');
  } else if (!crsKnown) {
    issue('crs', `无法识别的坐标系“${crsText}”，可填 GCJ-02（高德、腾讯地图）或 WGS-84（GPS）`);
  }
  // Swapped columns are the commonest coordinate mistake: say so instead of two range errors.
  const swapped = inServiceArea({ lng: Number(latText), lat: Number(lngText) });
  if (typeof lng === 'string' && typeof lat === 'string' && swapped) {
    issue('lng', `经度和纬度似乎填反了：经度约为 ${minLng}–${maxLng}，纬度约为 ${minLat}–${maxLat}`);
    return undefined;
  }
  if (typeof lng === 'string') issue('lng', lng);
  if (typeof lat === 'string') issue('lat', lat);
  if (typeof lng === 'string' || typeof lat === 'string' || !crsKnown) return undefined;
  const point = wgs ? wgs84ToGcj02(lng, lat) : { lng, lat };
  return { lng: round6(point.lng), lat: round6(point.lat) };
}

const parsedHours = new Map<string, HoursTextResult>();

/** Most files repeat a few hours texts on every row: parse each once (the parser is pure). */
function parseHoursOnce(text: { weekly: string; exceptions: string; season: string }): HoursTextResult {
  const key = `${text.weekly}\u0000${text.exceptions}\u0000${text.season}`;
  let result = parsedHours.get(key);
  if (!result) {
    if (parsedHours.size >= 5000) parsedHours.clear();
    result = parseHoursText(text);
    parsedHours.set(key, result);
  }
  return result;
}

/**
 * Every problem in the three hours columns: the parser stops at the first, so the failing text is
 * set aside and the others are read again.
 */
function readHours(
  weekly: string,
  exceptions: string | undefined,
  season: string | undefined,
  issue: (key: ColumnKey, message: string) => void,
): MappedRow['hours'] | undefined {
  const text = { weekly, exceptions: exceptions ?? '', season: season ?? '' };
  let failed = false;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const result = parseHoursOnce(text);
    if (result.ok) {
      if (failed) return undefined;
      return {
        alwaysOpen: result.hours.alwaysOpen,
        weekly: result.hours.weekly,
        ...(exceptions === undefined ? {} : { exceptions: result.hours.exceptions }),
        ...(season === undefined ? {} : { season: result.hours.season ?? null }),
      };
    }
    failed = true;
    issue(hoursColumn[result.field], result.message);
    text[result.field] = result.field === 'weekly' ? '24小时' : '';
  }
  return undefined;
}
