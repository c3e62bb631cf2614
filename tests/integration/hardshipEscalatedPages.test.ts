import { randomUUID } from 'node:crypto';
import type { HardshipAlertSummary } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { db } from '../../functions/src/db/client';
import type { AlertRecord } from '../../functions/src/db/hardshipAlertItems';
import { indexes } from '../../functions/src/db/keys';
import { alertRecord, day, escalated, putAlerts } from './hardshipAlertFixtures';
import { type HardshipScene, hardshipScene } from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

type Page = { alerts: HardshipAlertSummary[]; nextCursor: string | null };

/**
 * An unresolved alert escalated from the town to the county at `at`, on a household now at
 * `orgPath`: the town (below the county) or the node beside it, as items stored before an escalated
 * alert followed its household's branch still are (held by the county, out of its subtree).
 */
function escalatedAlert(scene: HardshipScene, orgPath: string, at: string): AlertRecord {
  const file = {
    id: `hf_${randomUUID().replace(/-/g, '')}`,
    orgPath,
    orgName: '测试工会',
    district: '测试镇',
    headName: '示例户',
  };
  return alertRecord(
    file,
    { userId: scene.townStaff.userId, name: '顾镇' },
    {
      holderOrgPath: scene.county,
      escalations: [
        {
          fromOrgPath: scene.town,
          fromOrgName: '测试镇工会',
          toOrgPath: scene.county,
          toOrgName: '测试县工会',
          at,
          dueOn: day(-1),
          assigneeName: '顾镇',
        },
      ],
    },
  );
}

/** `count` escalation times one second apart, the first `secondsAgo` seconds before now. */
const times = (count: number, secondsAgo: number) =>
  Array.from({ length: count }, (_, i) => new Date(Date.now() - (secondsAgo - i) * 1000).toISOString());

/** Every page of the county's 上级督办 (at most `maxPages`), counting the escalated-index queries of each. */
async function allPages(token: string, maxPages: number) {
  const name = `escalatedReads-${randomUUID()}`;
  let queries = 0;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { IndexName?: string };
      if (/^Query/.test(context.commandName ?? '') && input.IndexName === indexes.alertsEscalatedTo) {
        queries += 1;
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  const pages: (Page & { queries: number })[] = [];
  try {
    let cursor: string | null = null;
    do {
      queries = 0;
      const answer = await escalated(token, cursor ? { cursor } : {});
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const page = answer.body as Page;
      pages.push({ ...page, queries });
      cursor = page.nextCursor;
    } while (cursor && pages.length < maxPages);
  } finally {
    db.middlewareStack.remove(name);
  }
  return pages;
}

/** The oracle: the county's own alerts (households below it), newest escalation first. */
const expectedIds = (alerts: AlertRecord[], county: string) =>
  alerts
    .filter((alert) => alert.orgPath.startsWith(`${county}/`))
    .map((alert) => `${alert.escalations.at(-1)!.at}#${alert.id}`)
    .sort()
    .reverse()
    .map((key) => key.split('#')[1]);

describe('Handler: listEscalatedHardshipAlerts pages past alerts out of the node’s subtree', () => {
  it('fills each page when more of its own follow newer ones from another branch', async () => {
    const scene = await hardshipScene();
    // 30 newest from the branch beside, then 25 of the county's own.
    const alerts = [
      ...times(30, 100).map((at) => escalatedAlert(scene, scene.beside, at)),
      ...times(25, 1000).map((at) => escalatedAlert(scene, scene.town, at)),
    ];
    await putAlerts(alerts);
    const expected = expectedIds(alerts, scene.county);
    expect(expected).toHaveLength(25);

    const pages = await allPages(scene.countyStaff.token, 5);
    expect(pages.map((page) => page.alerts.length)).toStrictEqual([20, 5]);
    expect(pages.flatMap((page) => page.alerts.map((alert) => alert.id))).toStrictEqual(expected);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    expect(Math.max(...pages.map((page) => page.queries))).toBeLessThanOrEqual(5);
  });

  it('reads a bounded number of index pages per request, and the cursor goes on where it stopped', async () => {
    const scene = await hardshipScene();
    // 150 newest out of the subtree: more than one request may read past.
    const alerts = [
      ...times(150, 1000).map((at) => escalatedAlert(scene, scene.beside, at)),
      ...times(3, 2000).map((at) => escalatedAlert(scene, scene.town, at)),
    ];
    await putAlerts(alerts);

    const pages = await allPages(scene.countyStaff.token, 10);
    expect(pages.every((page) => page.queries <= 5)).toBe(true);
    // The first request stopped at its bound with nothing to show, and said more may follow.
    expect(pages[0]!.alerts).toStrictEqual([]);
    expect(pages[0]!.nextCursor).toEqual(expect.any(String));
    expect(pages.flatMap((page) => page.alerts.map((alert) => alert.id))).toStrictEqual(
      expectedIds(alerts, scene.county),
    );
    expect(pages.at(-1)!.nextCursor).toBeNull();
  });
});
