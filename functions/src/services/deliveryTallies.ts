import type { DeliveryRecord } from '../db/deliveryItems';
import { tallyUpdates } from '../db/tallies';
import type { TransactItem } from '../db/transactions';
import { deliveryChanges } from './deliveryCounts';

/**
 * The counter updates for a record moving from `before` to `after`, counted from the node the
 * record was first counted at. Built afresh on each try, so a retried transaction picks a new shard.
 */
export function deliveryTallyItems(
  before: DeliveryRecord | null,
  after: DeliveryRecord | null,
): TransactItem[] {
  const record = after ?? before;
  if (!record) return [];
  return tallyUpdates(
    { id: record.campaignId, orgPath: record.tallyRoot },
    deliveryChanges(before, after),
    record.updatedAt,
  );
}
