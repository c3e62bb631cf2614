import { type Delivery, type DeliveryEdit, editableDeliveryStatuses } from '@ankang/shared';
import { getCampaignById } from '../db/campaigns';
import { retryOnConflict } from '../db/conflictRetry';
import { getDeliveryRecord, writeDelivery } from '../db/deliveries';
import type { DeliveryRecord } from '../db/deliveryItems';
import { now } from '../lib/clock';
import { contentHash } from '../lib/contentHash';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { recordedFigures } from './deliveryRules';
import { deliveryTallyItems } from './deliveryTallies';
import { deliveryView } from './deliveryViews';

/** The caller's own record; anyone else's is as absent as a missing one. */
async function ownRecord(caller: Caller, id: string): Promise<DeliveryRecord> {
  const record = await getDeliveryRecord(id);
  if (!record || record.userId !== caller.userId) throw new AppError('DELIVERY_NOT_FOUND');
  return record;
}

/**
 * Why an edit based on `current` cannot be applied: the record was decided (approved or rejected:
 * 409 DELIVERY_LOCKED) or moved on from the version the edit read (409 VERSION_CONFLICT). Null when
 * it can.
 */
export function editRefusal(current: DeliveryRecord, version: number): AppError | null {
  if (!editableDeliveryStatuses.includes(current.review.status)) return new AppError('DELIVERY_LOCKED');
  if (current.version !== version) {
    return new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
  }
  return null;
}

/**
 * The volunteer changes their own record while it is 待审核 or 有问题; an edit of a 有问题 record
 * sends it back to 待审核 (staff's comment stays, so they see what they asked). The old figures
 * leave the counters and the new ones enter them in the same transaction as the record. A retry of
 * an edit already applied (same body) answers the record as it is.
 */
export async function updateDelivery(caller: Caller, id: string, body: DeliveryEdit): Promise<Delivery> {
  const hash = contentHash({ id, ...body });
  const current = await ownRecord(caller, id);
  if (current.editHash === hash) return deliveryView(current);
  const refusal = editRefusal(current, body.version);
  if (refusal) throw refusal;

  const campaign = await getCampaignById(current.campaignId);
  if (!campaign) throw new AppError('CAMPAIGN_NOT_FOUND');
  // An archived campaign is over and filed (its reports handed in): its figures stay as they are.
  if (campaign.status === 'archived') {
    throw new AppError('INVALID_TRANSITION', { message: '活动已归档，不能再修改配送记录' });
  }
  const at = now();
  const { position: _position, notes: _notes, ...kept } = current;
  const next: DeliveryRecord = {
    ...kept,
    ...recordedFigures(campaign, body, current.siteLocation, at),
    review: { ...current.review, status: 'pending' },
    version: current.version + 1,
    updatedAt: at.toISOString(),
    editHash: hash,
  };
  const outcome = await retryOnConflict(() =>
    writeDelivery(next, current.version, deliveryTallyItems(current, next)),
  );
  if (outcome === 'saved') return deliveryView(next);
  // Someone changed it meanwhile: a racing copy of this very edit is answered alike.
  const latest = await ownRecord(caller, id);
  if (latest.editHash === hash) return deliveryView(latest);
  throw editRefusal(latest, body.version) ?? new AppError('VERSION_CONFLICT');
}
