import { type ReviewDecision, type SignupStatus, signupTransitions } from '@ankang/shared';
import type { ReviewWriteOutcome } from '../db/signupReviews';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';

/** The part of a stored sign-up (either kind) a review decides on. */
export interface Reviewable {
  status: SignupStatus;
  version: number;
  review?: { by: string; at: string; reason?: string };
}

export type ReviewStep =
  /** The decision is the one that made the current version (a retry whose answer was lost). */
  | { kind: 'unchanged' }
  | { kind: 'move'; status: SignupStatus; review: { by: string; at: string; reason?: string } };

function targetOf(decision: ReviewDecision): SignupStatus {
  return decision.decision === 'approve' ? 'approved' : 'declined';
}

/**
 * Whether `current` is what this very decision made: the status it asks for, one version on from
 * the version it read, and (for a decline) the same reason. Such a request is answered with the
 * record as it is, like the first time, instead of a conflict.
 */
function isSameDecision(current: Reviewable, decision: ReviewDecision): boolean {
  return (
    current.status === targetOf(decision) &&
    current.version === decision.version + 1 &&
    (decision.decision === 'approve' || current.review?.reason === decision.reason)
  );
}

/**
 * What a review does to a sign-up: nothing (a retry), or a move to the decided status with who
 * decided, when and why. A stale version is a 409 VERSION_CONFLICT with the current one; a move
 * `signupTransitions` does not allow (undoing an approval, declining twice) is a 409
 * INVALID_TRANSITION.
 */
export function reviewStep(
  current: Reviewable,
  decision: ReviewDecision,
  by: string,
  at: string,
): ReviewStep {
  if (isSameDecision(current, decision)) return { kind: 'unchanged' };
  if (current.version !== decision.version) {
    throw new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
  }
  const status = targetOf(decision);
  if (!signupTransitions[current.status].includes(status)) throw new AppError('INVALID_TRANSITION');
  return {
    kind: 'move',
    status,
    review: { by, at, ...(decision.decision === 'decline' ? { reason: decision.reason } : {}) },
  };
}

/** How a kind of sign-up is saved and read again, for `decide`. */
export interface ReviewStore<R extends Reviewable> {
  /** Saves `next` if the stored sign-up is still at `expectedVersion`. */
  save(next: R, expectedVersion: number): Promise<ReviewWriteOutcome>;
  reread(): Promise<R | null>;
}

/**
 * Applies a review to the sign-up read as `current` and answers the record as it now stands. When
 * someone decided meanwhile, this very decision (a concurrent retry) is answered with the version
 * that won, any other is a 409 VERSION_CONFLICT with it.
 */
export async function decide<R extends Reviewable>(
  current: R,
  decision: ReviewDecision,
  by: string,
  store: ReviewStore<R>,
): Promise<R> {
  const at = now().toISOString();
  const step = reviewStep(current, decision, by, at);
  if (step.kind === 'unchanged') return current;
  const next = {
    ...current,
    status: step.status,
    review: step.review,
    version: current.version + 1,
    updatedAt: at,
  };
  const outcome = await store.save(next, current.version);
  if (outcome === 'saved') return next;
  // Users are never deleted; should one be, there is no one left to approve.
  if (outcome === 'userMissing') throw new AppError('SIGNUP_NOT_FOUND', { cause: new Error('user gone') });
  const latest = await store.reread();
  if (!latest) throw new AppError('SIGNUP_NOT_FOUND');
  if (reviewStep(latest, decision, by, at).kind === 'unchanged') return latest;
  throw new AppError('VERSION_CONFLICT', { details: { currentVersion: latest.version } });
}
