import { randomInt } from 'node:crypto';
import { deliveryKeys } from './keys';
import type { TransactItem } from './transactions';

/**
 * Pure builders of a campaign's counters ("tallies"; the reads and the table-bound builders are in
 * tallies.ts), importable without the configured client (the demo seed uses them).
 *
 * A campaign's counters ("tallies"), kept in the same transaction as every delivery and hand-out
 * write, edit and review, so the dashboard reads figures and never scans records.
 *
 * One counter item per (campaign, org node, Shanghai date, shard). A write counts at every org node
 * from the campaign's own node down to the record's org path, so any node's dashboard is one query
 * of its own partition: at most season days × TALLY_SHARDS items, whatever the number of records.
 * The shard is picked at random per write: concurrent writes then rarely touch the same item, which
 * in AWS would cancel one of the transactions (TransactionConflict; see conflictRetry.ts).
 *
 * Counters are flat numeric attributes (ADD creates a missing one at 0, which a nested map path
 * cannot), named by what they count:
 *   t#deliveries t#handouts t#people t#moneyFen        totals (records not rejected)
 *   s#<status>                                         deliveries per review status
 *   k#<kind>#deliveries|people|moneyFen                per delivery kind
 *   i#<kind>#<item>#quantity|moneyFen                  per catalog item
 *   c#<child org path>#deliveries|handouts|people|moneyFen   per direct child node
 *   v#<volunteerSignupId>#deliveries|people            per volunteer
 */
export const TALLY_SHARDS = 8;

/** What one write changes; every number may be negative (an edit, a rejection). */
export interface TallyDelta {
  deliveries?: number;
  handouts?: number;
  people?: number;
  moneyFen?: number;
  /** Deliveries per review status (e.g. a review: pending −1, approved +1). */
  status?: Partial<Record<string, number>>;
  kinds?: { code: string; deliveries?: number; people?: number; moneyFen?: number }[];
  items?: { kind: string; code: string; quantity?: number; moneyFen?: number }[];
  volunteers?: { volunteerSignupId: string; deliveries?: number; people?: number }[];
}

/** One change to count: a delta on the date and at the org path of a record. */
export interface TallyChange {
  /** Shanghai date (YYYY-MM-DD) the record counts on. */
  date: string;
  /** The record's org path: inside the campaign's org (or the campaign's org itself). */
  orgPath: string;
  delta: TallyDelta;
}

/** The counter attributes a delta adds to at one node (children are the node's direct child on the path). */
function counterValues(delta: TallyDelta, child: string | null): Map<string, number> {
  const values = new Map<string, number>();
  const add = (name: string, value: number | undefined) => {
    if (value) values.set(name, (values.get(name) ?? 0) + value);
  };
  const totals = ['deliveries', 'handouts', 'people', 'moneyFen'] as const;
  for (const field of totals) add(`t#${field}`, delta[field]);
  for (const [status, value] of Object.entries(delta.status ?? {})) add(`s#${status}`, value);
  for (const kind of delta.kinds ?? []) {
    add(`k#${kind.code}#deliveries`, kind.deliveries);
    add(`k#${kind.code}#people`, kind.people);
    add(`k#${kind.code}#moneyFen`, kind.moneyFen);
  }
  for (const item of delta.items ?? []) {
    add(`i#${item.kind}#${item.code}#quantity`, item.quantity);
    add(`i#${item.kind}#${item.code}#moneyFen`, item.moneyFen);
  }
  if (child) for (const field of totals) add(`c#${child}#${field}`, delta[field]);
  for (const volunteer of delta.volunteers ?? []) {
    add(`v#${volunteer.volunteerSignupId}#deliveries`, volunteer.deliveries);
    add(`v#${volunteer.volunteerSignupId}#people`, volunteer.people);
  }
  return values;
}

/** The nodes from the campaign's org down to `orgPath`, each with its child on that path (null at the end). */
export function tallyLevels(
  campaignOrgPath: string,
  orgPath: string,
): { node: string; child: string | null }[] {
  if (orgPath !== campaignOrgPath && !orgPath.startsWith(`${campaignOrgPath}/`)) {
    throw new Error(`org ${orgPath} is outside the campaign's org ${campaignOrgPath}`);
  }
  const top = campaignOrgPath.split('/');
  const segments = orgPath.split('/');
  const levels: { node: string; child: string | null }[] = [];
  for (let depth = top.length; depth <= segments.length; depth += 1) {
    const node = segments.slice(0, depth).join('/');
    const child = depth < segments.length ? segments.slice(0, depth + 1).join('/') : null;
    levels.push({ node, child });
  }
  return levels;
}

