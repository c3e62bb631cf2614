import {
  type ImportIssue,
  isWithinOrg,
  type Station,
  type StationDraft,
  stationDraftSchema,
} from '@ankang/shared';
import { getStationsByExternalIds } from '../db/externalIds';
import { getOrgs } from '../db/orgs';
import type { Caller } from './caller';
import { type ColumnKey, columnLabel } from './importColumns';
import type { MappedRow } from './importMapping';
import { isInScope } from './scope';

/** What an import does with one row, and the problems found in it. */
export type Plan =
  | { row: number; action: 'refuse'; issues: ImportIssue[] }
  | { row: number; action: 'unchanged'; issues: ImportIssue[] }
  | { row: number; action: 'create'; draft: StationDraft; issues: ImportIssue[] }
  | { row: number; action: 'update'; draft: StationDraft; previous: Station; issues: ImportIssue[] };

const column = (key: ColumnKey) => columnLabel[key];

/** An external id used twice: the first row keeps it, later rows are refused. */
export function flagRepeatedIds(rows: MappedRow[]): void {
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    if (!row.externalId) continue;
    const first = firstRow.get(row.externalId);
    if (first === undefined) firstRow.set(row.externalId, row.row);
    else {
      row.issues.push({
        row: row.row,
        column: column('externalId'),
        message: `外部编号“${row.externalId}”与第 ${first} 行重复，本行未导入`,
      });
    }
  }
}

/** Which of these org paths exist. */
async function existingOrgs(paths: string[]): Promise<Set<string>> {
  return new Set((await getOrgs(paths)).map((org) => org.path));
}

/**
 * What to do with each row: two rounds of batch reads (external ids, then their stations) and one
 * of org nodes, whatever the row count; then pure checks per row.
 */
export async function planRows(caller: Caller, importOrg: string, rows: MappedRow[]): Promise<Plan[]> {
  const ids = rows.map((r) => r.externalId).filter((id) => id && id.length <= 64);
  const orgPaths = [...new Set([importOrg, ...rows.flatMap((r) => (r.orgPath ? [r.orgPath] : []))])];
  const [owners, orgs] = await Promise.all([getStationsByExternalIds(ids), existingOrgs(orgPaths)]);
  return rows.map((row) => planRow(caller, importOrg, row, owners, orgs));
}

function planRow(
  caller: Caller,
  importOrg: string,
  row: MappedRow,
  owners: Map<string, Station | null>,
  orgs: Set<string>,
): Plan {
  const issues = [...row.issues];
  const issue = (key: ColumnKey, message: string) =>
    issues.push({ row: row.row, column: column(key), message });
  const id = row.externalId;
  const previous = id ? owners.get(id) : undefined;
  if (previous === null) {
    issue('externalId', `外部编号“${id}”已被占用，但找不到对应的驿站，请联系管理员`);
  } else if (previous && !isInScope(caller, previous.orgPath)) {
    issue('externalId', `外部编号“${id}”已被您管理范围以外的驿站使用，请换一个编号`);
  } else if (previous && !isWithinOrg(previous.orgPath, importOrg)) {
    issue(
      'externalId',
      `外部编号“${id}”的驿站（${previous.name}）属于组织 ${previous.orgPath}，不在本次导入的组织之下`,
    );
  }
  const orgPath = row.orgPath ?? previous?.orgPath ?? importOrg;
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
