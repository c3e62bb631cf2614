import {
  type GcjPoint,
  type NearStation,
  type OrgNode,
  orgPathChain,
  SUGGESTION_AREA_RADIUS_M,
  SUGGESTION_NEAR_M,
} from '@ankang/shared';
import { getOrgs } from '../db/orgs';
import { AppError } from '../lib/errors';
import { nearestStation } from './nearby';
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
 * SUGGESTION_AREA_RADIUS_M (one bounded nearby search, whose record names the org), or the node
 * above it whose box holds the point. No station that near: SUGGESTION_NO_AREA, since no union is
 * known to serve the place.
 */
export async function suggestionAreaOf(point: GcjPoint, at: Date): Promise<SuggestionArea> {
  const { nearest } = await nearestStation(point, SUGGESTION_AREA_RADIUS_M, at);
  if (!nearest) throw new AppError('SUGGESTION_NO_AREA');
  const { station, distanceM } = nearest;
  const chain = await getOrgs(orgPathChain(station.orgPath));
  const org = reviewingNode(chain, point);
  if (!org) throw new AppError('SUGGESTION_NO_AREA');
  return {
    org,
    nearStation: distanceM <= SUGGESTION_NEAR_M ? { id: station.id, name: station.name, distanceM } : null,
  };
}
