import {
  type HardshipAuditEvent,
  hardshipAuditActionLabels,
  type RevealedHousehold,
  safeText,
} from '@ankang/shared';
import { appendAuditEventWith, listAuditEvents, newAuditEventId } from '../db/audit';
import { getHardshipFileRecord } from '../db/hardshipFiles';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { fileInScope } from './hardshipFiles';
import { openFile } from './hardshipRules';
import { dailyQuota, rateLimited } from './limits';
import { isInScope } from './scope';

/** The reason a reveal must give, by the rules of any text a person types for others to read. */
const revealReason = safeText({ label: '查看原因', min: 2, max: 60 });

const AUDIT_PAGE = 50;

/**
 * Staff in scope read a file's full ID number, phone and address, giving a reason. The audit event
 * and a count against the caller's daily cap are one transaction written before anything is
 * decrypted: a reveal that could not be recorded is not made. Without a valid reason, or out of
 * scope, nothing is recorded and nothing revealed.
 */
export async function revealHardshipFile(
  caller: Caller,
  id: string,
  body: { reason?: string | undefined },
): Promise<RevealedHousehold> {
  const reason = revealReason.safeParse(body.reason ?? '');
  if (!reason.success) {
    throw new AppError('REVEAL_REASON_REQUIRED', {
      details: {
        issues: reason.error.issues.map((issue) => ({ path: 'body.reason', message: issue.message })),
      },
    });
  }
  const record = await fileInScope(caller, id);
  const at = now();
  const recorded = await appendAuditEventWith(
    {
      id: newAuditEventId(),
      actorUserId: caller.userId,
      actorName: caller.nickname,
      action: 'revealHousehold',
      subjectType: 'hardshipFile',
      subjectId: record.id,
      orgPath: record.orgPath,
      reason: reason.data,
      at: at.toISOString(),
    },
    [await dailyQuota(caller.userId, 'reveal', at)],
  );
  if (!recorded) throw rateLimited('reveal');
  return openFile(record);
}

/**
 * Supervisors only: admins, and staff of a node strictly above the file's. The file's own node
 * acts on the file and is what the trail watches, so it does not read it.
 */
function assertSupervisor(caller: Caller, orgPath: string): void {
  if (caller.roles.includes('admin')) return;
  if (!isInScope(caller, orgPath)) throw new AppError('OUT_OF_SCOPE');
  if (caller.orgPath === orgPath) throw new AppError('FORBIDDEN', { message: '仅上级工会可查看访问记录' });
}

/** A file's trail (who filed, changed, revealed or visited it, when and why), newest first. */
export async function listHardshipAudit(
  caller: Caller,
  id: string,
  query: { cursor?: string | undefined },
): Promise<{ events: HardshipAuditEvent[]; nextCursor: string | null }> {
  const record = await getHardshipFileRecord(id);
  if (!record) throw new AppError('HARDSHIP_FILE_NOT_FOUND');
  assertSupervisor(caller, record.orgPath);
  const { events, nextCursor } = await listAuditEvents(id, { limit: AUDIT_PAGE, cursor: query.cursor });
  return {
    events: events.flatMap((event) => {
      const action = event.action as keyof typeof hardshipAuditActionLabels;
      // Only file actions are listed; anything else under the id is not this trail's to show.
      if (!(action in hardshipAuditActionLabels)) return [];
      return [
        {
          id: event.id,
          action,
          actionLabel: hardshipAuditActionLabels[action],
          actorName: event.actorName ?? '（未知）',
          ...(event.reason ? { reason: event.reason } : {}),
          at: event.at,
        },
      ];
    }),
    nextCursor,
  };
}
