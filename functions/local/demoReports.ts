import type { ReportKind } from '@ankang/shared';
import { type DemoUser, demoUserId, demoUsers } from './demoData';
import { demoStationId } from './demoStations';

interface DemoReport {
  externalId: string;
  kind: ReportKind;
  text: string;
  /**
   * Who reported it (demo user keys), each with the request id of their report: fixed here, not
   * taken from list positions, so reordering the list never files a report again. (They are the
   * ids earlier seeds derived from positions, so a kept `.local` table has these reports already.)
   */
  by: { user: string; requestId: string }[];
  /** What 顾晓东 (大新镇) or 李敏 (张家港) did about it, with the answer the reporters see. */
  handled?: { by: string; state: 'acknowledged' | 'resolved'; note: string };
}

/**
 * Problems workers reported, as `npm start` shows them in 问题处理 and in 我的反馈: in 大新镇 one
 * reported by three people (3 人反映), one acknowledged and one resolved with 顾晓东's answer; in
 * 张家港's 杨舍镇 one waiting for 李敏. 刘师傅 (环卫工) sees his answered reports in 我的反馈.
 */
const specs: DemoReport[] = [
  {
    externalId: 'ZJG-0023',
    kind: 'dirty',
    text: '卫生间地面很脏，垃圾桶满了没人倒。',
    by: [{ user: 'worker-sanitation', requestId: 'demo-report-1-1' }],
    handled: { by: 'staff-daxin', state: 'resolved', note: '已安排保洁员每天上午、下午各打扫一次。' },
  },
  {
    externalId: 'ZJG-0021',
    kind: 'brokenAircon',
    text: '空调开了不制冷，中午里面很闷热。',
    by: [{ user: 'worker-builder', requestId: 'demo-report-2-1' }],
    handled: { by: 'staff-daxin', state: 'acknowledged', note: '已联系维修师傅，预计后天上门。' },
  },
  {
    externalId: 'ZJG-0001',
    kind: 'closedWhenOpen',
    text: '牌子写 24 小时开放，晚上十点过来门锁着。',
    by: [{ user: 'worker-courier', requestId: 'demo-report-3-1' }],
  },
  {
    externalId: 'ZJG-0020',
    kind: 'noWater',
    text: '饮水机没有水了，桶装水也用完了。',
    by: [
      { user: 'worker-sanitation', requestId: 'demo-report-4-1' },
      { user: 'worker-courier', requestId: 'demo-report-4-2' },
      { user: 'worker-rider', requestId: 'demo-report-4-3' },
    ],
  },
];

function callerOf(user: DemoUser) {
  return {
    userId: demoUserId(user),
    nickname: user.nickname,
    roles: ['worker' as const, ...user.roles],
    orgPath: user.orgPath,
  };
}

function byKey(key: string): DemoUser {
  const user = demoUsers.find((candidate) => candidate.key === key);
  if (!user) throw new Error(`no demo user ${key}`);
  return user;
}

/**
 * Files the demo reports through the report service (each joins or opens its problem as a
 * worker's would) and has the demo staff answer some, through the staff service. A report already
 * stored (a later `npm start`) is only read: its id follows from its fixed request id, as the
 * service derives it. A problem already answered is left as it is. Returns how many reports were new.
 */
export async function seedDemoReports(): Promise<number> {
  // The services write with the functions' own client (seed.ts set their environment).
  const { reportIdOf, reportStationProblem } = await import('../src/services/reports');
  const { updateStationProblem } = await import('../src/services/problems');
  const { getProblem } = await import('../src/db/problems');
  const { getReport } = await import('../src/db/reports');
  let made = 0;
  // One after another: the later reports of a problem join the one the first opened.
  for (const spec of specs) {
    let problemId = '';
    for (const [person, { user, requestId }] of spec.by.entries()) {
      const caller = callerOf(byKey(user));
      const stored = await getReport(await reportIdOf(caller.userId, requestId));
      if (stored) {
        problemId = stored.problemId;
        continue;
      }
      const { report } = await reportStationProblem(caller, demoStationId(spec.externalId), {
        kind: spec.kind,
        text: person === 0 ? spec.text : '',
        requestId,
      });
      problemId = report.problemId;
      made += 1;
    }
    const problem = spec.handled ? await getProblem(problemId) : null;
    if (spec.handled && problem?.state === 'new') {
      await updateStationProblem(callerOf(byKey(spec.handled.by)), problemId, {
        version: problem.version,
        state: spec.handled.state,
        note: spec.handled.note,
      });
    }
  }
  return made;
}