function updateItem(
  table: string,
  campaignId: string,
  node: string,
  date: string,
  shard: number,
  values: Map<string, number>,
  at: string,
): TransactItem {
  const names: Record<string, string> = { '#type': 'type', '#date': 'date' };
  const numbers: Record<string, unknown> = {
    ':one': 1,
    ':type': 'Tally',
    ':campaign': campaignId,
    ':node': node,
    ':date': date,
    ':at': at,
  };
  const adds = ['version :one'];
  [...values.entries()].forEach(([name, value], index) => {
    names[`#n${index}`] = name;
    numbers[`:v${index}`] = value;
    adds.push(`#n${index} :v${index}`);
  });
  return {
    Update: {
      TableName: table,
      Key: deliveryKeys.tally(campaignId, node, date, shard),
      UpdateExpression: `SET #type = :type, campaignId = :campaign, orgPath = :node, #date = :date, updatedAt = :at ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: numbers,
    },
  };
}

/**
 * The Update entries (on `table`) that count `changes` for a campaign, to put in the same TransactWriteItems as
 * the record they count (at most 100 entries in all: each change takes one per org level, ≤ 5).
 * Changes on the same date and org are merged into one entry (a transaction may touch an item only
 * once), so an edit passes the old record's delta negated and the new one's, and what cancels out
 * is not written. One random shard per call.
 */
export function buildTallyUpdates(
  table: string,
  campaign: { id: string; orgPath: string },
  changes: readonly TallyChange[],
  at: string = new Date().toISOString(),
  shard: number = randomInt(TALLY_SHARDS),
): TransactItem[] {
  const merged = new Map<string, { node: string; date: string; values: Map<string, number> }>();
  for (const change of changes) {
    for (const { node, child } of tallyLevels(campaign.orgPath, change.orgPath)) {
      const key = `${node} ${change.date}`;
      const entry = merged.get(key) ?? { node, date: change.date, values: new Map<string, number>() };
      for (const [name, value] of counterValues(change.delta, child)) {
        entry.values.set(name, (entry.values.get(name) ?? 0) + value);
      }
      merged.set(key, entry);
    }
  }
  return [...merged.values()]
    .map((entry) => ({ ...entry, values: new Map([...entry.values].filter(([, value]) => value !== 0)) }))
    .filter((entry) => entry.values.size > 0)
    .map((entry) => updateItem(table, campaign.id, entry.node, entry.date, shard, entry.values, at));
}

export interface TallyCounts {
  deliveries: number;
  handouts: number;
  people: number;
  moneyFen: number;
}

/** A node's counters summed over its shards: what the dashboard shows. */
export interface TallySums {
  totals: TallyCounts;
  status: Record<string, number>;
  byDay: Map<string, TallyCounts>;
  kinds: Map<string, { deliveries: number; people: number; moneyFen: number }>;
  /** Keyed `${kind}#${item}`. */
  items: Map<string, { kind: string; code: string; quantity: number; moneyFen: number }>;
  children: Map<string, TallyCounts>;
  volunteers: Map<string, { deliveries: number; people: number }>;
}

const emptyCounts = (): TallyCounts => ({ deliveries: 0, handouts: 0, people: 0, moneyFen: 0 });

/** Adds `n` to `field` of the map's entry for `key`, made by `make` when missing. */
function bump<K, V extends object>(map: Map<K, V>, key: K, make: () => V, field: string, n: number): void {
  const entry = (map.get(key) ?? make()) as Record<string, unknown>;
  entry[field] = (typeof entry[field] === 'number' ? entry[field] : 0) + n;
  map.set(key, entry as V);
}

/** Adds one stored counter item into the sums. Pure (the unit tests sum items built by hand). */
export function addTallyItem(sums: TallySums, item: Record<string, unknown>): void {
  const date = String(item.date);
  for (const [name, raw] of Object.entries(item)) {
    if (typeof raw !== 'number' || !name.includes('#')) continue;
    const parts = name.split('#');
    const field = parts.at(-1)!;
    switch (parts[0]) {
      case 't':
        sums.totals[field as keyof TallyCounts] += raw;
        bump(sums.byDay, date, emptyCounts, field, raw);
        break;
      case 's':
        sums.status[field] = (sums.status[field] ?? 0) + raw;
        break;
      case 'k':
        bump(sums.kinds, parts[1]!, () => ({ deliveries: 0, people: 0, moneyFen: 0 }), field, raw);
        break;
      case 'i': {
        const [kind, code] = [parts[1]!, parts[2]!];
        bump(sums.items, `${kind}#${code}`, () => ({ kind, code, quantity: 0, moneyFen: 0 }), field, raw);
        break;
      }
      case 'c':
        bump(sums.children, parts.slice(1, -1).join('#'), emptyCounts, field, raw);
        break;
      case 'v':
        bump(sums.volunteers, parts[1]!, () => ({ deliveries: 0, people: 0 }), field, raw);
        break;
    }
  }
}

export function emptyTallySums(): TallySums {
  return {
    totals: emptyCounts(),
    status: {},
    byDay: new Map(),
    kinds: new Map(),
    items: new Map(),
    children: new Map(),
    volunteers: new Map(),
  };
}
