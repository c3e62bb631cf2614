import {
  defaultHardshipPolicy,
  type HardshipPolicy,
  type HardshipPolicySource,
  type HardshipPolicyView,
  orgPathChain,
} from '@ankang/shared';
import { getPolicyRecords, type HardshipPolicyRecord, listPolicyVersions } from '../db/hardshipPolicies';
import { getOrgs } from '../db/orgs';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { listingRoot } from './scope';

/** Versions shown in a node's history (a node changes its rules a few times a year). */
const HISTORY_SHOWN = 20;

/** What a node's rules apply and which node set it (null: the system default). */
export interface EffectivePolicy {
  policy: HardshipPolicy;
  orgPath: string | null;
  orgName?: string;
}

/** Effective policies by org path, for a run that evaluates many households (the daily sweep). */
export type PolicyCache = Map<string, Promise<EffectivePolicy>>;

/** The deepest node of `chain` (root first) whose record holds a policy, else the default. */
function deepestSet(
  chain: readonly string[],
  records: Map<string, HardshipPolicyRecord>,
): HardshipPolicySource {
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const record = records.get(chain[i]!);
    if (record?.policy) {
      return { policy: record.policy, fromOrgPath: record.orgPath, fromOrgName: record.orgName };
    }
  }
  return { policy: defaultHardshipPolicy, fromOrgPath: null, fromOrgName: null };
}

/**
 * The policy that applies at `orgPath`: the node's own if it set one, else its nearest ancestor's,
 * else defaultHardshipPolicy. One BatchGet of the ancestor-or-self CURRENT items (an org path has
 * at most 5 segments). With a cache, each node is read once per run.
 */
export function effectivePolicy(orgPath: string, cache?: PolicyCache): Promise<EffectivePolicy> {
  const cached = cache?.get(orgPath);
  if (cached) return cached;
  const read = readEffectivePolicy(orgPath);
  if (cache) {
    cache.set(orgPath, read);
    // A failed read is not kept: the next household of that node asks again.
    read.catch(() => cache.delete(orgPath));
  }
  return read;
}

async function readEffectivePolicy(orgPath: string): Promise<EffectivePolicy> {
  const chain = orgPathChain(orgPath);
  const source = deepestSet(chain, await getPolicyRecords(chain));
  return source.fromOrgPath === null
    ? { policy: source.policy, orgPath: null }
    : { policy: source.policy, orgPath: source.fromOrgPath, orgName: source.fromOrgName ?? undefined };
}

/**
 * A node's view from its chain's records and its own history: what applies, the node's own setting,
 * what it would inherit without one, and the version its next write must name.
 */
export function policyView(
  orgPath: string,
  records: Map<string, HardshipPolicyRecord>,
  history: HardshipPolicyRecord[],
): HardshipPolicyView {
  const chain = orgPathChain(orgPath);
  const mine = records.get(orgPath);
  const inherited = deepestSet(chain.slice(0, -1), records);
  const own = mine?.policy
    ? {
        policy: mine.policy,
        setByName: mine.setByName,
        setAt: mine.setAt,
        ...(mine.note === undefined ? {} : { note: mine.note }),
        version: mine.version,
      }
    : null;
  return {
    orgPath,
    effective: own ? { policy: own.policy, fromOrgPath: orgPath, fromOrgName: mine!.orgName } : inherited,
    own,
    inherited,
    version: mine?.version ?? 0,
    history: history.map((entry) => ({
      version: entry.version,
      policy: entry.policy ?? null,
      setByName: entry.setByName,
      setAt: entry.setAt,
      ...(entry.note === undefined ? {} : { note: entry.note }),
    })),
  };
}

/**
 * Reads a node's view: its chain's CURRENT items (one BatchGet) and its latest versions. `self`
 * replaces the node's own CURRENT item by one just written, so a write answers what it wrote.
 */
export async function readPolicyView(
  orgPath: string,
  self?: HardshipPolicyRecord,
): Promise<HardshipPolicyView> {
  const [records, history] = await Promise.all([
    getPolicyRecords(orgPathChain(orgPath)),
    listPolicyVersions(orgPath, HISTORY_SHOWN),
  ]);
  if (self) records.set(orgPath, self);
  return policyView(orgPath, records, history);
}

/** The org node a policy is read or set at; it must exist (its scope was checked by the pipeline). */
export async function policyOrg(orgPath: string) {
  const [node] = await getOrgs([orgPath]);
  if (!node) throw new AppError('ORG_NOT_FOUND');
  return node;
}

/** getHardshipPolicy: staff read the rules of their node (default) or one below it. */
export async function getHardshipPolicy(
  caller: Caller,
  query: { orgPath?: string | undefined },
): Promise<HardshipPolicyView> {
  const orgPath = listingRoot(caller, query.orgPath);
  if (orgPath === null) throw new AppError('ORG_NOT_FOUND');
  const [view] = await Promise.all([readPolicyView(orgPath), policyOrg(orgPath)]);
  return view;
}
