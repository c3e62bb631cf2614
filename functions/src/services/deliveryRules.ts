import {
  type Campaign,
  type DeliveryEdit,
  type DeliveryFlag,
  type DeliveryItem,
  type DeliveryPosition,
  distanceMeters,
  type FieldIssue,
  shanghaiDate,
} from '@ankang/shared';
import type { DeliveryRecord } from '../db/deliveryItems';
import { AppError } from '../lib/errors';

/** Worse than this (metres) the fix cannot say where the volunteer stood. */
export const LOW_ACCURACY_M = 100;
/** Farther than this (metres) from the site's known point, the record is marked for a second look. */
export const FAR_FROM_SITE_M = 1000;
/** A phone's clock may run this far ahead of ours without its record being "in the future". */
export const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * The marks staff see beside a record: no position, a fix too coarse to vouch for it, or a point
 * far from the site's known position. Marks, not refusals: a volunteer with one bar of signal
 * still records what they did.
 */
export function deliveryFlagsFor(
  position: DeliveryPosition | undefined,
  siteLocation: { lat: number; lng: number } | undefined,
): DeliveryFlag[] {
  if (!position) return ['noPosition'];
  const flags: DeliveryFlag[] = [];
  if (position.accuracy > LOW_ACCURACY_M) flags.push('lowAccuracy');
  if (siteLocation && distanceMeters(position, siteLocation) > FAR_FROM_SITE_M) flags.push('farFromSite');
  return flags;
}

/**
 * The kind's catalog lines for the items given, with the name, unit and unit cost as they are now
 * (snapshotted on the record, so a later price change does not rewrite last month's report).
 * Anything not in the campaign's catalog is a 422 NOT_IN_CATALOG naming the fields.
 */
export function pricedItems(
  campaign: Pick<Campaign, 'kinds'>,
  kindCode: string,
  items: readonly { code: string; quantity: number }[],
): { kindName: string; items: DeliveryItem[]; moneyFen: number } {
  const kind = campaign.kinds.find((entry) => entry.code === kindCode);
  if (!kind) {
    throw notInCatalog([{ path: 'body.kind', message: `类别“${kindCode}”不在本活动的目录中` }]);
  }
  const catalog = new Map(kind.items.map((item) => [item.code, item]));
  const missing = items.flatMap((item, index) =>
    catalog.has(item.code)
      ? []
      : [{ path: `body.items.${index}.code`, message: `物资“${item.code}”不在“${kind.name}”的目录中` }],
  );
  if (missing.length > 0) throw notInCatalog(missing);
  const lines = items.map((item): DeliveryItem => {
    const entry = catalog.get(item.code)!;
    return {
      code: item.code,
      name: entry.name,
      unit: entry.unit,
      quantity: item.quantity,
      ...(entry.unitCostFen === undefined ? {} : { unitCostFen: entry.unitCostFen }),
      moneyFen: item.quantity * (entry.unitCostFen ?? 0),
    };
  });
  return { kindName: kind.name, items: lines, moneyFen: lines.reduce((sum, line) => sum + line.moneyFen, 0) };
}

function notInCatalog(issues: FieldIssue[]): AppError {
  return new AppError('NOT_IN_CATALOG', { details: { issues } });
}

/**
 * The Shanghai date a delivery counts on, if its time is not in the future (beyond the clock skew)
 * and falls on a date of the campaign's season; otherwise a 422 OUTSIDE_SEASON.
 */
export function deliveryDate(deliveredAt: string, season: Campaign['season'], at: Date): string {
  const when = new Date(deliveredAt);
  const date = shanghaiDate(when);
  if (when.getTime() > at.getTime() + CLOCK_SKEW_MS) {
    throw new AppError('OUTSIDE_SEASON', {
      message: '配送时间不能晚于当前时间',
      details: { issues: [{ path: 'body.deliveredAt', message: '配送时间不能晚于当前时间' }] },
    });
  }
  if (date < season.from || date > season.to) {
    const message = `配送日期须在活动期间（${season.from} 至 ${season.to}）`;
    throw new AppError('OUTSIDE_SEASON', {
      message,
      details: { issues: [{ path: 'body.deliveredAt', message }] },
    });
  }
  return date;
}

/** What the volunteer says about a delivery (the fields a create and an edit both set). */
type RecordedFields = Omit<DeliveryEdit, 'version'>;

/**
 * The record's fields a create and an edit both derive from what the volunteer sent: the priced
 * catalog lines, the season-checked date, the marks. Checks as pricedItems and deliveryDate.
 */
export function recordedFigures(
  campaign: Pick<Campaign, 'kinds' | 'season'>,
  body: RecordedFields,
  siteLocation: { lat: number; lng: number } | undefined,
  at: Date,
): Pick<
  DeliveryRecord,
  | 'kind'
  | 'kindName'
  | 'items'
  | 'peopleReached'
  | 'photoIds'
  | 'position'
  | 'deliveredAt'
  | 'date'
  | 'notes'
  | 'flags'
  | 'moneyFen'
> {
  const priced = pricedItems(campaign, body.kind, body.items);
  const date = deliveryDate(body.deliveredAt, campaign.season, at);
  return {
    kind: body.kind,
    kindName: priced.kindName,
    items: priced.items,
    peopleReached: body.peopleReached,
    photoIds: body.photoIds,
    ...(body.position ? { position: body.position } : {}),
    deliveredAt: body.deliveredAt,
    date,
    ...(body.notes === undefined ? {} : { notes: body.notes }),
    flags: deliveryFlagsFor(body.position, siteLocation),
    moneyFen: priced.moneyFen,
  };
}
