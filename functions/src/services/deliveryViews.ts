import type { Delivery, PhotoView } from '@ankang/shared';
import type { DeliveryRecord } from '../db/deliveryItems';
import { photoViewsForMany } from './photoViews';

/** A record as readers see it: explicit fields, never the user id or the hashes. */
export function toDeliveryView(record: DeliveryRecord, photos: PhotoView[] = []): Delivery {
  return {
    id: record.id,
    campaignId: record.campaignId,
    volunteerSignupId: record.volunteerSignupId,
    volunteerName: record.volunteerName,
    site: record.site,
    orgPath: record.orgPath,
    orgName: record.orgName,
    siteName: record.siteName,
    siteAddress: record.siteAddress,
    ...(record.siteLocation ? { siteLocation: record.siteLocation } : {}),
    kind: record.kind,
    kindName: record.kindName,
    items: record.items,
    peopleReached: record.peopleReached,
    photoIds: record.photoIds,
    photos,
    ...(record.position ? { position: record.position } : {}),
    deliveredAt: record.deliveredAt,
    date: record.date,
    ...(record.notes === undefined ? {} : { notes: record.notes }),
    flags: record.flags,
    moneyFen: record.moneyFen,
    review: record.review,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/**
 * Views of several records with their photos, one batched photo read for them all: a record shows
 * only landed photos among its photoIds that its own volunteer sent (a record may land before its
 * photos; they appear once both have).
 */
export async function deliveryViews(records: readonly DeliveryRecord[]): Promise<Delivery[]> {
  const photos = await photoViewsForMany(
    records.map((record) => ({
      owner: { kind: 'delivery' as const, id: record.id },
      ids: record.photoIds,
      uploaderUserId: record.userId,
    })),
  );
  return records.map((record, index) => toDeliveryView(record, photos[index] ?? []));
}

export async function deliveryView(record: DeliveryRecord): Promise<Delivery> {
  const [view] = await deliveryViews([record]);
  return view!;
}
