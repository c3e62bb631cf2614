import type { ReportKind } from '@ankang/shared';
import { type DemoUser, demoUserId, demoUsers } from './demoData';
import { demoStationId } from './demoStations';

interface DemoReport {
  externalId: string;
  kind: ReportKind;
  text: string;
  by: string[];
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
    by: ['worker-sanitation'],
    handled: { by: 'staff-daxin', state: 'resolved', note: '已安排保洁员每天上午、下午各打扫一次。' },
  },
  {
    externalId: 'ZJG-0021',
    kind: 'brokenAircon',
    text: '空调开了不制冷，中午里面很闷热。',
    by: ['worker-builder'],
    handled: { by: 'staff-daxin', state: 'acknowledged', note: '已联系维修师傅，预计后天上门。' },
  },
  {
    externalId: 'ZJG-0001',
    kind: 'closedWhenOpen',
    text: '牌子写 24 小时开放，晚上十点过来门锁着。',
    by: ['worker-courier'],
  },
  {
    externalId: 'ZJG-0020',
    kind: 'noWater',
    text: '饮水机没有水了，桶装水也用完了。',
    by: ['worker-sanitation', 'worker-courier', 'worker-rider'],
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
 * worker's would) and has the demo staff answer some, through the staff service. Request ids are
 * fixed, so a reseed files nothing new, and a problem already answered is left as it is. Returns
 * how many reports were new.
 */
export async function seedDemoReports(at: Date): Promise<number> {
  // The services write with the functions' own client (seed.ts set their environment).
  const { reportStationProblem } = await import('../src/services/reports');
  const { updateStationProblem } = await import('../src/services/problems');
  const { getProblem } = await import('../src/db/problems');
  let made = 0;
  // One after another: the later reports of a problem join the one the first opened.
  for (const [index, spec] of specs.entries()) {
    let problemId = '';
    for (const [person, key] of spec.by.entries()) {
      const { report } = await reportStationProblem(callerOf(byKey(key)), demoStationId(spec.externalId), {
        kind: spec.kind,
        text: person === 0 ? spec.text : '',
        requestId: `demo-report-${index + 1}-${person + 1}`,
      });
      problemId = report.problemId;
      if (Date.parse(report.createdAt) >= at.getTime()) made += 1;
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
