import {
  type AlertOutcome,
  alertAssignSchema,
  alertCommentSchema,
  alertResolveSchema,
  alertTransitionSchema,
  type HardshipAlert,
  type HardshipRule,
} from '@ankang/shared';
import { getAlert, getAlertSlot } from '../src/db/hardshipAlerts';
import { env } from '../src/lib/env';
import type { Caller } from '../src/services/caller';
import {
  acknowledgeHardshipAlert,
  assignHardshipAlert,
  resolveHardshipAlert,
  startHardshipAlert,
} from '../src/services/hardshipAlertActions';
import { commentHardshipAlert } from '../src/services/hardshipAlertComments';
import { alertDetail } from '../src/services/hardshipAlertViews';
import { reviewHousehold } from '../src/services/hardshipMonitor';
import { runMonitoringSweep } from '../src/services/hardshipSweep';
import { demoHouseholdSeeds } from './demoHouseholdData';
import { demoCaller, demoFileId } from './demoHouseholds';

/**
 * Demo alerts for `npm start`: the real rules raise them on the demo households (reviewHousehold,
 * as a visit or the nightly sweep would), then the demo staff move them through the real services,
 * so the queue shows every state — 待确认, 已确认, 处理中, 已办结 (已帮扶, 重新建档, 无需帮扶) — with
 * comments, a 转派 with its reason, and one escalated to the parent org. Idempotent: a step only
 * runs from the state it expects, comments are retried under their fixed ids, and an alert once
 * resolved is left alone.
 */

const DAY_MS = 86_400_000;
/**
 * How far back the escalated household is first reviewed: its 低保 alert (high, 3 days) is long
 * overdue, while its last visit was then recent enough that nothing else was raised.
 */
const ESCALATED_RAISED_DAYS_AGO = 35;

type StaffKey = 'staff-daxin' | 'staff-zjg' | 'staff-sip';

type Step =
  | { act: 'acknowledge'; by: StaffKey; note?: string }
  | { act: 'start'; by: StaffKey; note?: string }
  | { act: 'resolve'; by: StaffKey; outcome: AlertOutcome }
  | { act: 'assign'; by: StaffKey; to: StaffKey; reason: string }
  | { act: 'comment'; by: StaffKey; n: number; text: string };

interface DemoAlertPlan {
  /** Index in demoHouseholdSeeds. */
  household: number;
  rule: HardshipRule;
  steps: Step[];
}

const headIndex = (headName: string): number => {
  const index = demoHouseholdSeeds.findIndex((seed) => seed.headName === headName);
  if (index < 0) throw new Error(`no demo household ${headName}`);
  return index;
};

/** The household whose 低保 alert is raised in the past and escalated by the sweep from 张家港 to 苏州. */
const ESCALATED_HOUSEHOLD = headIndex('示例户·周某某');

/** What staff have done with the alerts the rules raised; alerts not named here stay 待确认. */
export const demoAlertPlans: DemoAlertPlan[] = [
  {
    household: headIndex('示例户·张某某'),
    rule: 'belowPovertyLine',
    steps: [
      { act: 'acknowledge', by: 'staff-daxin', note: '已电话联系户主，约定本周五上门核实' },
      { act: 'comment', by: 'staff-daxin', n: 1, text: '透析自付部分的医保报销比例待医保局答复。' },
    ],
  },
  {
    household: headIndex('示例户·张某某'),
    rule: 'visitOverdue',
    steps: [
      { act: 'assign', by: 'staff-zjg', to: 'staff-zjg', reason: '顾晓东外出培训两周，由市总工会代为走访' },
    ],
  },
  {
    household: headIndex('示例户·王某某'),
    rule: 'belowPovertyLine',
    steps: [
      { act: 'acknowledge', by: 'staff-daxin' },
      { act: 'start', by: 'staff-daxin', note: '上门核实收入情况' },
      {
        act: 'resolve',
        by: 'staff-daxin',
        outcome: {
          kind: 'helped',
          measures: ['warmth', 'livingAid'],
          amountFen: 200_000,
          note: '送去冬季慰问金 2,000 元和米面油',
        },
      },
    ],
  },
  {
    household: headIndex('示例户·王某某'),
    rule: 'incomeDrop',
    steps: [
      { act: 'acknowledge', by: 'staff-daxin' },
      { act: 'start', by: 'staff-daxin' },
      { act: 'comment', by: 'staff-daxin', n: 2, text: '已联系镇就业服务站，为配偶推荐保洁岗位。' },
    ],
  },
  {
    household: headIndex('示例户·刘某某'),
    rule: 'belowPovertyLine',
    steps: [
      { act: 'acknowledge', by: 'staff-zjg' },
      { act: 'start', by: 'staff-zjg', note: '危房改造和低保申请同步推进' },
      { act: 'comment', by: 'staff-zjg', n: 3, text: '已协助配偶向民政部门提交低保申请材料。' },
    ],
  },
  {
    household: headIndex('示例户·孙某某'),
    rule: 'belowPovertyLine',
    steps: [
      { act: 'acknowledge', by: 'staff-sip' },
      {
        act: 'resolve',
        by: 'staff-sip',
        outcome: {
          kind: 'helped',
          measures: ['medicalMutual', 'livingAid'],
          amountFen: 500_000,
          note: '职工医疗互助金和生活救助金已发放',
        },
      },
    ],
  },
  {
    household: headIndex('示例户·孙某某'),
    rule: 'medicalBurden',
    steps: [
      { act: 'acknowledge', by: 'staff-sip' },
      { act: 'start', by: 'staff-sip' },
      { act: 'comment', by: 'staff-sip', n: 4, text: '正在协助申请大病救助，预计下月到账。' },
    ],
  },
  {
    household: headIndex('示例户·郑某某'),
    rule: 'belowPovertyLine',
    steps: [
      { act: 'acknowledge', by: 'staff-sip' },
      {
        act: 'resolve',
        by: 'staff-sip',
        outcome: { kind: 'refiled', category: 'deep', note: '企业停产后家庭收入骤降，转为深度困难' },
      },
    ],
  },
  {
    household: headIndex('示例户·郑某某'),
    rule: 'earnerUnemployed',
    steps: [{ act: 'acknowledge', by: 'staff-sip', note: '已登记，待就业援助' }],
  },
  {
    household: headIndex('示例户·何某某'),
    rule: 'belowRelativeLine',
    steps: [
      { act: 'acknowledge', by: 'staff-sip' },
      {
        act: 'resolve',
        by: 'staff-sip',
        outcome: { kind: 'noHelp', note: '户主已稳定就业，子女住院费用已报销，经核实暂无需帮扶' },
      },
    ],
  },
];

