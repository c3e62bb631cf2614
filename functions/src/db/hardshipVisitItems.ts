import { visitSchema } from '@ankang/shared';
import { z } from 'zod';
import { hardshipVisitKeys } from './keys';

/**
 * A visit as stored: what staff read (less what is worked out on read: who corrected it, whether
 * it was below the line) plus what only the server uses — who recorded it and the keyed hash of
 * the request that made it, so a retried create is told from a reused id.
 */
export const visitRecordSchema = visitSchema.omit({ correctedBy: true, belowPovertyLine: true }).extend({
  visitorUserId: z.string(),
  /** keyedHash('content', …) of the file id and the parsed body: never a plain hash of income data. */
  contentHash: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type VisitRecord = z.infer<typeof visitRecordSchema>;

/**
 * The claim on a visit id, unique across files: where the visit is stored (its key is built from
 * these) and what a retry must match.
 */
export const visitClaimSchema = z.object({
  visitId: z.string(),
  fileId: z.string(),
  visitedOn: z.string(),
  createdAt: z.string(),
  visitorUserId: z.string(),
  contentHash: z.string(),
});
export type VisitClaim = z.infer<typeof visitClaimSchema>;

/** Where a visit sits in its file's partition: enough to build its key and its corrections' keys. */
export type VisitPlace = Pick<VisitClaim, 'fileId' | 'visitedOn' | 'createdAt' | 'visitId'>;

export function placeOf(record: VisitRecord): VisitPlace {
  return {
    fileId: record.fileId,
    visitedOn: record.visitedOn,
    createdAt: record.createdAt,
    visitId: record.id,
  };
}

/** The visit's item. Pure, so the demo seed writes what the API reads. */
export function visitToItem(record: VisitRecord): Record<string, unknown> {
  return {
    ...hardshipVisitKeys.visit(placeOf(record)),
    type: 'HardshipVisit',
    ...record,
  };
}

/** The claim item of a visit's id (one per id, whichever file it was used on). */
export function visitClaimToItem(record: VisitRecord): Record<string, unknown> {
  const claim: VisitClaim = {
    ...placeOf(record),
    visitorUserId: record.visitorUserId,
    contentHash: record.contentHash,
  };
  return {
    ...hardshipVisitKeys.claim(record.id),
    type: 'HardshipVisitClaim',
    ...claim,
    ...(record.demo ? { demo: true } : {}),
    version: 1,
    updatedAt: record.createdAt,
  };
}

/**
 * The link from a corrected visit to the visit correcting it, sorted with the corrected visit, so
 * a page of visits finds every correction of its visits in one range read (visits stay untouched:
 * nothing is ever written onto a stored visit).
 */
export function correctionLinkItem(corrected: VisitPlace, correction: VisitRecord): Record<string, unknown> {
  return {
    ...hardshipVisitKeys.correction(corrected, correction.id),
    type: 'HardshipVisitCorrection',
    fileId: correction.fileId,
    visitId: corrected.visitId,
    correctedBy: correction.id,
    ...(correction.demo ? { demo: true } : {}),
    version: 1,
    createdAt: correction.createdAt,
    updatedAt: correction.createdAt,
  };
}
