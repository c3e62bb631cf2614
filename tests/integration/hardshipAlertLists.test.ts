import { randomUUID } from 'node:crypto';
import {
  type AlertCounts,
  type HardshipAlertStatus,
  type HardshipAlertSummary,
  type HardshipRule,
  shanghaiDate,
} from '@ankang/shared';
import { describe, expect, it, vi } from 'vitest';
import { db } from '../../functions/src/db/client';
import type { AlertRecord } from '../../functions/src/db/hardshipAlertItems';
import { indexes } from '../../functions/src/db/keys';
import { freshOrg, freshUser, putOrg } from './fixtures';
import { ALL_STATUSES, alertRecord, day, escalated, mine, putAlerts, queue } from './hardshipAlertFixtures';
import { errorBody, type HardshipScene, hardshipScene } from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

/** A deterministic generator (mulberry32), so a failing case can be replayed. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    int: (n: number) => Math.floor(next() * n),
  };
}

/** Each rule with a severity and its evidence shape (the alert schema checks the evidence per rule). */
const RULES: {
  rule: HardshipRule;
  severity: AlertRecord['severity'];
  evidence: () => AlertRecord['evidence'];
}[] = [
  {
    rule: 'belowPovertyLine',
    severity: 'high',
    evidence: () => ({
      visit: { visitId: `hv_${randomUUID().replace(/-/g, '')}`, visitedOn: day(-3) },
      perCapitaMonthlyFen: 90_000,
      povertyLine: { monthlyFen: 114_000 },
    }),
  },
  {
    rule: 'belowRelativeLine',
    severity: 'medium',
    evidence: () => ({
      visit: { visitId: `hv_${randomUUID().replace(/-/g, '')}`, visitedOn: day(-3) },
      perCapitaMonthlyFen: 190_000,
      povertyLine: { monthlyFen: 114_000 },
      relativeMultiple: 2,
      relativeLineFen: 228_000,
    }),
  },
  {
    rule: 'visitOverdue',
    severity: 'low',
    evidence: () => ({
      countedFrom: day(-100),
      cadence: 'active',
      cadenceDays: 90,
      dueOn: day(-10),
      daysOverdue: 10,
    }),
  },
  {
    rule: 'monitoringWindowEnding',
    severity: 'task',
    evidence: () => ({ exitDate: day(-340), monitoringMonths: 12, windowEndsOn: day(25), daysLeft: 25 }),
  },
];

interface Scene extends HardshipScene {
  town2: string;
  alice: { userId: string; token: string };
  alerts: AlertRecord[];
}

/** 160 alerts over a tree of its own: every status, rule, org, assignee; due dates around today; some escalated. */
async function listScene(): Promise<Scene> {
  const scene = await hardshipScene();
  const town2 = await freshOrg(scene.county, '另一镇工会');
  const alice = await freshUser({ roles: ['staff'], orgPath: scene.root });
  const random = generator(20261126);
  const orgs = [scene.root, scene.county, scene.town, town2, scene.beside];
  const alerts: AlertRecord[] = [];
  for (let i = 0; i < 160; i += 1) {
    const { rule, severity, evidence } = random.pick(RULES);
    const orgPath = random.pick(orgs);
    const status = random.pick(ALL_STATUSES);
    const escalatedToCounty =
      status !== 'resolved' && (orgPath === scene.town || orgPath === town2) && random.int(3) === 0;
    const assignee = random.pick([
      { userId: alice.userId, name: '爱丽丝' },
      { userId: scene.townStaff.userId, name: '顾镇' },
    ]);
    const at = new Date(Date.now() - random.int(1_000_000_000)).toISOString();
    alerts.push(
      alertRecord(
        {
          id: `hf_${randomUUID().replace(/-/g, '')}`,
          orgPath,
          orgName: '测试工会',
          district: '测试镇',
          headName: `示例户${i}`,
        },
        assignee,
        {
          rule,
          severity,
          evidence: evidence(),
          status,
          dueOn: day(random.int(21) - 10),
          ...(status === 'resolved' ? { outcome: { kind: 'noHelp', note: '已核实' }, resolvedAt: at } : {}),
          ...(escalatedToCounty
            ? {
                holderOrgPath: scene.county,
                escalations: [
                  {
                    fromOrgPath: orgPath,
                    fromOrgName: '测试工会',
                    toOrgPath: scene.county,
                    toOrgName: '测试县工会',
                    at,
                    dueOn: day(-5),
                    assigneeName: assignee.name,
                  },
                ],
              }
            : {}),
        },
      ),
    );
  }
  await putAlerts(alerts);
  return { ...scene, town2, alice, alerts };
}

