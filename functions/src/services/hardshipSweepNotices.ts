import { hardshipAlertSeverityLabels, hardshipRuleLabels, shiftDateByDays } from '@ankang/shared';
import type { AlertRecord } from '../db/hardshipAlertItems';
import { chineseDate, fitField } from './assignmentNotices';
import type { Notice } from './notifier';

/** The staff alert page; the message opens it. */
const ALERT_PAGE = 'staff/pages/alert/index';
/** How long the record of a sent notice is kept after the due date (the table's TTL drops it). */
const KEEP_AFTER_DUE_DAYS = 30;

/**
 * "预警明天到期" to the alert's assignee, the day before its due date. Same keywords as the
 * `alertAssigned` message (hardshipAlertNotices.ts): thing1 预警事项, thing2 户主, date3 处理期限,
 * phrase4 级别, thing5 备注. One per alert and due date: a rerun of the sweep sends nothing again,
 * and an alert escalated to a new due date is reminded again the day before that one.
 */
export function alertDueNotice(alert: AlertRecord): Notice {
  return {
    eventKey: `alert-due#${alert.id}#${alert.dueOn}`,
    topic: 'alertDue',
    userId: alert.assigneeUserId,
    page: `${ALERT_PAGE}?id=${alert.id}`,
    data: {
      thing1: fitField(hardshipRuleLabels[alert.rule]),
      thing2: fitField(alert.headName),
      date3: chineseDate(alert.dueOn),
      phrase4: hardshipAlertSeverityLabels[alert.severity],
      thing5: fitField('预警明天到期，请及时处理'),
    },
    expiresAt: Math.floor(
      Date.parse(`${shiftDateByDays(alert.dueOn, KEEP_AFTER_DUE_DAYS)}T00:00:00+08:00`) / 1000,
    ),
  };
}
