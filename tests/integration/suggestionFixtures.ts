import { randomUUID } from 'node:crypto';
import type { OrgBounds, OrgLevel, SuggestionDraftInput } from '@ankang/shared';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/src/db/client';
import { keys } from '../../functions/src/db/keys';
import { handler as createSuggestion } from '../../functions/src/handlers/createSuggestion';
import { handler as listMySuggestions } from '../../functions/src/handlers/listMySuggestions';
import { handler as listSuggestions } from '../../functions/src/handlers/listSuggestions';
import { handler as reviewSuggestion } from '../../functions/src/handlers/reviewSuggestion';
import { httpEvent, invoke } from '../support/events';
import { freshUser } from './fixtures';
import { storedStation } from './stationFixtures';

/** Metres per degree of latitude on the app's sphere (R = 6,371,000 m): a meridian arc, no haversine. */
export const M_PER_DEG_LAT = (6_371_000 * Math.PI) / 180;

let areas = 0;

async function putNode(path: string, parent: string, level: OrgLevel, region: string, bounds: OrgBounds) {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.org(path),
        type: 'Org',
        path,
        name: `${region}工会`,
        region,
        level,
        parentPath: parent,
        bounds,
        version: 1,
      },
    }),
  );
}

/**
 * A test's own place, 0.5° of latitude (55 km) from any other test's of its file and far from the
 * demo's: a county (a 0.2° box) with a town (a 0.04° box) in its middle, one station in the town at
 * `center`, and staff at each node plus staff of a sibling county. Each test file passes its own
 * meridian (`lng`), 3° (≥ 250 km) from another file's, since files count their areas apart.
 */
export async function suggestionArea(lng = 81) {
  areas += 1;
  const center = { lat: 33 + areas * 0.5, lng };
  const tag = randomUUID().slice(0, 8);
  const county = `650000/c${tag}`;
  const town = `${county}/t${tag}`;
  const sibling = `650000/s${tag}`;
  const box = (half: number) => ({
    south: center.lat - half,
    north: center.lat + half,
    west: center.lng - half,
    east: center.lng + half,
  });
  await putNode(county, '650000', 'county', `测试县${tag}`, box(0.1));
  await putNode(town, county, 'town', `测试镇${tag}`, box(0.02));
  await putNode(sibling, '650000', 'county', `邻县${tag}`, box(0.1));
  const station = await storedStation({
    orgPath: town,
    location: center,
    name: `镇驿站${tag}`,
    district: `测试县${tag} 测试镇${tag}`,
  });
  const [townStaff, countyStaff, siblingStaff, worker] = await Promise.all([
    freshUser({ roles: ['staff'], orgPath: town }),
    freshUser({ roles: ['staff'], orgPath: county }),
    freshUser({ roles: ['staff'], orgPath: sibling }),
    freshUser(),
  ]);
  return { center, tag, county, town, sibling, station, townStaff, countyStaff, siblingStaff, worker };
}

/** `center` moved `metres` north (along the meridian, so the distance is exact). */
export function north(center: { lat: number; lng: number }, metres: number) {
  return { lat: center.lat + metres / M_PER_DEG_LAT, lng: center.lng };
}

export function suggestionBody(overrides: Partial<SuggestionDraftInput> & Record<string, unknown> = {}) {
  return {
    name: '环卫工人休息点',
    address: '人民路 88 号',
    location: { lat: 31.9, lng: 120.5 },
    hostType: 'community',
    amenities: ['water', 'charging'],
    note: '有热水，白天一直开着',
    requestId: randomUUID(),
    ...overrides,
  };
}

export const suggest = (token: string | undefined, body: unknown) =>
  invoke(createSuggestion, httpEvent({ method: 'POST', path: '/suggestions', token, body }));

export const mine = (token: string, cursor?: string) =>
  invoke(
    listMySuggestions,
    httpEvent({ path: '/me/suggestions', token, query: cursor ? { cursor } : undefined }),
  );

export const queue = (token: string, query: Record<string, string> = {}) =>
  invoke(listSuggestions, httpEvent({ path: '/staff/suggestions', token, query }));

export const review = (token: string, id: string, body: unknown) =>
  invoke(
    reviewSuggestion,
    httpEvent({
      method: 'POST',
      path: `/staff/suggestions/${id}/review`,
      token,
      params: { id },
      body,
    }),
  );