const within = (path: string, org: string) => path === org || path.startsWith(`${org}/`);

interface QueueAsk {
  status: HardshipAlertStatus;
  org: string;
  severity?: string;
  rule?: string;
  overdue?: boolean;
}

/** The oracle: which alerts the queue must show, in order (org path, then due date, then id). */
function expectedQueue(alerts: AlertRecord[], ask: QueueAsk): string[] {
  return alerts
    .filter(
      (a) =>
        a.status === ask.status &&
        within(a.orgPath, ask.org) &&
        (ask.severity === undefined || a.severity === ask.severity) &&
        (ask.rule === undefined || a.rule === ask.rule) &&
        (!ask.overdue || (a.status !== 'resolved' && a.dueOn < day(0))),
    )
    .map((a) => ({ id: a.id, key: `${a.orgPath}/#${a.dueOn}#${a.id}` }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((a) => a.id);
}

/** The counts of the unresolved states (resolved alerts are not counted). */
function expectedCounts(alerts: AlertRecord[], ask: Omit<QueueAsk, 'status'>): AlertCounts {
  const count = (status: HardshipAlertStatus) => expectedQueue(alerts, { ...ask, status }).length;
  return {
    open: count('open'),
    acknowledged: count('acknowledged'),
    inProgress: count('inProgress'),
    capped: false,
  };
}

/** The page lengths of n alerts at 20 a page (a scene this small never hits the 5-read bound). */
function expectedPageLengths(n: number): number[] {
  if (n === 0) return [0];
  return Array.from({ length: Math.ceil(n / 20) }, (_, i) => Math.min(20, n - i * 20));
}

type Page = { alerts: HardshipAlertSummary[]; nextCursor: string | null; counts?: AlertCounts };

/** Every page of a listing, following its cursors; each page's size and answer are checked. */
async function allPages(
  list: (query: Record<string, string>) => Promise<{ status: number | undefined; body: unknown }>,
  query: Record<string, string>,
): Promise<{ ids: string[]; pages: Page[] }> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const answer = await list(cursor ? { ...query, cursor } : query);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const page = answer.body as Page;
    expect(page.alerts.length).toBeLessThanOrEqual(20);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 50);
  return { ids: pages.flatMap((page) => page.alerts.map((a) => a.id)), pages };
}

