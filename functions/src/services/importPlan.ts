import { type ImportIssue, type Station, type StationDraft, stationDraftSchema } from '@ankang/shared';
import { getStationsByExternalIds } from '../db/externalIds';
import { getOrgs } from '../db/orgs';
import { type ColumnKey, columnLabel } from './importColumns';
import type { MappedRow } from './importMapping';

/** What an import does with one row, and the problems found in it. */
export type Plan =
  | { row: number; action: 'refuse'; issues: ImportIssue[] }
  | { row: number; action: 'unchanged'; issues: ImportIssue[] }
  | { row: number; action: 'create'; draft: StationDraft; issues: ImportIssue[] }
  | { row: number; action: 'update'; draft: StationDraft; previous: Station; issues: ImportIssue[] };

const column = (key: ColumnKey) => columnLabel[key];

/** Map key of an external id within an org (org paths hold no `#`). */
const refKey = (orgPath: string, externalId: string) => `${orgPath}#${externalId}`;

/**
 * Where a row's station may hold its external id (ids are unique per org): the row's 组织路径 (or
 * the import's org when blank), else the import's org — a station of the import's org that the
 * row moves down to its 组织路径.
 */
function lookupOrgs(row: MappedRow, importOrg: string): string[] {
  return [...new Set([row.orgPath ?? importOrg, importOrg])];
}

/** Which of these org paths exist. */
async function existingOrgs(paths: string[]): Promise<Set<string>> {
  return new Set((await getOrgs(paths)).map((org) => org.path));
}

/**
 * What to do with each row: two rounds of batch reads (external ids, then their stations) and one
 * of org nodes, whatever the row count; then pure checks per row, in file order.
 */
export async function planRows(importOrg: string, rows: MappedRow[]): Promise<Plan[]> {
  const refs = rows.flatMap((row) =>
    row.externalId
      ? lookupOrgs(row, importOrg).map((orgPath) => ({ orgPath, externalId: row.externalId }))
      : [],
  );
  const orgPaths = [...new Set([importOrg, ...rows.flatMap((r) => (r.orgPath ? [r.orgPath] : []))])];
  const [holders, orgs] = await Promise.all([getStationsByExternalIds(refs), existingOrgs(orgPaths)]);
  const held = new Map(holders.map((h) => [refKey(h.orgPath, h.externalId), h.station]));
  const firstRowOf = new Map<string, number>();
  return rows.map((row) => planRow(importOrg, row, held, orgs, firstRowOf));
}

/** The station that holds the row's external id: undefined when none, null when the claim is orphaned. */
function heldStation(
  row: MappedRow,
  importOrg: string,
  held: Map<string, Station | null>,
): Station | null | undefined {
  for (const orgPath of lookupOrgs(row, importOrg)) {
    const key = refKey(orgPath, row.externalId);
    if (held.has(key)) return held.get(key);
  }
  return undefined;
}

function planRow(
  importOrg: string,
  row: MappedRow,
  held: Map<string, Station | null>,
  orgs: Set<string>,
  firstRowOf: Map<string, number>,
): Plan {
  const issues = [...row.issues];
  const issue = (key: ColumnKey, message: string) =>
    issues.push({ row: row.row, column: column(key), message });
  const id = row.externalId;
  const previous = id ? heldStation(row, importOrg, held) : undefined;
  const orgPath = row.orgPath ?? importOrg;
  if (previous === null) {
    issue('externalId', `外部编号“${id}”已被占用，但找不到对应的驿站，请联系管理员`);
  }
  if (id) {
    // One row per station: the first row that reaches it (or would create it) wins.
    const target = previous ? previous.id : refKey(orgPath, id);
    const first = firstRowOf.get(target);
    if (first === undefined) firstRowOf.set(target, row.row);
    else issue('externalId', `外部编号“${id}”与第 ${first} 行重复，本行未导入`);
  }
  if (!orgs.has(orgPath) && orgPath !== previous?.orgPath) {
    issue('orgPath', `组织“${orgPath}”不存在，请先在组织管理中添加`);
  }
  if (issues.length > 0 || !row.hours) return { row: row.row, action: 'refuse', issues };

  const draft = completeDraft(row, previous ?? undefined, orgPath);
  if (!draft.success) return { row: row.row, action: 'refuse', issues: [...issues, ...draft.issues] };
  if (!previous) return { row: row.row, action: 'create', draft: draft.data, issues };
  if (sameDraft(previous, draft.data)) return { row: row.row, action: 'unchanged', issues };
  return { row: row.row, action: 'update', draft: draft.data, previous, issues };
}

/** Which column a field of the draft came from, for the schema's own messages. */
function columnOf(path: PropertyKey[]): ColumnKey {
  const [field, sub] = path;
  if (field === 'location') return sub === 'lat' ? 'lat' : 'lng';
  if (field === 'hours') return sub === 'exceptions' ? 'exceptions' : sub === 'season' ? 'season' : 'hours';
  return field as ColumnKey;
}

/** The row's fields over the stored station's (update) or the defaults (create), checked by the schema. */
function completeDraft(
  row: MappedRow,
  previous: Station | undefined,
  orgPath: string,
): { success: true; data: StationDraft } | { success: false; issues: ImportIssue[] } {
  const hours = row.hours!;
  const season = hours.season === undefined ? previous?.hours.season : (hours.season ?? undefined);
  const candidate = {
    amenities: [],
    bestYears: [],
    ...(previous ? stationDraftFields(previous) : {}),
    ...row.fields,
    externalId: row.externalId,
    orgPath,
    hours: {
      alwaysOpen: hours.alwaysOpen,
      weekly: hours.weekly,
      exceptions: hours.exceptions ?? previous?.hours.exceptions ?? [],
      ...(season ? { season } : {}),
    },
  };
  const parsed = stationDraftSchema.safeParse(candidate);
  if (parsed.success) return { success: true, data: parsed.data };
  return {
    success: false,
    issues: parsed.error.issues.map((i) => ({
      row: row.row,
      column: column(columnOf(i.path)),
      message: i.message,
    })),
  };
}

const draftKeys = Object.keys(stationDraftSchema.shape) as (keyof StationDraft)[];

/** The fields of a station that a draft sets. */
function stationDraftFields(station: Station): Partial<StationDraft> {
  return Object.fromEntries(draftKeys.map((key) => [key, station[key]]));
}

/** JSON with sorted keys and sorted lists, so the same content in another order compares equal. */
function comparable(draft: Partial<StationDraft>): string {
  const sortedDraft = {
    ...draft,
    amenities: [...(draft.amenities ?? [])].sort(),
    bestYears: [...(draft.bestYears ?? [])].sort((a, b) => a - b),
    hours: draft.hours && {
      ...draft.hours,
      weekly: [...draft.hours.weekly].sort((a, b) => a.day - b.day || a.open.localeCompare(b.open)),
      exceptions: [...draft.hours.exceptions].sort((a, b) => a.date.localeCompare(b.date)),
    },
  };
  return JSON.stringify(sortedDraft, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

function sameDraft(previous: Station, draft: StationDraft): boolean {
  return comparable(stationDraftFields(previous)) === comparable(draft);
}