/** A fixed comment id per demo comment (`hc_` + 32 hex), so a re-seed retries rather than adds. */
const demoCommentId = (n: number) => `hc_de${String(n).padStart(2, '0')}`.padEnd(35, '0');

/** The alert of a household's rule that is open now, if any. */
async function openAlertOf(household: number, rule: HardshipRule) {
  const slot = await getAlertSlot(demoFileId(household), rule);
  return slot?.openAlertId ? getAlert(slot.openAlertId) : null;
}

/** Runs one step if the alert is in the state it starts from; the alert as it is after. */
async function apply(alert: HardshipAlert, step: Step, callers: (key: StaffKey) => Caller) {
  const caller = callers(step.by);
  const note = 'note' in step && step.note ? { note: step.note } : {};
  switch (step.act) {
    case 'acknowledge':
      if (alert.status !== 'open') return null;
      return acknowledgeHardshipAlert(
        caller,
        alert.id,
        alertTransitionSchema.parse({ version: alert.version, ...note }),
      );
    case 'start':
      if (alert.status !== 'acknowledged') return null;
      return startHardshipAlert(
        caller,
        alert.id,
        alertTransitionSchema.parse({ version: alert.version, ...note }),
      );
    case 'resolve':
      if (alert.status !== 'acknowledged' && alert.status !== 'inProgress') return null;
      return resolveHardshipAlert(
        caller,
        alert.id,
        alertResolveSchema.parse({ version: alert.version, outcome: step.outcome }),
      );
    case 'assign': {
      const to = callers(step.to);
      if (alert.status === 'resolved' || alert.assigneeUserId === to.userId) return null;
      return assignHardshipAlert(
        caller,
        alert.id,
        alertAssignSchema.parse({ version: alert.version, assigneeUserId: to.userId, reason: step.reason }),
      );
    }
    case 'comment':
      if (alert.comments.some((comment) => comment.id === demoCommentId(step.n))) return null;
      return commentHardshipAlert(
        caller,
        alert.id,
        alertCommentSchema.parse({ id: demoCommentId(step.n), text: step.text }),
      );
  }
}

/**
 * Raises and moves the demo alerts; returns how many alerts were raised or changed. The functions'
 * services write through their own table client: it must point at the table being seeded.
 */
export async function seedDemoAlerts(tableName: string, dynamoEndpoint: string | undefined, at: Date) {
  if (env.TABLE_NAME !== tableName || env.DYNAMODB_ENDPOINT !== dynamoEndpoint) {
    throw new Error(
      `demo alerts need the functions' table client on ${tableName} at ${dynamoEndpoint}; ` +
        `this process has ${env.TABLE_NAME} at ${env.DYNAMODB_ENDPOINT ?? 'AWS'}`,
    );
  }
  let changed = 0;
  // Raised weeks ago and never acted on: the sweep's escalation moves it to the parent org today.
  const escalatedFile = demoFileId(ESCALATED_HOUSEHOLD);
  if (!(await getAlertSlot(escalatedFile, 'belowPovertyLine'))) {
    const past = new Date(at.getTime() - ESCALATED_RAISED_DAYS_AGO * DAY_MS);
    changed += (await reviewHousehold(escalatedFile, past)).raised.length;
  }
  for (const household of demoHouseholdSeeds.keys()) {
    changed += (await reviewHousehold(demoFileId(household), at)).raised.length;
  }
  // Tonight's sweep, now: it escalates what is overdue (that alert) and finds nothing else to do.
  changed += (await runMonitoringSweep(at)).escalated;

  const callers = (key: StaffKey) => demoCaller(key);
  for (const plan of demoAlertPlans) {
    const record = await openAlertOf(plan.household, plan.rule);
    // Resolved on an earlier seed (or the rule does not fire on this day): nothing to do.
    if (!record) continue;
    let alert = await alertDetail(record);
    for (const step of plan.steps) {
      const after = await apply(alert, step, callers);
      if (after) {
        alert = after;
        changed += 1;
      }
    }
  }
  return changed;
}