describe('Handler: listHardshipAlerts against an oracle over generated alerts', () => {
  // Made inside the first test, under the held clock, so its tokens are valid at that time.
  let scene: Scene;
  const sceneOnce = async () => {
    scene ??= await listScene();
    return scene;
  };

  const asks: { name: string; query: (s: Scene) => Record<string, string>; ask: (s: Scene) => QueueAsk }[] = [
    {
      name: 'default: open, the caller’s subtree',
      query: () => ({}),
      ask: (s) => ({ status: 'open', org: s.root }),
    },
    ...ALL_STATUSES.map((status) => ({
      name: `status ${status}`,
      query: () => ({ status }),
      ask: (s: Scene) => ({ status, org: s.root }),
    })),
    {
      name: 'severity high, acknowledged',
      query: () => ({ status: 'acknowledged', severity: 'high' }),
      ask: (s) => ({ status: 'acknowledged', org: s.root, severity: 'high' }),
    },
    {
      name: 'rule visitOverdue',
      query: () => ({ rule: 'visitOverdue' }),
      ask: (s) => ({ status: 'open', org: s.root, rule: 'visitOverdue' }),
    },
    {
      name: 'overdue only, in progress',
      query: () => ({ status: 'inProgress', overdue: 'true' }),
      ask: (s) => ({ status: 'inProgress', org: s.root, overdue: true }),
    },
    {
      name: 'overdue resolved: none',
      query: () => ({ status: 'resolved', overdue: 'true' }),
      ask: (s) => ({ status: 'resolved', org: s.root, overdue: true }),
    },
    {
      name: 'child org town2 with severity and overdue',
      query: (s) => ({ childOrg: s.town2, severity: 'medium', overdue: '1' }),
      ask: (s) => ({ status: 'open', org: s.town2, severity: 'medium', overdue: true }),
    },
    {
      name: 'asked node county, child org town',
      query: (s) => ({ orgPath: s.county, childOrg: s.town, status: 'acknowledged' }),
      ask: (s) => ({ status: 'acknowledged', org: s.town }),
    },
  ];

  it.each(asks)('$name: every page, in order, with counts', async ({ query, ask }) => {
    await sceneOnce();
    const q = query(scene);
    const a = ask(scene);
    const { ids, pages } = await allPages((x) => queue(scene.rootStaff.token, x), q);
    const expected = expectedQueue(scene.alerts, a);
    expect(ids).toStrictEqual(expected);
    expect(pages.map((page) => page.alerts.length)).toStrictEqual(expectedPageLengths(expected.length));
    const { status: _status, ...filters } = a;
    // Counted on the first page only: later pages do not count again.
    expect(pages[0]!.counts).toStrictEqual(expectedCounts(scene.alerts, filters));
    for (const page of pages.slice(1)) expect(page.counts).toBeUndefined();
  });

  it('shows the county staff only the county subtree, and summaries without private fields', async () => {
    await sceneOnce();
    const { ids, pages } = await allPages((x) => queue(scene.countyStaff.token, x), { status: 'open' });
    expect(ids).toStrictEqual(expectedQueue(scene.alerts, { status: 'open', org: scene.county }));
    const first = pages[0]!.alerts[0]!;
    const source = scene.alerts.find((a) => a.id === first.id)!;
    expect(Object.keys(first).sort()).toStrictEqual(
      [
        'id',
        'fileId',
        'rule',
        'ruleLabel',
        'severity',
        'status',
        'headName',
        'district',
        'orgPath',
        'orgName',
        'assigneeUserId',
        'assigneeName',
        'raisedAt',
        'dueOn',
        'overdue',
        'updatedAt',
        'version',
        ...(source.escalations.length > 0 ? ['escalation'] : []),
      ].sort(),
    );
    expect(first.overdue).toBe(source.dueOn < day(0));
  });

  it('refuses a child org outside the listing (400) or the caller’s scope (403), and forged cursors (400)', async () => {
    await sceneOnce();
    expect(
      (await queue(scene.rootStaff.token, { orgPath: scene.county, childOrg: scene.beside })).status,
    ).toBe(400);
    expect((await queue(scene.rootStaff.token, { childOrg: scene.root })).status).toBe(400);
    expect(await queue(scene.townStaff.token, { childOrg: scene.county })).toStrictEqual({
      status: 403,
      body: errorBody('OUT_OF_SCOPE', '超出您所在工会组织的管理范围'),
    });
    const { pages } = await allPages((x) => queue(scene.rootStaff.token, x), { status: 'resolved' });
    const cursor = pages[0]!.nextCursor!;
    expect(cursor).toBeTruthy();
    const badCursor = { status: 400, body: errorBody('BAD_CURSOR', expect.any(String)) };
    const flipped = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`;
    const forged: Record<string, string>[] = [
      { status: 'resolved', cursor: flipped },
      { status: 'open', cursor }, // another status's queue
      { status: 'resolved', severity: 'high', cursor }, // other filters
      { status: 'resolved', cursor: 'eyJwayI6IkhBTEVSVCJ9.bm90LWEtc2lnbmF0dXJl' },
    ];
    for (const query of forged) {
      expect(await queue(scene.rootStaff.token, query)).toStrictEqual(badCursor);
    }
    // The county's staff cannot open the root's cursor either (another subtree).
    expect(await queue(scene.countyStaff.token, { status: 'resolved', cursor })).toStrictEqual(badCursor);
  });

  it('lists my unresolved alerts, due soonest first', async () => {
    await sceneOnce();
    const { ids } = await allPages((x) => mine(scene.alice.token, x), {});
    const expected = scene.alerts
      .filter((a) => a.assigneeUserId === scene.alice.userId && a.status !== 'resolved')
      .map((a) => `${a.dueOn}#${a.id}`)
      .sort()
      .map((key) => key.split('#')[1]);
    expect(ids).toStrictEqual(expected);
    expect(expected.length).toBeGreaterThan(20);
  });

  it('lists alerts escalated to exactly the node, newest escalation first, to staff in scope', async () => {
    await sceneOnce();
    const expected = scene.alerts
      .filter((a) => a.holderOrgPath === scene.county && a.escalations.length > 0 && a.status !== 'resolved')
      .map((a) => `${a.escalations.at(-1)!.at}#${a.id}`)
      .sort()
      .reverse()
      .map((key) => key.split('#')[1]);
    expect(expected.length).toBeGreaterThan(0);
    const byCounty = await allPages((x) => escalated(scene.countyStaff.token, x), {});
    expect(byCounty.ids).toStrictEqual(expected);
    const byRoot = await allPages((x) => escalated(scene.rootStaff.token, x), { orgPath: scene.county });
    expect(byRoot.ids).toStrictEqual(expected);
    expect(byCounty.pages[0]!.alerts[0]!.escalation).toMatchObject({ toOrgPath: scene.county, level: 1 });
    expect((await allPages((x) => escalated(scene.rootStaff.token, x), {})).ids).toStrictEqual([]);
    expect((await escalated(scene.townStaff.token, { orgPath: scene.county })).status).toBe(403);
  });
});

