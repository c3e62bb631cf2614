import { halfDayLabels } from '@ankang/shared';
import type { AssignmentRecord } from '../db/assignmentItems';
import type { Notice } from './notifier';

/**
 * The subscribe messages about a task. The templates chosen in the mini-program console for both
 * topics must have these keywords: thing1 工地/站点, date2 日期, phrase3 时段, thing4 地址, thing5 备注
 * (WeChat refuses a `thing` over 20 characters and a `phrase` over 5, so values are cut to fit).
 */

/** The volunteer's task page; the message opens it. */
const TASK_PAGE = 'volunteer/pages/task/index';
const THING_MAX = 20;
/** How long the record of a sent message is kept after the task's date (the table's TTL drops it). */
const KEEP_AFTER_TASK_S = 30 * 86_400;

/** `text` within `max` characters (code points, as WeChat counts), cut with an ellipsis. */
export function fitField(text: string, max = THING_MAX): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** 2026-07-01 → 2026年7月1日, the date form WeChat's `date` fields take. */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

function fields(record: AssignmentRecord, note: string): Record<string, string> {
  return {
    thing1: fitField(record.site.siteName),
    date2: chineseDate(record.date),
    phrase3: halfDayLabels[record.slot],
    thing4: fitField(record.site.address),
    thing5: fitField(note),
  };
}

function expiresAfter(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00+08:00`) / 1000) + KEEP_AFTER_TASK_S;
}

/**
 * "新任务" to the task's current volunteer. The key names the task, the volunteer and the version
 * that handed it to them: a retried create or reassign finds the same key (one message), a later
 * reassignment to someone else is a new event.
 */
export function assignedNotice(record: AssignmentRecord): Notice {
  return {
    eventKey: `assign#${record.id}#${record.volunteerSignupId}#${record.version}`,
    topic: 'assignment',
    userId: record.volunteerUserId,
    page: `${TASK_PAGE}?id=${record.id}`,
    data: fields(record, '新任务，请在小程序内接受或婉拒'),
    expiresAt: expiresAfter(record.date),
  };
}

/**
 * "明天的任务" to the volunteer holding the task the day before. One per task, date and volunteer:
 * a rerun of the job sends nothing again, and a task handed to someone else after the reminder
 * went out reminds its new holder on the next run.
 */
export function reminderNotice(record: AssignmentRecord): Notice {
  return {
    eventKey: `remind#${record.id}#${record.date}#${record.volunteerSignupId}`,
    topic: 'reminder',
    userId: record.volunteerUserId,
    page: `${TASK_PAGE}?id=${record.id}`,
    data: fields(record, '明天的任务，请按时前往'),
    expiresAt: expiresAfter(record.date),
  };
}
