import {
  type ContractCallInput,
  type ContractOutput,
  getStation,
  listDistricts,
  listPlaces,
  nearbyStations,
  type Place,
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

export type StationSearchQuery = ContractCallInput<typeof searchStations>['query'];
export type StationSearchPage = ContractOutput<typeof searchStations>;

/**
 * One page of a search by words (杨舍, 人民中路, a station's name) and/or within a place, nationwide,
 * ranked by the server. The page may be short or empty and still carry a cursor.
 */
export function fetchStationSearch(query: StationSearchQuery): Promise<StationSearchPage> {
  return call(searchStations, { query });
}

/** The places below `parent` (the provinces without one), or the places whose name holds `q`. */
export async function fetchPlaces(query: { parent?: string; q?: string }): Promise<Place[]> {
  const { places } = await call(listPlaces, { query });
  return places;
}

/** Union org nodes with the region each serves (sign-up and delivery forms pick one). */
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
