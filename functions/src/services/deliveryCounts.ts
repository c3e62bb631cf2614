import type { DeliveryRecord } from '../db/deliveryItems';
import type { TallyChange, TallyDelta } from '../db/tallyItems';

/**
 * What one record adds to the counters (`sign` −1 takes it away): its status always; its figures
 * only while it is not rejected (totals count every delivery that is not 未通过).
 */
export function deliveryDelta(record: DeliveryRecord, sign: 1 | -1): TallyDelta {
  const status = { [record.review.status]: sign };
  if (record.review.status === 'rejected') return { status };
  return {
    deliveries: sign,
    people: sign * record.peopleReached,
    moneyFen: sign * record.moneyFen,
    status,
    kinds: [
      {
        code: record.kind,
        deliveries: sign,
        people: sign * record.peopleReached,
        moneyFen: sign * record.moneyFen,
      },
    ],
    items: record.items.map((item) => ({
      kind: record.kind,
      code: item.code,
      quantity: sign * item.quantity,
      moneyFen: sign * item.moneyFen,
    })),
    volunteers: [
      { volunteerSignupId: record.volunteerSignupId, deliveries: sign, people: sign * record.peopleReached },
    ],
  };
}

/**
 * The counter changes of a record moving from `before` to `after` (null: absent): the old record
 * taken away and the new one added, each on its own date and org. tallyUpdates merges what falls on
 * the same counter item, so an edit that changes nothing counted writes no counter.
 */
export function deliveryChanges(before: DeliveryRecord | null, after: DeliveryRecord | null): TallyChange[] {
  return [
    ...(before ? [{ date: before.date, orgPath: before.orgPath, delta: deliveryDelta(before, -1) }] : []),
    ...(after ? [{ date: after.date, orgPath: after.orgPath, delta: deliveryDelta(after, 1) }] : []),
  ];
}
