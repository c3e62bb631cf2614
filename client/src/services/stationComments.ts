import {
  type ContractResult,
  getStationCode,
  type HeldComment,
  listHeldComments,
  listStationComments,
  type PublicComment,
  reviewComment,
} from '@ankang/shared';
import { call } from './api';

export type StationCode = ContractResult<typeof getStationCode>;

/** A station's newest public comments (checked by WeChat or approved by staff). */
export async function fetchStationComments(stationId: string): Promise<PublicComment[]> {
  const { comments } = await call(listStationComments, { params: { id: stationId } });
  return comments;
}

/** One page of the comments waiting for staff review under the caller's union. */
export function fetchHeldComments(
  cursor?: string,
): Promise<{ comments: HeldComment[]; nextCursor?: string }> {
  return call(listHeldComments, { query: cursor ? { cursor } : {} });
}

/** Approve (make public) or hide a held comment, at the version staff saw. */
export function decideComment(comment: Pick<HeldComment, 'id' | 'version'>, decision: 'approve' | 'hide') {
  return call(reviewComment, { params: { id: comment.id }, body: { decision, version: comment.version } });
}

/** The station's poster code (made by WeChat once, then kept by the server). */
export function fetchStationCode(stationId: string): Promise<StationCode> {
  return call(getStationCode, { params: { id: stationId } });
}
