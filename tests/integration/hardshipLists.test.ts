import type { HouseholdCreateInput, HouseholdSummary } from '@ankang/shared';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { freshUser } from './fixtures';
import { draft, filed, hardshipScene, list } from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

const DAY = 86_400_000;
const shanghaiDay = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * DAY).toISOString().slice(0, 10);

/** What the test knows of each file it made, kept beside the API (the oracle's input). */
interface Known {
  id: string;
  orgPath: string;
  createdAt: string;
  category: string;
  status: string;
  caseworkerUserId: string;
  nextVisitDue?: string;
}

/** Writes a next-visit date straight to the stored file, as a recorded visit would have. */
async function dueOn(id: string, date: string) {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: `HFILE#${id}`, sk: 'FILE' },
      UpdateExpression: 'SET nextVisitDue = :d',
      ExpressionAttributeValues: { ':d': date },
    }),
  );
}

/** Every page of a listing, following cursors; each page holds at most 20. */
async function allPages(token: string, query: Record<string, string>) {
  const files: HouseholdSummary[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const answer = await list(token, { ...query, ...(cursor ? { cursor } : {}) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const page = answer.body as { files: HouseholdSummary[]; nextCursor: string | null };
    files.push(...page.files);
    sizes.push(page.files.length);
    cursor = page.nextCursor;
  } while (cursor);
  return { files, sizes };
}

/**
 * The brute-force answer: every known file in the subtree that passes the filters, in the index's
 * documented order (org path, then filing time, newest first).
 */
function oracle(known: Known[], root: string, keep: (file: Known) => boolean): string[] {
  return known
    .filter((file) => file.orgPath === root || file.orgPath.startsWith(`${root}/`))
    .filter((file) => keep(file))
    .map((file) => ({ id: file.id, key: `${file.orgPath}/#${file.createdAt}#${file.id}` }))
    .sort((a, b) => (a.key < b.key ? 1 : -1))
    .map((file) => file.id);
}

describe('Handler: listHardshipFiles', () => {
  it('lists a subtree newest first in pages of 20 and filters exactly as a brute-force pass does', async () => {
    const scene = await hardshipScene();
    const known: Known[] = [];
    const categories = ['deep', 'relative', 'accident'] as const;
    const filers = [scene.countyStaff, scene.townStaff];
    for (let i = 0; i < 32; i += 1) {
      vi.setSystemTime(new Date(Date.now() + 1000));
      const orgPath = [scene.town, scene.county, scene.beside][i % 3]!;
      // The town's files come from both the town and the county (two caseworkers); the county's from its own.
      const filer =
        orgPath === scene.beside
          ? scene.besideStaff
          : orgPath === scene.county
            ? scene.countyStaff
            : filers[i % 2]!;
      const status = i % 4 === 0 ? 'exited' : 'active';
      const overrides: Partial<HouseholdCreateInput> = {
        category: categories[i % 3],
        status,
        ...(status === 'exited' ? { exitDate: '2026-01-10' } : {}),
      };
      const body = draft(orgPath, overrides);
      await filed(filer.token, body);
      const file: Known = {
        id: body.id,
        orgPath,
        createdAt: new Date().toISOString(),
        category: overrides.category!,
        status,
        caseworkerUserId: filer.userId,
      };
      // Some overdue (due yesterday), some due tomorrow, some never visited.
      if (i % 5 === 1) file.nextVisitDue = shanghaiDay(-1);
      if (i % 5 === 2) file.nextVisitDue = shanghaiDay(1);
      if (file.nextVisitDue) await dueOn(file.id, file.nextVisitDue);
      known.push(file);
    }
    const today = shanghaiDay(0);
    const cases: [Record<string, string>, (file: Known) => boolean, string][] = [
      [{}, () => true, scene.county],
      [{ orgPath: scene.town }, () => true, scene.town],
      [{ category: 'deep' }, (f) => f.category === 'deep', scene.county],
      [{ status: 'exited' }, (f) => f.status === 'exited', scene.county],
      [{ caseworker: 'me' }, (f) => f.caseworkerUserId === scene.countyStaff.userId, scene.county],
      [
        { caseworker: scene.townStaff.userId },
        (f) => f.caseworkerUserId === scene.townStaff.userId,
        scene.county,
      ],
      [{ overdue: 'true' }, (f) => f.nextVisitDue !== undefined && f.nextVisitDue < today, scene.county],
      [
        { category: 'relative', overdue: 'true' },
        (f) => f.category === 'relative' && f.nextVisitDue !== undefined && f.nextVisitDue < today,
        scene.county,
      ],
    ];
    for (const [query, keep, root] of cases) {
      const { files, sizes } = await allPages(scene.countyStaff.token, query);
      const expected = oracle(known, root, keep);
      expect(
        files.map((file) => file.id),
        JSON.stringify(query),
      ).toStrictEqual(expected);
      expect(sizes.every((size) => size <= 20)).toBe(true);
      if (expected.length > 20) expect(sizes[0]).toBe(20);
      for (const file of files) {
        const mine = known.find((k) => k.id === file.id)!;
        expect(file.visitOverdue).toBe(mine.nextVisitDue !== undefined && mine.nextVisitDue < today);
        expect(Object.keys(file)).not.toContain('address');
        expect(Object.keys(file)).not.toContain('phoneMasked');
      }
    }
    // Sanity of the arrangement itself: the unfiltered subtree spans more than one page.
    expect(oracle(known, scene.county, () => true).length).toBeGreaterThan(20);
  });

  it('refuses a node above or beside the caller with 403 and a volunteer or worker with FORBIDDEN', async () => {
    const scene = await hardshipScene();
    for (const orgPath of [scene.county, scene.beside, scene.root]) {
      expect(await list(scene.townStaff.token, { orgPath })).toMatchObject({
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE' } },
      });
    }
    const [volunteer, worker] = await Promise.all([freshUser({ roles: ['volunteer'] }), freshUser()]);
    for (const user of [volunteer, worker]) {
      expect(await list(user.token, { orgPath: scene.town })).toMatchObject({
        status: 403,
        body: { error: { code: 'FORBIDDEN' } },
      });
    }
  });

  it('refuses a cursor carried to other filters with 400 BAD_CURSOR', async () => {
    const scene = await hardshipScene();
    for (let i = 0; i < 21; i += 1) await filed(scene.townStaff.token, draft(scene.town));
    const first = (await list(scene.townStaff.token, {})).body as { nextCursor: string };
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(
      await list(scene.townStaff.token, { category: 'relative', cursor: first.nextCursor }),
    ).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_CURSOR' } },
    });
  });
});

