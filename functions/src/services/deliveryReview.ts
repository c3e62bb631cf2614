import {
  type Delivery,
  type DeliveryReview,
  type DeliveryReviewStatus,
  deliveryDecisionStatus,
  deliveryReviewTransitions,
} from '@ankang/shared';
import { retryOnConflict } from '../db/conflictRetry';
import { getDeliveryRecord, writeDelivery } from '../db/deliveries';
import { coverageUpdate } from '../db/deliveryCoverage';
import type { DeliveryRecord } from '../db/deliveryItems';
import type { TransactItem } from '../db/transactions';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { deliveryTallyItems } from './deliveryTallies';
import { deliveryView } from './deliveryViews';
import { assertInScope } from './scope';

/**
 * Whether `current` is what this very decision made: its status, one version on from the version
 * it read, the same comment. Such a request (a retry whose answer was lost) is answered with the
 * record as it is instead of a conflict.
 */
function isSameDecision(current: DeliveryRecord, decision: DeliveryReview): boolean {
  return (
    current.review.status === deliveryDecisionStatus[decision.decision] &&
    current.version === decision.version + 1 &&
    current.review.comment === decision.comment
  );
}

export type DeliveryReviewStep = { kind: 'unchanged' } | { kind: 'move'; status: DeliveryReviewStatus };

/**
 * What a decision does to a record: nothing (a retry), or a move the review rules allow. A stale
 * version is a 409 VERSION_CONFLICT with the current one; a move from a final state (approved,
 * rejected) or to the same state is a 409 INVALID_TRANSITION.
 */
export function deliveryReviewStep(current: DeliveryRecord, decision: DeliveryReview): DeliveryReviewStep {
  if (isSameDecision(current, decision)) return { kind: 'unchanged' };
  if (current.version !== decision.version) {
    throw new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
  }
  const status = deliveryDecisionStatus[decision.decision];
  if (!deliveryReviewTransitions[current.review.status].includes(status)) {
    throw new AppError('INVALID_TRANSITION');
  }
  return { kind: 'move', status };
}

/** The coverage count an approval adds: one approved delivery at an assigned worksite. */
function coverageItems(next: DeliveryRecord): TransactItem[] {
  if (next.review.status !== 'approved' || next.site.type !== 'assigned') return [];
  return [coverageUpdate(next.campaignId, next.orgPath, next.site.worksiteSignupId, 1, next.updatedAt)];
}

/**
 * Staff whose scope holds the record's org approve it, send it back as 有问题 with a comment the
 * volunteer reads and answers by editing, or reject it with a comment (its figures then leave the
 * totals). The record, its counters and — on approval — its site's coverage count are one
 * transaction. Approved and rejected are final.
 */
export async function reviewDelivery(
  caller: Caller,
  id: string,
  decision: DeliveryReview,
): Promise<Delivery> {
  const current = await getDeliveryRecord(id);
  if (!current) throw new AppError('DELIVERY_NOT_FOUND');
  assertInScope(caller, current.orgPath);
  const step = deliveryReviewStep(current, decision);
  if (step.kind === 'unchanged') return deliveryView(current);

  const at = now().toISOString();
  const next: DeliveryRecord = {
    ...current,
    review: {
      status: step.status,
      ...(decision.comment === undefined ? {} : { comment: decision.comment }),
      reviewerName: caller.nickname,
      at,
    },
    version: current.version + 1,
    updatedAt: at,
  };
  const outcome = await retryOnConflict(() =>
    writeDelivery(next, current.version, [...deliveryTallyItems(current, next), ...coverageItems(next)]),
  );
  if (outcome === 'saved') return deliveryView(next);
  const latest = await getDeliveryRecord(id);
  if (!latest) throw new AppError('DELIVERY_NOT_FOUND');
  if (deliveryReviewStep(latest, decision).kind === 'unchanged') return deliveryView(latest);
  throw new AppError('VERSION_CONFLICT', { details: { currentVersion: latest.version } });
}
