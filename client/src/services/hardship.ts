import {
  type ContractCallInput,
  createHardshipFile,
  createHardshipVisit,
  getHardshipFile,
  type HardshipAuditEvent,
  type HardshipCategory,
  type HardshipStatus,
  type HouseholdFile,
  type HouseholdSummary,
  listHardshipAudit,
  listHardshipFiles,
  listHardshipVisits,
  listPovertyLines,
  type PovertyLine,
  type RevealedHousehold,
  revealHardshipFile,
  updateHardshipFile,
  type Visit,
  type VisitCreated,
} from '@ankang/shared';
import { call } from './api';
import type { OutreachPage } from './staffOutreach';
import { newRequestId } from './stations';

/** Client-made ids (`hf_` / `hv_` + 32 hex): the server's idempotency key for every retry of one form. */
export const newHouseholdId = () => `hf_${newRequestId().replace(/-/g, '')}`;
export const newVisitId = () => `hv_${newRequestId().replace(/-/g, '')}`;

export type NewHouseholdBody = ContractCallInput<typeof createHardshipFile>['body'];
export type HouseholdEditBody = ContractCallInput<typeof updateHardshipFile>['body'];
export type NewVisitBody = ContractCallInput<typeof createHardshipVisit>['body'];

/** The list's filters; none: every file of the caller's node and below. */
export interface HouseholdFilters {
  category?: HardshipCategory;
  status?: HardshipStatus;
  /** 我负责的 */
  mine?: boolean;
  /** 走访逾期 */
  overdue?: boolean;
}

export async function fetchHouseholds(
  filters: HouseholdFilters,
  cursor?: string,
): Promise<OutreachPage<HouseholdSummary>> {
  const answer = await call(listHardshipFiles, {
    query: {
      category: filters.category,
      status: filters.status,
      caseworker: filters.mine ? 'me' : undefined,
      overdue: filters.overdue ? 'true' : undefined,
      cursor,
    },
  });
  return { items: answer.files, nextCursor: answer.nextCursor ?? undefined };
}

export function fetchHousehold(id: string): Promise<HouseholdFile> {
  return call(getHardshipFile, { params: { id } });
}

/** The unmasked ID number, phone and address; the server records who asked and why first. */
export function revealHousehold(id: string, reason: string): Promise<RevealedHousehold> {
  return call(revealHardshipFile, { params: { id }, body: { reason } });
}

export function saveNewHousehold(body: NewHouseholdBody): Promise<HouseholdFile> {
  return call(createHardshipFile, { body });
}

/** Sent with the version shown; a stale version answers 409 VERSION_CONFLICT. */
export function saveHousehold(id: string, body: HouseholdEditBody): Promise<HouseholdFile> {
  return call(updateHardshipFile, { params: { id }, body });
}

export async function fetchVisits(fileId: string, cursor?: string): Promise<OutreachPage<Visit>> {
  const answer = await call(listHardshipVisits, { params: { id: fileId }, query: { cursor } });
  return { items: answer.visits, nextCursor: answer.nextCursor ?? undefined };
}

/** The stored visit, with the alerts it raised or updated (已触发预警). */
export function sendVisit(fileId: string, body: NewVisitBody): Promise<VisitCreated> {
  return call(createHardshipVisit, { params: { id: fileId }, body });
}

export async function fetchAudit(fileId: string, cursor?: string): Promise<OutreachPage<HardshipAuditEvent>> {
  const answer = await call(listHardshipAudit, { params: { id: fileId }, query: { cursor } });
  return { items: answer.events, nextCursor: answer.nextCursor ?? undefined };
}

/**
 * The 低保 standard in force today for `orgPath`: among the lines of the node and its ancestors
 * that have started, the deepest node's newest (as the server picks it for a file's detail).
 */
export async function fetchPovertyLineInForce(orgPath: string, today: string): Promise<PovertyLine | null> {
  const { lines } = await call(listPovertyLines, { query: { orgPath } });
  let best: PovertyLine | null = null;
  for (const line of lines) {
    if (line.effectiveFrom > today) continue;
    const deeper = !best || line.orgPath.length > best.orgPath.length;
    const newer = best && line.orgPath === best.orgPath && line.effectiveFrom > best.effectiveFrom;
    if (deeper || newer) best = line;
  }
  return best;
}
