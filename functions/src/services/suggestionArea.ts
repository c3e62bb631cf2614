import {
  type GcjPoint,
  type NearStation,
  type OrgNode,
  orgPathChain,
  SUGGESTION_AREA_RADIUS_M,
  SUGGESTION_NEAR_M,
} from '@ankang/shared';
import { getOrgs } from '../db/orgs';
import { getStationById } from '../db/stations';
import { AppError } from '../lib/errors';
import { findNearbyStations } from './nearby';
import { insideBounds } from './signupRules';

/** The union that reviews a suggested point, and the station beside it if one is that close. */
export interface SuggestionArea {
  org: OrgNode;
  nearStation: NearStation | null;
}

/**
 * The node of `chain` (root first) that reviews `point`: the deepest one, moving up while a node's
 * box leaves the point out (a point past the nearest station's town belongs to the county above).
 * Nodes without a box are taken as they are: boxes are rough and not every node has one.
 */
export function reviewingNode(chain: OrgNode[], point: GcjPoint): OrgNode | undefined {
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const node = chain[i]!;
    if (!node.bounds || insideBounds(point, node.bounds) || i === 0) return node;
  }
  return undefined;
}

/**
 * Who reviews a suggestion at `point`: the union of the nearest open or paused station within
 * SUGGESTION_AREA_RADIUS_M (one bounded nearby search), or the node above it whose box holds the
 * point. No station that near: SUGGESTION_NO_AREA, since no union is known to serve the place.
 */
export async function suggestionAreaOf(point: GcjPoint, at: Date): Promise<SuggestionArea> {
  const { stations } = await findNearbyStations(
    { ...point, radius: SUGGESTION_AREA_RADIUS_M, limit: 1, amenities: [], openNow: false },
    at,
  );
  const nearest = stations[0];
  // The summary names no org: the station's record does (one more read).
  const record = nearest ? await getStationById(nearest.id) : null;
  if (!nearest || !record) throw new AppError('SUGGESTION_NO_AREA');
  const chain = await getOrgs(orgPathChain(record.orgPath));
  const org = reviewingNode(chain, point);
  if (!org) throw new AppError('SUGGESTION_NO_AREA');
  return {
    org,
    nearStation:
      nearest.distanceM <= SUGGESTION_NEAR_M
        ? { id: nearest.id, name: nearest.name, distanceM: nearest.distanceM }
        : null,
  };
}
