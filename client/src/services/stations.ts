import {
  type AmenityCode,
  type FeedbackTag,
  getStation,
  listDistricts,
  type NearbyStation,
  nearbyStations,
  type ReportKind,
  rateStation,
  reportStationProblem,
  type StationDetail,
  type StationSummary,
  searchStations,
} from '@ankang/shared';
import { call } from './api';

export interface NearbyQuery {
  /** GCJ-02. */
  latitude: number;
  longitude: number;
  radiusM: number;
  amenities: AmenityCode[];
  openNow: boolean;
}

export interface NearbyResult {
  stations: NearbyStation[];
  /** Server time of the answer (ISO): open/closed and hours labels are as of then. */
  at: string;
}

/** Stations around a point, nearest first, with the filters applied by the server. */
export function fetchNearbyStations(query: NearbyQuery): Promise<NearbyResult> {
  return call(nearbyStations, {
    query: {
      lat: query.latitude,
      lng: query.longitude,
      radius: query.radiusM,
      amenities: query.amenities.length ? query.amenities.join(',') : undefined,
      openNow: query.openNow ? 'true' : undefined,
    },
  });
}

export interface StationPage {
  stations: StationSummary[];
  nextCursor?: string;
}

/** One page of a district's stations, optionally matching a name or address. */
export function fetchDistrictStations(org: string, q: string, cursor?: string): Promise<StationPage> {
  return call(searchStations, { query: { org, q: q.trim() || undefined, cursor } });
}

export type District = Awaited<ReturnType<typeof fetchDistricts>>[number];

export async function fetchDistricts() {
  const { districts } = await call(listDistricts, {});
  return districts;
}

export function fetchStation(id: string): Promise<StationDetail> {
  return call(getStation, { params: { id } });
}

export interface RatingInput {
  stars: number;
  tags: FeedbackTag[];
  comment: string;
}

/** Retry-safe on the server: one rating per person, station and day. */
export function submitRating(stationId: string, input: RatingInput) {
  return call(rateStation, { params: { id: stationId }, body: input });
}

export interface ReportInput {
  kind: ReportKind;
  text: string;
  /** Made once per submission (see newRequestId), so a retried send is stored once. */
  requestId: string;
}

export function submitReport(stationId: string, input: ReportInput) {
  return call(reportStationProblem, { params: { id: stationId }, body: input });
}

/**
 * A random id for an idempotent submission (32 hex digits in uuid layout). Not a security token, so
 * Math.random is enough; the mini-program has no crypto.randomUUID.
 */
export function newRequestId(): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
