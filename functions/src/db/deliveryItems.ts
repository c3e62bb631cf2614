import { deliverySchema } from '@ankang/shared';
import { z } from 'zod';
import { deliveryIndexKeys, deliveryKeys } from './keys';
import type { TransactItem } from './transactions';

/**
 * A delivery as stored: what readers see (photos come from the photo piece when it is read) plus
 * what only the server uses — who recorded it, and the hashes that make a retried create or edit
 * answer the first result instead of writing again. Services turn a record into its view.
 */
export const deliveryRecordSchema = deliverySchema.omit({ photos: true }).extend({
  userId: z.string(),
  /** sha256 of the canonical JSON of the create's parsed body (the id included). */
  contentHash: z.string(),
  /** The same of the last applied edit's body, so its retry is answered, not refused as stale. */
  editHash: z.string().optional(),
  /**
   * The campaign's org when the record was first counted: every later change to its counters is
   * made from the same node, so what an edit or review takes away is exactly what was added.
   */
  tallyRoot: z.string(),
});
export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>;

/** The item of a delivery: the record, the volunteer's index and the campaign's review queue. Pure. */
export function deliveryToItem(record: DeliveryRecord): Record<string, unknown> {
  return {
    ...deliveryKeys.delivery(record.id),
    ...deliveryIndexKeys.byVolunteer(record.userId, record.campaignId, record.deliveredAt, record.id),
    ...deliveryIndexKeys.queue(
      record.campaignId,
      record.review.status,
      record.orgPath,
      record.deliveredAt,
      record.id,
    ),
    type: 'Delivery',
    ...record,
  };
}

/**
 * Adds `n` approved deliveries to a worksite's coverage count: written in the review transaction
 * that approves a delivery at an assigned site, so coverage is exact without reading deliveries.
 */
export function coverageItemUpdate(
  table: string,
  campaignId: string,
  orgPath: string,
  worksiteSignupId: string,
  n: number,
  at: string,
): TransactItem {
  return {
    Update: {
      TableName: table,
      Key: deliveryKeys.coverage(campaignId, orgPath, worksiteSignupId),
      UpdateExpression:
        'SET #type = :type, campaignId = :campaign, orgPath = :org, worksiteSignupId = :site, updatedAt = :at ADD approvedDeliveries :n, version :one',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':type': 'DeliveryCoverage',
        ':campaign': campaignId,
        ':org': orgPath,
        ':site': worksiteSignupId,
        ':at': at,
        ':n': n,
        ':one': 1,
      },
    },
  };
}
