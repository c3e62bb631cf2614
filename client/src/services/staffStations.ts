import {
  type ContractCallInput,
  type ContractOutput,
  createStation,
  getManagedStation,
  getStationImportTemplate,
  type ImportResult,
  importStations,
  listManagedStations,
  listOrgs,
  listStationProblems,
  type ManagedStation,
  type OrgNode,
  type QueuedProblem,
  type StationDraftInput,
  type StationStatus,
  setStationStatus,
  updateStation,
  updateStationProblem,
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

/** 核实: stamps the station as checked now by the caller (shown as 已核实 · 今天). */
export function markStationVerified(id: string): Promise<ManagedStation> {
  return call(verifyStation, { params: { id } });
}

/** 下载模板: the station import file's header and an example row, made by the server's importer columns. */
export function fetchStationImportTemplate(format: 'xlsx' | 'csv' = 'xlsx') {
  return call(getStationImportTemplate, { query: { format } });
}

export type ImportRequest = ContractCallInput<typeof importStations>['body'];

export function runStationImport(request: ImportRequest): Promise<ImportResult> {
  return call(importStations, { body: request });
}

type StationProblemsQuery = ContractCallInput<typeof listStationProblems>['query'];
type StationProblemsPage = ContractOutput<typeof listStationProblems>;

/** 问题处理: a page of problems (one per station and kind while open), newest report first. */
export function fetchStationProblems(query: StationProblemsQuery): Promise<StationProblemsPage> {
  return call(listStationProblems, { query });
}

/** Where a problem can be moved: 受理 or 解决. */
export type ProblemMove = ContractCallInput<typeof updateStationProblem>['body']['state'];

/** 受理 / 解决 a problem for everyone who reported it; the note is the answer they all see. */
export function moveStationProblem(
  problem: Pick<QueuedProblem, 'id' | 'version'>,
  state: ProblemMove,
  note?: string,
): Promise<QueuedProblem> {
  return call(updateStationProblem, {
    params: { id: problem.id },
    body: { version: problem.version, state, note: note?.trim() || undefined },
  });
}
