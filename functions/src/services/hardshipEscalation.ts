import { parentOrgPath, shanghaiDate, shiftDateByDays } from '@ankang/shared';
import { newAuditEventId } from '../db/audit';
import { retryOnConflict } from '../db/conflictRetry';
import { writeEscalation } from '../db/hardshipAlertEscalation';
import type { AlertRecord } from '../db/hardshipAlertItems';
import { getOrgs } from '../db/orgs';
import { SYSTEM_ACTOR } from './hardshipAlertRaise';
import { daysToAct } from './hardshipAlertRules';

/**
 * The alert after its due date passed unhandled (pure). Below a province it moves to the parent of
 * the node holding it, with a new due date, and the escalation records who failed to act (the
 * assignee, at the node that held it) and which date they missed. At a province there is no one
 * higher: it is marked exhausted and leaves the due index, still open in the queues.
 */
export function escalatedAlert(
  alert: AlertRecord,
  now: Date,
  names: { holder: string; parent: string | null },
): AlertRecord {
  const at = now.toISOString();
  const parent = parentOrgPath(alert.holderOrgPath);
  const moved = { updatedAt: at, version: alert.version + 1 };
  if (parent === null) return { ...alert, ...moved, exhausted: true };
  const today = shanghaiDate(now);
  return {
    ...alert,
    ...moved,
    holderOrgPath: parent,
    dueOn: shiftDateByDays(today, daysToAct(alert)),
    escalations: [
      ...alert.escalations,
      {
        fromOrgPath: alert.holderOrgPath,
        fromOrgName: names.holder,
        toOrgPath: parent,
        toOrgName: names.parent ?? parent,
        at,
        dueOn: alert.dueOn,
        assigneeName: alert.assigneeName,
        assigneeUserId: alert.assigneeUserId,
      },
    ],
  };
}

/** The audit trail's words for an escalation: who failed to act, where, by when, and where it went. */
export function escalationDetail(before: AlertRecord, after: AlertRecord, holderName: string): string {
  const missed = `${before.assigneeName}（${holderName}）未在 ${before.dueOn} 前处理`;
  const last = after.escalations.at(-1);
  return after.exhausted || !last
    ? `${missed}；已在省级，无法继续上报`
    : `${missed}，上报至${last.toOrgName}，新的处理期限 ${after.dueOn}`;
}

/** Org names by path, read once per run (a sweep escalates many alerts held by the same nodes). */
export type OrgNames = (paths: string[]) => Promise<Map<string, string>>;

/**
 * Org names for one run. The reads in flight are shared, not only their answers: the sweep
 * escalates 8 alerts at once, often held by the same node, and those ask for it together.
 */
export function orgNamesFor(): OrgNames {
  const reads = new Map<string, Promise<string>>();
  return async (paths) => {
    const missing = [...new Set(paths)].filter((path) => !reads.has(path));
    if (missing.length > 0) {
      const found = getOrgs(missing);
      // A failed read is not kept: the next ask reads again.
      found.catch(() => {
        for (const path of missing) reads.delete(path);
      });
      for (const path of missing) {
        reads.set(
          path,
          found.then((orgs) => orgs.find((org) => org.path === path)?.name ?? path),
        );
      }
    }
    const names = await Promise.all(paths.map(async (path) => [path, await reads.get(path)!] as const));
    return new Map(names);
  };
}

/**
 * Escalates one overdue alert read from the due index: one transaction (the alert, conditional on
 * what was read, and its `escalateAlert` event by the system). `changed` when someone acted on it
 * (or another run escalated it) since it was read: then nothing is written.
 */
export async function escalateAlert(
  alert: AlertRecord,
  now: Date,
  orgNames: OrgNames,
): Promise<'escalated' | 'changed'> {
  const parent = parentOrgPath(alert.holderOrgPath);
  const names = await orgNames(parent ? [alert.holderOrgPath, parent] : [alert.holderOrgPath]);
  const holder = names.get(alert.holderOrgPath) ?? alert.holderOrgPath;
  const next = escalatedAlert(alert, now, { holder, parent: parent ? (names.get(parent) ?? null) : null });
  return retryOnConflict(() =>
    writeEscalation(alert, next, {
      id: newAuditEventId(),
      ...SYSTEM_ACTOR,
      action: 'escalateAlert',
      subjectType: 'hardshipAlert',
      subjectId: alert.id,
      orgPath: alert.orgPath,
      detail: escalationDetail(alert, next, holder),
      at: next.updatedAt,
    }),
  );
}