describe('Handler: listHardshipAlerts bounds', () => {
  it('reads at most 5 index pages per request, counts up to 999 (capped), and still finds every match', async () => {
    const root = `8${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
    await putOrg(root, root, '测试省工会');
    const staff = await freshUser({ roles: ['staff'], orgPath: root });
    const file = { orgPath: root, orgName: '测试省工会', district: '测试', headName: '示例户' };
    const assignee = { userId: staff.userId, name: '测试' };
    const low = RULES[2]!;
    const high = RULES[0]!;
    // 1,010 low alerts due early, then 3 high ones due later: a high-only page must read past them all.
    const alerts = [
      ...Array.from({ length: 1010 }, () =>
        alertRecord({ ...file, id: `hf_${randomUUID().replace(/-/g, '')}` }, assignee, {
          rule: low.rule,
          severity: low.severity,
          evidence: low.evidence(),
          dueOn: day(-20),
        }),
      ),
      ...Array.from({ length: 3 }, () =>
        alertRecord({ ...file, id: `hf_${randomUUID().replace(/-/g, '')}` }, assignee, {
          rule: high.rule,
          severity: high.severity,
          evidence: high.evidence(),
          dueOn: day(5),
        }),
      ),
    ];
    await putAlerts(alerts);

    const name = 'countQueuePages';
    let pageReads = 0;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { IndexName?: string; Select?: string };
        if (
          context.commandName === 'QueryCommand' &&
          input.IndexName === indexes.alertQueue &&
          input.Select !== 'COUNT'
        ) {
          pageReads += 1;
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      const reads: number[] = [];
      const found: string[] = [];
      let cursor: string | null = null;
      let counts: AlertCounts | undefined;
      do {
        pageReads = 0;
        const answer = await queue(staff.token, { severity: 'high', ...(cursor ? { cursor } : {}) });
        expect(answer.status).toBe(200);
        const page = answer.body as Page;
        reads.push(pageReads);
        found.push(...page.alerts.map((a) => a.id));
        if (!cursor) counts = page.counts;
        else expect(page.counts).toBeUndefined();
        cursor = page.nextCursor;
      } while (cursor && reads.length < 10);
      expect(Math.max(...reads)).toBeLessThanOrEqual(5);
      expect(reads.length).toBeGreaterThan(1);
      expect(found.sort()).toStrictEqual(
        alerts
          .slice(1010)
          .map((a) => a.id)
          .sort(),
      );
      expect(counts).toStrictEqual({ open: 3, acknowledged: 0, inProgress: 0, capped: false });
    } finally {
      db.middlewareStack.remove(name);
    }
    const all = await queue(staff.token, {});
    expect((all.body as Page).counts).toStrictEqual({
      open: 999,
      acknowledged: 0,
      inProgress: 0,
      capped: true,
    });
    expect((all.body as Page).alerts).toHaveLength(20);
  });
});

describe('Handler: listHardshipAlerts reads', () => {
  it('reads one item past a page with no filter, not a filtered listing’s hundred', async () => {
    const scene = await hardshipScene();
    const file = { orgPath: scene.root, orgName: '测试省工会', district: '测试', headName: '示例户' };
    const assignee = { userId: scene.rootStaff.userId, name: '测试' };
    const alerts = Array.from({ length: 45 }, () =>
      alertRecord({ ...file, id: `hf_${randomUUID().replace(/-/g, '')}` }, assignee),
    );
    await putAlerts(alerts);

    const name = 'countUnfilteredQueueItems';
    let itemsRead = 0;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { IndexName?: string; Select?: string };
        const result = await next(args);
        if (
          context.commandName === 'QueryCommand' &&
          input.IndexName === indexes.alertQueue &&
          !input.Select
        ) {
          itemsRead += ((result.output as { Items?: unknown[] }).Items ?? []).length;
        }
        return result;
      },
      { step: 'initialize', name },
    );
    try {
      const reads: number[] = [];
      const lengths: number[] = [];
      let cursor: string | null = null;
      do {
        itemsRead = 0;
        const answer = await queue(scene.rootStaff.token, cursor ? { cursor } : {});
        expect(answer.status).toBe(200);
        const page = answer.body as Page;
        reads.push(itemsRead);
        lengths.push(page.alerts.length);
        cursor = page.nextCursor;
      } while (cursor && reads.length < 5);
      // 45 alerts: pages of 20, 20 and 5, each read as the page plus the one that shows there is more.
      expect(lengths).toStrictEqual([20, 20, 5]);
      expect(reads).toStrictEqual([21, 21, 5]);
    } finally {
      db.middlewareStack.remove(name);
    }
  });
});

describe('Handler: listHardshipAlerts overdue paging across midnight', () => {
  it('goes on after Shanghai midnight with the new day’s overdue alerts, not BAD_CURSOR', async () => {
    // 23:59:30 in Shanghai on some day D (UTC 15:59:30), then 00:00:30 on D+1.
    const today = shanghaiDate(new Date());
    vi.setSystemTime(new Date(`${today}T23:59:30+08:00`));
    const scene = await hardshipScene();
    const file = { orgPath: scene.root, orgName: '测试省工会', district: '测试', headName: '示例户' };
    const assignee = { userId: scene.rootStaff.userId, name: '测试' };
    const plusDays = (n: number) => {
      const d = new Date(`${today}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + n);
      return d.toISOString().slice(0, 10);
    };
    const make = (dueOn: string) =>
      alertRecord({ ...file, id: `hf_${randomUUID().replace(/-/g, '')}` }, assignee, { dueOn });
    // Overdue on D: 23 due D-3. Overdue from D+1 only: 4 due on D. Never overdue here: 3 due D+1.
    const longOverdue = Array.from({ length: 23 }, () => make(plusDays(-3)));
    const dueToday = Array.from({ length: 4 }, () => make(plusDays(0)));
    const dueTomorrow = Array.from({ length: 3 }, () => make(plusDays(1)));
    await putAlerts([...longOverdue, ...dueToday, ...dueTomorrow]);
    const inOrder = (records: AlertRecord[]) =>
      records
        .map((a) => `${a.dueOn}#${a.id}`)
        .sort()
        .map((key) => key.split('#')[1]);

    const first = await queue(scene.rootStaff.token, { overdue: 'true' });
    expect(first.status).toBe(200);
    const page1 = first.body as Page;
    expect(page1.alerts.map((a) => a.id)).toStrictEqual(inOrder(longOverdue).slice(0, 20));
    expect(page1.counts).toStrictEqual({ open: 23, acknowledged: 0, inProgress: 0, capped: false });

    vi.setSystemTime(new Date(`${plusDays(1)}T00:00:30+08:00`));
    const second = await queue(scene.rootStaff.token, { overdue: 'true', cursor: page1.nextCursor! });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const page2 = second.body as Page;
    expect(page2.alerts.map((a) => a.id)).toStrictEqual([
      ...inOrder(longOverdue).slice(20),
      ...inOrder(dueToday),
    ]);
    expect(page2.alerts.every((a) => a.overdue)).toBe(true);
    expect(page2.nextCursor).toBeNull();
  });
});
