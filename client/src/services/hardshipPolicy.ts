import {
  clearHardshipPolicy,
  getHardshipPolicy,
  type HardshipPolicyDraft,
  type HardshipPolicyView,
  listPovertyLines,
  type PovertyLine,
  type PovertyLineDraft,
  setHardshipPolicy,
  setPovertyLine,
} from '@ankang/shared';
import { call } from './api';

/** 规则设置 (staff subpackage): a node's monitoring rules and its 低保 standards. */
export const rulesRoute = '/staff/pages/rules/index';

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
