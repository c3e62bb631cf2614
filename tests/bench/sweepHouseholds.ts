/**
 * The households of `npm run bench:sweep`: files and visit histories as the API stores them (the db
 * layer's own item builders, sealing and keyed hashes), generated from a seed so two runs load the
 * same table. Incomes sit around the 低保 line; some households have left hardship (a few near the
 * end of their monitoring window), some have gone months without a visit.
 */

import { createHash } from 'node:crypto';
import {
  type Employment,
  idNumberCheckDigit,
  type MemberRelation,
  perCapitaMonthlyFen,
  shanghaiDate,
} from '@ankang/shared';
import { seededRandom } from '../../functions/local/nationalStations';
import type { HardshipFileRecord } from '../../functions/src/db/hardshipItems';
import type { VisitRecord } from '../../functions/src/db/hardshipVisitItems';
import { keyedContentHash } from '../../functions/src/lib/lookupHash';
import { protectedFields } from '../../functions/src/services/hardshipRules';

const DAY_MS = 86_400_000;

/** The org nodes households are filed at, with the 低保 line in force for each (per month, fen). */
export interface BenchOrg {
  path: string;
  name: string;
  region: string;
  level: 'province' | 'city' | 'county' | 'town';
  parentPath: string | null;
}

export const benchOrgs: BenchOrg[] = [
  { path: '320000', name: '江苏省总工会', region: '江苏省', level: 'province', parentPath: null },
  { path: '320000/320500', name: '苏州市总工会', region: '苏州市', level: 'city', parentPath: '320000' },
  {
    path: '320000/320500/320582',
    name: '张家港市总工会',
    region: '张家港市',
    level: 'county',
    parentPath: '320000/320500',
  },
  {
    path: '320000/320500/320582/daxin',
    name: '大新镇工会',
    region: '大新镇',
    level: 'town',
    parentPath: '320000/320500/320582',
  },
  {
    path: '320000/320500/320582/yangshe',
    name: '杨舍镇工会',
    region: '杨舍镇',
    level: 'town',
    parentPath: '320000/320500/320582',
  },
  {
    path: '320000/320500/320571',
    name: '苏州工业园区总工会',
    region: '苏州工业园区',
    level: 'county',
    parentPath: '320000/320500',
  },
  { path: '320000/320200', name: '无锡市总工会', region: '无锡市', level: 'city', parentPath: '320000' },
  {
    path: '320000/320200/320281',
    name: '江阴市总工会',
    region: '江阴市',
    level: 'county',
    parentPath: '320000/320200',
  },
];

/** Where households are filed (the deeper nodes), and the 低保 standards that apply to them. */
const leafOrgs = benchOrgs.filter((org) => org.level === 'town' || org.level === 'county');

/** 低保 standards per node and start date, as setPovertyLine stores them. */
export const benchPovertyLines = [
  { orgPath: '320000', orgName: '江苏省总工会', effectiveFrom: '2025-07-01', monthlyFen: 103_000 },
  { orgPath: '320000/320500', orgName: '苏州市总工会', effectiveFrom: '2025-07-01', monthlyFen: 109_500 },
  { orgPath: '320000/320500', orgName: '苏州市总工会', effectiveFrom: '2026-07-01', monthlyFen: 114_000 },
  { orgPath: '320000/320200', orgName: '无锡市总工会', effectiveFrom: '2026-01-01', monthlyFen: 112_500 },
] as const;

/** The line in force at `orgPath` on `date`: the deepest node with one, its latest start on or before it. */
export function benchLineOn(orgPath: string, date: string): number | undefined {
  return benchPovertyLines
    .filter(
      (line) =>
        (orgPath === line.orgPath || orgPath.startsWith(`${line.orgPath}/`)) && line.effectiveFrom <= date,
    )
    .sort((a, b) => b.orgPath.length - a.orgPath.length || b.effectiveFrom.localeCompare(a.effectiveFrom))[0]
    ?.monthlyFen;
}

const dateAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** A fixed id per number, spread like the API's random ids (the sweep shards by the first hex digit). */
const hex32 = (prefix: string, n: number) =>
  `${prefix}${createHash('md5').update(`bench:${prefix}${n}`).digest('hex')}`;
const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)]!;

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '朱',
  '高',
  '沈',
  '顾',
];

/** One generated household: its file and its visits (oldest first), as the API would have stored them. */
export interface BenchHousehold {
  file: HardshipFileRecord;
  visits: VisitRecord[];
}

/** The caseworker a generated file names (any staff id; the sweep only notifies them). */
export interface BenchCaseworker {
  userId: string;
  name: string;
}

/**
 * Household `n` of the bench, as of `now`. The mix: about 80% in the file (在档), 18% exited (已脱困;
 * a tenth of them 11–13 months ago, so their monitoring window is ending), 2% closed; last visit
 * mostly within two months, a fifth 2–5 months ago, a tenth 7–13 months ago (long unvisited);
 * per-capita income a random walk around 0.7–3 times the local 低保 line, with occasional drops, job
 * losses and illnesses.
 */
export async function benchHousehold(
  n: number,
  now: Date,
  caseworkers: (orgPath: string) => BenchCaseworker,
): Promise<BenchHousehold> {
  const random = seededRandom(0x5eed0000 + n);
  const today = shanghaiDate(now);
  const org = pick(random, leafOrgs);
  const caseworker = caseworkers(org.path);
  const id = hex32('hf_', n + 1);
  const size = 1 + Math.floor(random() * 5);
  const roll = random();
  const status = roll < 0.8 ? 'active' : roll < 0.98 ? 'exited' : 'closed';
  const lastAgo =
    random() < 0.7
      ? Math.floor(random() * 60)
      : random() < 0.67
        ? 60 + Math.floor(random() * 90)
        : 210 + Math.floor(random() * 180);
  const visitCount = 1 + Math.floor(random() * 8);
  const firstAgo = lastAgo + (visitCount - 1) * (30 + Math.floor(random() * 30));
  const exitAgo =
    status === 'exited'
      ? random() < 0.1
        ? 330 + Math.floor(random() * 60)
        : Math.floor(random() * Math.max(1, firstAgo))
      : undefined;
  const head = `${pick(random, surnames)}某${pick(random, ['明', '华', '军', '芳', '强', '丽', '伟', '静'])}`;
  const relations: MemberRelation[] = ['self', 'spouse', 'child', 'parent', 'child'];
  const members = relations.slice(0, size).map((relation, index) => ({
    relation,
    name: index === 0 ? head : `${head.slice(0, 1)}某${index}`,
    birthYear: relation === 'child' ? 2005 + index : relation === 'parent' ? 1950 : 1975 + index,
    condition: random() < 0.2 ? ('chronic' as const) : ('healthy' as const),
    employment: relation === 'child' ? ('student' as const) : ('flexible' as const),
  }));
  const fixedFen = 300_000 + Math.floor(random() * 900_000);
  let factor = 0.7 + random() * 2.3;
  let employment: Employment = random() < 0.6 ? 'employed' : 'flexible';
  const visits: VisitRecord[] = [];
  for (let v = 0; v < visitCount; v += 1) {
    const ago =
      visitCount === 1 ? lastAgo : Math.round(firstAgo - ((firstAgo - lastAgo) * v) / (visitCount - 1));
    const visitedOn = dateAfter(today, -ago);
    const line = benchLineOn(org.path, visitedOn) ?? 103_000;
    factor *= random() < 0.08 ? 0.55 : 0.85 + random() * 0.3;
    factor = Math.min(4, Math.max(0.3, factor));
    const lostJob = employment !== 'unemployed' && random() < 0.05;
    const previous = employment;
    if (lostJob) employment = 'unemployed';
    else if (employment === 'unemployed' && random() < 0.4) employment = 'flexible';
    const perCapita = Math.round(line * factor);
    const annualIncomeFen = perCapita * 12 * size + fixedFen;
    const ill = random() < 0.04;
    const visitId = hex32('hv_', (n + 1) * 16 + v);
    const createdAt = new Date(Date.parse(`${visitedOn}T16:30:00+08:00`)).toISOString();
    const body = {
      id: visitId,
      visitedOn,
      mode: random() < 0.7 ? ('home' as const) : ('phone' as const),
      annualIncomeFen,
      annualFixedSpendingFen: fixedFen,
      householdSize: size,
      earners: [{ relation: 'self' as const, employment, changedSinceLastVisit: previous !== employment }],
      ...(ill
        ? {
            illnessOrAccident: {
              kind: 'illness' as const,
              description: '家庭成员患重病住院',
              expectedCostFen: Math.round(annualIncomeFen * (0.5 + random())),
            },
          }
        : {}),
      largeSpending: ill ? [{ kind: 'medical' as const, amountFen: Math.round(annualIncomeFen * 0.3) }] : [],
      housing: [],
      risk: factor < 1 ? ('high' as const) : factor < 2 ? ('medium' as const) : ('low' as const),
      nextVisitDue: dateAfter(visitedOn, factor < 1 ? 30 : 90),
    };
    visits.push({
      ...body,
      fileId: id,
      perCapitaMonthlyFen: perCapitaMonthlyFen(body),
      povertyLineFen: benchLineOn(org.path, visitedOn),
      visitorUserId: caseworker.userId,
      visitorName: caseworker.name,
      contentHash: await keyedContentHash({ fileId: id, ...body }),
      createdAt,
      updatedAt: createdAt,
      version: 1,
    });
  }
  const latest = visits.at(-1)!;
  const createdAt = new Date(
    Date.parse(`${dateAfter(visits[0]!.visitedOn, -3)}T10:00:00+08:00`),
  ).toISOString();
  const first17 = `${org.path.includes('320571') ? '320571' : '320582'}19${String(60 + (n % 30))}0101${String(n % 1000).padStart(3, '0')}`;
  const file: HardshipFileRecord = {
    id,
    orgPath: org.path,
    orgName: org.name,
    district: org.region,
    headName: `压测户·${head}`,
    ...(await protectedFields(id, {
      idNumber: `${first17}${idNumberCheckDigit(first17)}`,
      phone: `138${String(n).padStart(8, '0')}`,
      address: `${org.region}压测路 ${n} 号`,
    })),
    members,
    category: factor < 1 ? 'deep' : 'relative',
    status,
    ...(exitAgo === undefined ? {} : { exitDate: dateAfter(today, -exitAgo) }),
    causes: [pick(random, ['illness', 'unemployment', 'schooling', 'disability'] as const)],
    income: {
      annualIncomeFen: latest.annualIncomeFen,
      annualFixedSpendingFen: fixedFen,
      medicalAccidentCostsFen: 0,
    },
    caseworkerUserId: caseworker.userId,
    caseworkerName: caseworker.name,
    consent: {
      givenBy: head,
      relation: 'self',
      date: createdAt.slice(0, 10),
      scopes: ['filing', 'visits'],
      method: 'written',
      recordedBy: caseworker.name,
      recordedAt: createdAt,
    },
    lastVisitOn: latest.visitedOn,
    nextVisitDue: latest.nextVisitDue,
    latest: {
      perCapitaMonthlyFen: latest.perCapitaMonthlyFen,
      householdSize: latest.householdSize,
      visitedOn: latest.visitedOn,
    },
    contentHash: await keyedContentHash({ bench: id }),
    createdBy: caseworker.userId,
    createdAt,
    updatedAt: latest.createdAt,
    version: 1 + visits.length,
  };
  return { file, visits };
}
