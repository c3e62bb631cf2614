import { type Handout, handoutSchema } from '@ankang/shared';
import { z } from 'zod';
import { handoutKeys } from './keys';
import type { TallyChange } from './tallyItems';

/**
 * A hand-out as stored: what readers see plus what only the server uses — the worker's full
 * pseudonym (the allowance counter's key), the recorder's user id (我的发放) and the hash of the
 * request that made it (a retry with the same id must carry the same content).
 */
export const handoutRecordSchema = handoutSchema.extend({
  pseudonym: z.string(),
  recorderUserId: z.string(),
  contentHash: z.string(),
});
export type HandoutRecord = z.infer<typeof handoutRecordSchema>;

/** The hand-out's item with its two listings. Pure, so the demo seed writes what the API reads. */
export function handoutToItem(record: HandoutRecord): Record<string, unknown> {
  const flagged = record.flags.includes('overAllowance');
  return {
    ...handoutKeys.handout(record.id),
    ...handoutKeys.byCampaign(record.campaignId, flagged, record.orgPath, record.handedAt, record.id),
    ...handoutKeys.byRecorder(record.recorderUserId, record.campaignId, record.handedAt, record.id),
    type: 'Handout',
    ...record,
  };
}

/** A day's allowance counter outlives its day by this long; then the table's TTL drops it. */
const ALLOWANCE_KEPT_S = 60 * 86_400;

/** The counter item of one worker's allowance on one day, holding `count`. */
export function allowanceItem(
  campaignId: string,
  pseudonym: string,
  date: string,
  count: number,
): Record<string, unknown> {
  return {
    ...handoutKeys.allowance(campaignId, pseudonym, date),
    type: 'HandoutAllowance',
    count,
    expiresAt: Math.floor(Date.parse(`${date}T00:00:00+08:00`) / 1000) + ALLOWANCE_KEPT_S,
  };
}

/** The hand-out view: the stored fields without the server-only ones. */
export function handoutView(record: HandoutRecord): Handout {
  const { pseudonym: _p, recorderUserId: _r, contentHash: _h, ...view } = record;
  return view;
}

/**
 * What a stored hand-out adds to the dashboard (negated when staff undo one): one hand-out, one
 * person reached, one of the allowance item and its cost.
 */
export function handoutTally(record: HandoutRecord, sign: 1 | -1): TallyChange {
  const money = sign * record.moneyFen;
  return {
    date: record.date,
    orgPath: record.orgPath,
    delta: {
      handouts: sign,
      people: sign,
      moneyFen: money,
      kinds: [{ code: record.kind, people: sign, moneyFen: money }],
      items: [{ kind: record.kind, code: record.item, quantity: sign, moneyFen: money }],
    },
  };
}
