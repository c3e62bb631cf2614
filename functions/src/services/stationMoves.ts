import type { Station } from '@ankang/shared';
import { replaceStation, StationWriteError } from '../db/stationWrites';
import { reportsFollowingStation } from './reports';
import { heldCommentsFollowing } from './stationComments';

/** Rounds of reading a station's open problems again when one changed while the station moved. */
const MOVE_ROUNDS = 3;

/**
 * Saves an edit of a station (form or import) read at `expectedVersion`. When it moves to another
 * org, its open problems go with it in the same transaction, which also checks every open slot as
 * read: a problem worked, reported or first opened meanwhile makes this read them again (a few
 * rounds, then 409), never leaves one in the old org. Its held comments' review-queue entry moves in
 * that transaction too (one item): nothing is written after the station is saved, so a saved edit
 * never answers 500 for a follow-up.
 */
export async function saveEditedStation(
  next: Station,
  previous: Station,
  expectedVersion: number,
  at: Date,
): Promise<Station> {
  for (let round = 1; ; round += 1) {
    const [problems, comments] = await Promise.all([
      reportsFollowingStation(previous, next.orgPath, at),
      heldCommentsFollowing(previous, next.orgPath),
    ]);
    try {
      return await replaceStation(next, previous, expectedVersion, [...problems, ...comments]);
    } catch (error) {
      const again = error instanceof StationWriteError && error.reason === 'followersChanged';
      if (!again || round >= MOVE_ROUNDS) throw error;
    }
  }
}
