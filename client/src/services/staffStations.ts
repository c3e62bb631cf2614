import {
  type ContractCallInput,
  type ContractOutput,
  createStation,
  getManagedStation,
  type ImportResult,
  importStations,
  listManagedStations,
  listOrgs,
  listStationReports,
  type ManagedStation,
  type OrgNode,
  type StationDraftInput,
  type StationReport,
  type StationStatus,
  setStationStatus,
  updateStation,
  updateStationReport,
  verifyStation,
} from '@ankang/shared';
import { call } from './api';

/** Days without a check after which a station counts as 久未核实. */
export const STALE_DAYS = 90;

type ManagedStationsQuery = ContractCallInput<typeof listManagedStations>['query'];
type ManagedStationsPage = ContractOutput<typeof listManagedStations>;

/** 我的驿站 filters (all, not verified for 90 days, with open problem reports) as the server's query. */
export const stationFilterQueries = {
  all: {},
  stale: { unverifiedDays: STALE_DAYS },
  reported: { hasOpenReports: 'true' },
} as const satisfies Record<string, ManagedStationsQuery>;

export type StationFilter = keyof typeof stationFilterQueries;

/**
 * One page of the stations the caller manages (own org and below). A filtered or searched page may
 * be short or empty and still carry a cursor: the server bounds its work per page.
 */
export function fetchManagedStations(query: ManagedStationsQuery): Promise<ManagedStationsPage> {
  return call(listManagedStations, { query });
}

export function fetchManagedStation(id: string): Promise<ManagedStation> {
  return call(getManagedStation, { params: { id } });
}

/** The caller's org subtree (the org choices of the form). */
export async function fetchOrgChoices(): Promise<OrgNode[]> {
  const { orgs } = await call(listOrgs, { query: {} });
  return orgs;
}

export function saveNewStation(draft: StationDraftInput): Promise<ManagedStation> {
  return call(createStation, { body: draft });
}

/** Saves with the version that was loaded; a stale version answers 409 VERSION_CONFLICT. */
export function saveStation(id: string, version: number, draft: StationDraftInput): Promise<ManagedStation> {
  return call(updateStation, { params: { id }, body: { ...draft, version } });
}

export function changeStationStatus(
  station: Pick<ManagedStation, 'id' | 'version'>,
  status: StationStatus,
): Promise<ManagedStation> {
  return call(setStationStatus, { params: { id: station.id }, body: { version: station.version, status } });
}

/** 今天已核对: stamps the station as checked now by the caller. */
export function markStationVerified(id: string): Promise<ManagedStation> {
  return call(verifyStation, { params: { id } });
}

export type ImportRequest = ContractCallInput<typeof importStations>['body'];

export function runStationImport(request: ImportRequest): Promise<ImportResult> {
  return call(importStations, { body: request });
}

type StationReportsQuery = ContractCallInput<typeof listStationReports>['query'];
type StationReportsPage = ContractOutput<typeof listStationReports>;

export function fetchStationReports(query: StationReportsQuery): Promise<StationReportsPage> {
  return call(listStationReports, { query });
}

/** Where a report can be moved: 受理 or 解决. */
export type ReportMove = ContractCallInput<typeof updateStationReport>['body']['state'];

export function moveStationReport(
  report: Pick<StationReport, 'id' | 'version'>,
  state: ReportMove,
  note?: string,
): Promise<StationReport> {
  return call(updateStationReport, {
    params: { id: report.id },
    body: { version: report.version, state, note: note?.trim() || undefined },
  });
}