describe('Handler: listHardshipFiles overdue paging across midnight', () => {
  it('goes on after Shanghai midnight with the new day’s overdue files, not BAD_CURSOR', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const plusDays = (n: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
    vi.setSystemTime(new Date(`${today}T23:59:30+08:00`));
    const scene = await hardshipScene();
    // 21 files overdue since D-2, 4 due on D (overdue only from D+1), 2 due on D+1 (never here).
    const dues = [
      ...Array(21).fill(plusDays(-2)),
      ...Array(4).fill(plusDays(0)),
      ...Array(2).fill(plusDays(1)),
    ];
    const known: Known[] = [];
    for (const due of dues) {
      const file = await filed(scene.townStaff.token, draft(scene.town));
      await dueOn(file.id, due);
      known.push({ ...file, caseworkerUserId: scene.townStaff.userId, nextVisitDue: due } as Known);
    }
    const all = oracle(known, scene.town, () => true);
    const overdueOn = (day: string) => (id: string) => known.find((k) => k.id === id)!.nextVisitDue! < day;

    const first = await list(scene.townStaff.token, { overdue: 'true' });
    expect(first.status).toBe(200);
    const page1 = first.body as { files: HouseholdSummary[]; nextCursor: string };
    expect(page1.files.map((f) => f.id)).toStrictEqual(all.filter(overdueOn(today)).slice(0, 20));

    vi.setSystemTime(new Date(`${plusDays(1)}T00:00:30+08:00`));
    const second = await list(scene.townStaff.token, { overdue: 'true', cursor: page1.nextCursor });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const page2 = second.body as { files: HouseholdSummary[]; nextCursor: string | null };
    // After page 1's last file in the index order, everything overdue on the new day.
    const after = all.slice(all.indexOf(page1.files.at(-1)!.id) + 1);
    expect(page2.files.map((f) => f.id)).toStrictEqual(after.filter(overdueOn(plusDays(1))));
    expect(page2.files.length).toBeGreaterThan(0);
    expect(page2.nextCursor).toBeNull();
  });
});
