import {
  orgPathChain,
  type PovertyLine,
  type PovertyLineDraft,
  type PovertyLineInForce,
  shanghaiDate,
} from '@ankang/shared';
import { auditEventPut, newAuditEventId } from '../db/audit';
import { getOrgs } from '../db/orgs';
import {
  getPovertyLine,
  listPovertyLinesOfOrg,
  type PovertyLineRecord,
  putPovertyLine,
} from '../db/povertyLines';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { listingRoot } from './scope';

/** Lines listed per node (a node sets one a year or so: 20 is two decades). */
const LINES_PER_NODE = 20;

function lineView(record: PovertyLineRecord): PovertyLine {
  const { orgPath, orgName, monthlyFen, effectiveFrom, setByName, setAt } = record;
  return { orgPath, orgName, monthlyFen, effectiveFrom, setByName, setAt };
}

/**
 * The 低保 standard in force on `date` for an org: each node of its chain is asked for its latest
 * line on or before the date (in parallel, at most 5 nodes, one item each), and the deepest node
 * that has one wins — a city's own standard overrides its province's.
 */
export async function povertyLineInForce(
  orgPath: string,
  date: string,
): Promise<PovertyLineInForce | undefined> {
  const chain = orgPathChain(orgPath);
  const latest = await Promise.all(
    chain.map((path) => listPovertyLinesOfOrg(path, { limit: 1, onOrBefore: date })),
  );
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const line = latest[i]![0];
    if (line) {
      return {
        monthlyFen: line.monthlyFen,
        effectiveFrom: line.effectiveFrom,
        orgPath: line.orgPath,
        orgName: line.orgName,
      };
    }
  }
  return undefined;
}

/** The lines of a node and its ancestors (the node's own first), each node's latest date first. */
export async function listPovertyLines(
  caller: Caller,
  query: { orgPath?: string | undefined },
): Promise<{ lines: PovertyLine[] }> {
  const root = listingRoot(caller, query.orgPath);
  if (root === null) return { lines: [] };
  const chain = orgPathChain(root).reverse();
  const perNode = await Promise.all(
    chain.map((path) => listPovertyLinesOfOrg(path, { limit: LINES_PER_NODE })),
  );
  return { lines: perNode.flat().map(lineView) };
}

/**
 * An org sets the standard it applies from a date. The same amount again is a no-op (a retry); a
 * different amount for the same date replaces it, with an audit event in the same transaction,
 * so a changed standard always says who changed it. Two racing changes: the later one re-reads.
 */
export async function setPovertyLine(caller: Caller, body: PovertyLineDraft): Promise<PovertyLine> {
  const [node] = await getOrgs([body.orgPath]);
  if (!node) throw new AppError('ORG_NOT_FOUND');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await getPovertyLine(body.orgPath, body.effectiveFrom);
    if (current && current.monthlyFen === body.monthlyFen) return lineView(current);
    const at = now().toISOString();
    const record: PovertyLineRecord = {
      ...body,
      orgName: node.name,
      setByUserId: caller.userId,
      setByName: caller.nickname,
      setAt: at,
      version: (current?.version ?? 0) + 1,
    };
    const audit = auditEventPut({
      id: newAuditEventId(),
      actorUserId: caller.userId,
      actorName: caller.nickname,
      action: 'setPovertyLine',
      subjectType: 'povertyLine',
      subjectId: `POVERTY#${body.orgPath}`,
      orgPath: body.orgPath,
      at,
    });
    if (await putPovertyLine(record, current?.version ?? null, [audit])) return lineView(record);
  }
  throw new AppError('VERSION_CONFLICT', { message: '低保标准正被他人同时修改，请刷新后重试' });
}

/** Today's date in Shanghai, the day a file's standard is looked up for. */
export function todayInShanghai(): string {
  return shanghaiDate(now());
}
