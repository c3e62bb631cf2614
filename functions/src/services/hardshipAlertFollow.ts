import { isWithinOrg } from '@ankang/shared';
import { auditEventPut, newAuditEventId } from '../db/audit';
import { retryOnConflict } from '../db/conflictRetry';
import { type AlertRecord, type AlertSlotRecord, householdKeyOf } from '../db/hardshipAlertItems';
import { getAlert } from '../db/hardshipAlerts';
import { alertFollowFileWrite } from '../db/hardshipAlertWrites';
import type { HardshipFileRecord } from '../db/hardshipItems';
import { SYSTEM_ACTOR } from './hardshipAlertRaise';

/** Tries of one alert's follow-up when a transition keeps moving it first. */
const FOLLOW_ATTEMPTS = 3;

/**
 * The alert as its household now is: a file moved to another node takes its open alerts along
 * (staff are in scope of an alert by the household's node) and gives them to the file's caseworker
 * there; a renamed head of household is renamed on them. An escalated alert stays with the node it
 * was escalated to only while that node is still above the household: moved to another branch, it
 * is held by the file's new node (its escalations stay as history), so it leaves the old branch's
 * 上级督办 and a later escalation climbs the new branch.
 */
function followed(alert: AlertRecord, file: HardshipFileRecord, at: string): AlertRecord {
  const moved = alert.orgPath !== file.orgPath;
  return {
    ...alert,
    orgPath: file.orgPath,
    orgName: file.orgName,
    district: file.district,
    headName: file.headName,
    holderOrgPath:
      alert.escalations.length > 0 && isWithinOrg(file.orgPath, alert.holderOrgPath)
        ? alert.holderOrgPath
        : file.orgPath,
    ...(moved ? { assigneeUserId: file.caseworkerUserId, assigneeName: file.caseworkerName } : {}),
    updatedAt: at,
    version: alert.version + 1,
  };
}

/**
 * Brings the household's open alerts in line with its file when the file moved or was renamed
 * since they were raised. Slots tell it without reading an alert (their household key); only a
 * changed household's open alerts are written (each one conditional transaction with its audit
 * event), from `alerts` — the review's latest copy of each — and read again only to retry a write
 * a transition beat. Returns the alerts now held by someone else, to be notified.
 */
export async function followFile(
  file: HardshipFileRecord,
  slots: Iterable<AlertSlotRecord>,
  alerts: ReadonlyMap<string, AlertRecord>,
  at: string,
): Promise<AlertRecord[]> {
  const key = householdKeyOf(file);
  const reassigned: AlertRecord[] = [];
  for (const slot of slots) {
    if (!slot.openAlertId || slot.householdKey === key) continue;
    for (let attempt = 1; attempt <= FOLLOW_ATTEMPTS; attempt += 1) {
      const alert = attempt === 1 ? (alerts.get(slot.openAlertId) ?? null) : await getAlert(slot.openAlertId);
      if (!alert || alert.status === 'resolved' || householdKeyOf(alert) === key) break;
      const next = followed(alert, file, at);
      const audit = auditEventPut({
        id: newAuditEventId(),
        ...SYSTEM_ACTOR,
        action: 'followFile',
        subjectType: 'hardshipAlert',
        subjectId: alert.id,
        orgPath: next.orgPath,
        detail:
          next.assigneeUserId === alert.assigneeUserId
            ? `档案现属 ${file.orgName}，户主 ${file.headName}`
            : `档案移至 ${file.orgName}，改由 ${next.assigneeName} 处理`,
        at,
      });
      const outcome = await retryOnConflict(() => alertFollowFileWrite(next, alert.version, audit));
      if (outcome === 'saved') {
        if (next.assigneeUserId !== alert.assigneeUserId) reassigned.push(next);
        break;
      }
    }
  }
  return reassigned;
}
