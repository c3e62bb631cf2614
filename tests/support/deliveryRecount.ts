import type { Campaign, DeliveryDashboard } from '@ankang/shared';

/** What a recount needs of a stored delivery (a view or a record). */
export interface CountedDelivery {
  orgPath: string;
  date: string;
  kind: string;
  items: { code: string; quantity: number }[];
  peopleReached: number;
  volunteerSignupId: string;
  review: { status: string };
}

/** The figures a dashboard shows, recounted from records with the test's own sums. */
export interface Recount {
  totals: { deliveries: number; handouts: number; people: number; moneyFen: number };
  byStatus: Record<string, number>;
  byKind: Record<string, { deliveries: number; people: number; moneyFen: number }>;
  byItem: Record<string, { quantity: number; moneyFen: number }>;
  byOrg: Record<string, { deliveries: number; people: number; moneyFen: number }>;
  byDay: Record<string, { deliveries: number; people: number }>;
  volunteers: Record<string, { deliveries: number; people: number }>;
}

const within = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

/** The map's entry for `key`, made from `fresh` when missing. */
function entryOf<T>(map: Record<string, T>, key: string, fresh: () => T): T {
  map[key] = map[key] ?? fresh();
  return map[key];
}

/**
 * Recounts a campaign's figures for the subtree `root` from its records: money from the catalog's
 * unit prices (not the stored amounts), rejected records out of every total but byStatus. Only
 * non-zero entries are kept, so the result compares with a dashboard's non-zero rows.
 */
export function recount(
  records: readonly CountedDelivery[],
  campaign: Pick<Campaign, 'kinds'>,
  root: string,
): Recount {
  const price = (kind: string, code: string) =>
    campaign.kinds.find((k) => k.code === kind)?.items.find((item) => item.code === code)?.unitCostFen ?? 0;
  const result: Recount = {
    totals: { deliveries: 0, handouts: 0, people: 0, moneyFen: 0 },
    byStatus: { pending: 0, approved: 0, needsChanges: 0, rejected: 0 },
    byKind: {},
    byItem: {},
    byOrg: {},
    byDay: {},
    volunteers: {},
  };
  const depth = root.split('/').length + 1;
  for (const record of records) {
    if (!within(record.orgPath, root)) continue;
    result.byStatus[record.review.status] = (result.byStatus[record.review.status] ?? 0) + 1;
    if (record.review.status === 'rejected') continue;
    let money = 0;
    for (const item of record.items) {
      const fen = item.quantity * price(record.kind, item.code);
      money += fen;
      const key = `${record.kind}#${item.code}`;
      const entry = entryOf(result.byItem, key, () => ({ quantity: 0, moneyFen: 0 }));
      entry.quantity += item.quantity;
      entry.moneyFen += fen;
    }
    result.totals.deliveries += 1;
    result.totals.people += record.peopleReached;
    result.totals.moneyFen += money;
    const kind = entryOf(result.byKind, record.kind, () => ({ deliveries: 0, people: 0, moneyFen: 0 }));
    kind.deliveries += 1;
    kind.people += record.peopleReached;
    kind.moneyFen += money;
    const segments = record.orgPath.split('/');
    if (segments.length >= depth) {
      const child = segments.slice(0, depth).join('/');
      const org = entryOf(result.byOrg, child, () => ({ deliveries: 0, people: 0, moneyFen: 0 }));
      org.deliveries += 1;
      org.people += record.peopleReached;
      org.moneyFen += money;
    }
    const dayEntry = entryOf(result.byDay, record.date, () => ({ deliveries: 0, people: 0 }));
    dayEntry.deliveries += 1;
    dayEntry.people += record.peopleReached;
    const volunteer = entryOf(result.volunteers, record.volunteerSignupId, () => ({
      deliveries: 0,
      people: 0,
    }));
    volunteer.deliveries += 1;
    volunteer.people += record.peopleReached;
  }
  return result;
}

/** A dashboard's figures in the recount's shape (zero rows left out), to compare with toStrictEqual. */
export function dashboardFigures(dashboard: DeliveryDashboard): Omit<Recount, 'volunteers'> {
  const nonZero = <T extends Record<string, number>>(row: T) =>
    Object.values(row).some((value) => value !== 0);
  return {
    totals: dashboard.totals,
    byStatus: dashboard.byStatus,
    byKind: Object.fromEntries(
      dashboard.byKind
        .filter((row) => nonZero({ d: row.deliveries, p: row.people, m: row.moneyFen }))
        .map((row) => [row.code, { deliveries: row.deliveries, people: row.people, moneyFen: row.moneyFen }]),
    ),
    byItem: Object.fromEntries(
      dashboard.byItem
        .filter((row) => nonZero({ q: row.quantity, m: row.moneyFen }))
        .map((row) => [`${row.kind}#${row.code}`, { quantity: row.quantity, moneyFen: row.moneyFen }]),
    ),
    byOrg: Object.fromEntries(
      dashboard.byOrg
        .filter((row) => nonZero({ d: row.deliveries, p: row.people, m: row.moneyFen }))
        .map((row) => [
          row.orgPath,
          { deliveries: row.deliveries, people: row.people, moneyFen: row.moneyFen },
        ]),
    ),
    byDay: Object.fromEntries(
      dashboard.byDay
        .filter((row) => nonZero({ d: row.deliveries, p: row.people }))
        .map((row) => [row.date, { deliveries: row.deliveries, people: row.people }]),
    ),
  };
}

/** The recount without the volunteer sums, in the dashboardFigures shape. */
export function recountFigures(count: Recount): Omit<Recount, 'volunteers'> {
  const { volunteers: _volunteers, ...figures } = count;
  return figures;
}
