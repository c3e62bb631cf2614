import { hardshipAlertSeverityLabels, hardshipRuleLabels, shiftDateByDays } from '@ankang/shared';
import type { AlertRecord } from '../db/hardshipAlertItems';
import { chineseDate, fitField } from './assignmentNotices';
import type { Notice } from './notifier';

/**
 * The subscribe messages about a hardship alert. The templates chosen in the mini-program console
 * for `alertAssigned` and `alertDue` must have these keywords: thing1 预警事项, thing2 所在地区,
 * date3 处理期限, phrase4 级别, thing5 备注 (a `thing` is at most 20 characters, a `phrase` 5).
 * No household's name goes to WeChat: the message says what and where, the page shows who.
 */

/** The staff alert page; the message opens it. */
const ALERT_PAGE = 'staff/pages/alert/index';
/** How long the record of a sent message is kept after the alert's due date (the TTL drops it). */
const KEEP_AFTER_DUE_DAYS = 30;

/** The template fields of an alert message, `note` in 备注 (shared by both alert topics). */
export function alertNoticeFields(record: AlertRecord, note: string): Record<string, string> {
  return {
    thing1: fitField(hardshipRuleLabels[record.rule]),
    thing2: fitField(record.district),
    date3: chineseDate(record.dueOn),
    phrase4: hardshipAlertSeverityLabels[record.severity],
    thing5: fitField(note),
  };
}

const expiresAfter = (dueOn: string) =>
  Math.floor(Date.parse(`${shiftDateByDays(dueOn, KEEP_AFTER_DUE_DAYS)}T00:00:00+08:00`) / 1000);

/**
 * "预警分派" to the alert's assignee. The key names the alert, the assignee and the version that
 * gave it to them: a retried raise or reassignment finds the same key (one message), a later
 * reassignment is a new event.
 */
export function alertAssignedNotice(record: AlertRecord, note = '新预警，请及时处理'): Notice {
  return {
    eventKey: `alert-assigned#${record.id}#${record.assigneeUserId}#${record.version}`,
    topic: 'alertAssigned',
    userId: record.assigneeUserId,
    page: `${ALERT_PAGE}?id=${record.id}`,
    data: alertNoticeFields(record, note),
    expiresAt: expiresAfter(record.dueOn),
  };
}

/**
 * "预警明天到期" to the alert's assignee, the day before its due date. One per alert and due date:
 * a rerun of the sweep sends nothing again, and an alert escalated to a new due date is reminded
 * again the day before that one.
 */
export function alertDueNotice(record: AlertRecord): Notice {
  return {
    eventKey: `alert-due#${record.id}#${record.dueOn}`,
    topic: 'alertDue',
    userId: record.assigneeUserId,
    page: `${ALERT_PAGE}?id=${record.id}`,
    data: alertNoticeFields(record, '预警明天到期，请及时处理'),
    expiresAt: expiresAfter(record.dueOn),
  };
}
