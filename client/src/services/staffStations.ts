import {
  createStation,
  getManagedStation,
  type ImportResult,
  importStations,
  listManagedStations,
  listOrgs,
  listStationReports,
  type ManagedStation,
  type OrgNode,
  type ReportState,
  type StationDraftInput,
  type StationReport,
  type StationStatus,
  setStationStatus,
  updateStation,
  updateStationReport,
  verifyStation,
} from '@ankang/shared';
import { call } from './api';

/** 我的驿站 filters: all, not verified for 90 days, with open problem reports. */
export type StationFilter = 'all' | 'stale' | 'reported';

/** Days without a check after which a station counts as 久未核实. */
export const STALE_DAYS = 90;

export interface StationQuery {
  filter: StationFilter;
  q?: string;
  cursor?: string;
}

export interface StationPage {
  stations: ManagedStation[];
  nextCursor?: string;
}

/** One page of the stations the caller manages (own org and below). */
export function fetchManagedStations({ filter, q, cursor }: StationQuery): Promise<StationPage> {
  return call(listManagedStations, {
    query: {
      unverifiedDays: filter === 'stale' ? STALE_DAYS : undefined,
      hasOpenReports: filter === 'reported' ? 'true' : undefined,
      q: q?.trim() || undefined,
      cursor,
    },
  });
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

export interface ImportRequest {
  orgPath: string;
  format: 'csv' | 'xlsx';
  fileName: string;
  /** The file as base64. */
  content: string;
  dryRun: boolean;
}

export function runStationImport(request: ImportRequest): Promise<ImportResult> {
  return call(importStations, { body: request });
}

export interface ReportPage {
  reports: StationReport[];
  nextCursor?: string;
}

export function fetchStationReports(state: ReportState, cursor?: string): Promise<ReportPage> {
  return call(listStationReports, { query: { state, cursor } });
}

export function moveStationReport(
  report: Pick<StationReport, 'id' | 'version'>,
  state: 'acknowledged' | 'resolved',
  note?: string,
): Promise<StationReport> {
  return call(updateStationReport, {
    params: { id: report.id },
    body: { version: report.version, state, note: note?.trim() || undefined },
  });
}
