import {
  type ContractCallInput,
  type ContractOutput,
  getStation,
  listDistricts,
  nearbyStations,
  rateStation,
  reportStationProblem,
  type StationDetail,
  searchStations,
} from '@ankang/shared';
import { call } from './api';

type NearbyStationsQuery = ContractCallInput<typeof nearbyStations>['query'];
/** `at` is the server time of the answer: open/closed and hours labels are as of then. */
type NearbyStationsAnswer = ContractOutput<typeof nearbyStations>;

/** Stations around a point, nearest first, with the filters applied by the server. */
export function fetchNearbyStations(query: NearbyStationsQuery): Promise<NearbyStationsAnswer> {
  return call(nearbyStations, { query });
}

type DistrictStationsQuery = ContractCallInput<typeof searchStations>['query'];
type DistrictStationsPage = ContractOutput<typeof searchStations>;

/**
 * One page of a district's stations, optionally matching a name or address. The page may be short
 * or empty and still carry a cursor: the server bounds its work per page.
 */
export function fetchDistrictStations(query: DistrictStationsQuery): Promise<DistrictStationsPage> {
  return call(searchStations, { query });
}

export type District = ContractOutput<typeof listDistricts>['districts'][number];

export async function fetchDistricts(): Promise<District[]> {
  const { districts } = await call(listDistricts, {});
  return districts;
}

export function fetchStation(id: string): Promise<StationDetail> {
  return call(getStation, { params: { id } });
}

export type RatingInput = ContractCallInput<typeof rateStation>['body'];

/** Retry-safe on the server: one rating per person, station and day. */
export function submitRating(stationId: string, input: RatingInput) {
  return call(rateStation, { params: { id: stationId }, body: input });
}

/** `requestId` is made once per submission (see newRequestId), so a retried send is stored once. */
export type ReportInput = ContractCallInput<typeof reportStationProblem>['body'];

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
