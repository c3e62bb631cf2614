import {
  clearHardshipPolicy,
  getHardshipPolicy,
  type HardshipPolicyDraft,
  type HardshipPolicyView,
  listOrgs,
  listPovertyLines,
  type OrgNode,
  type PovertyLine,
  type PovertyLineDraft,
  setHardshipPolicy,
  setPovertyLine,
} from '@ankang/shared';
import { call } from './api';

/** 规则设置 (staff subpackage): a node's monitoring rules and its 低保 standards. */
export const rulesRoute = '/staff/pages/rules/index';

/**
 * The unions a rule page may pick: the caller's node and everything below it (an admin's too, so a
 * national admin is not handed every node in the country; none: the whole tree).
 */
export async function fetchOrgsUnder(root: string | undefined): Promise<OrgNode[]> {
  const { orgs } = await call(listOrgs, { query: { root } });
  return orgs;
}

export function fetchPolicy(orgPath: string): Promise<HardshipPolicyView> {
  return call(getHardshipPolicy, { query: { orgPath } });
}

/** Sent with the version shown; a stale one answers 409 VERSION_CONFLICT (admins only). */
export function savePolicy(
  orgPath: string,
  expectedVersion: number,
  policy: HardshipPolicyDraft,
  note?: string,
): Promise<HardshipPolicyView> {
  return call(setHardshipPolicy, { body: { orgPath, expectedVersion, policy, note } });
}

/** 恢复继承: the node drops its own rules and inherits again. */
export function clearPolicy(orgPath: string, expectedVersion: number): Promise<HardshipPolicyView> {
  return call(clearHardshipPolicy, { query: { orgPath, expectedVersion } });
}

/** The 低保 lines of a node and its ancestors (the node's own first), each node's latest date first. */
export async function fetchPovertyLines(orgPath: string): Promise<PovertyLine[]> {
  const { lines } = await call(listPovertyLines, { query: { orgPath } });
  return lines;
}

export function addPovertyLine(draft: PovertyLineDraft): Promise<PovertyLine> {
  return call(setPovertyLine, { body: draft });
}
