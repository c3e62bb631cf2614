import { describe, expect, it } from 'vitest';
import { findByText, routes, tap, waitFor, wxmlAttribute } from './simulate';
import { openCampaign, task, thisYear, volunteer, worksite, zjg } from './staffOutreachFixtures';
import {
  button,
  dialogBox,
  inCard,
  ok,
  openAs,
  type Page,
  queryOf,
  refusal,
  requests,
  resetPagesEachTest,
  text,
  typeInto,
} from './staffOutreachPages';

resetPagesEachTest();

describe('Page: 任务分配 (assignment board)', () => {
  const day = `${thisYear}-07-01`;
  const siteA = () => worksite('ws_00000000000000sitea', '大新镇长江路工地', { status: 'approved' });
  const siteB = () =>
    worksite('ws_00000000000000siteb', '杨舍镇环卫站', {
      status: 'approved',
      orgPath: `${zjg}/yangshe`,
      orgName: '张家港市 › 杨舍镇',
    });
  const xu = () =>
    volunteer('vs_00000000000000000xu', '徐刚', [
      ['am', day],
      ['pm', day],
    ]);
  const yan = () => volunteer('vs_0000000000000000yan', '严丽', [['am', day]]);
  const zhu = () => volunteer('vs_0000000000000000zhu', '朱军', [['pm', day]]);
  const wei = () => volunteer('vs_0000000000000000wei', '魏东', [['am', `${thisYear}-07-02`]]);
  const boardPath = `/staff/campaigns/${openCampaign().id}/assignments`;

  function serveBoard(tasks: () => unknown[]) {
    routes.set(`GET /campaigns/${openCampaign().id}`, () => ok(openCampaign()));
    routes.set(`GET ${boardPath}`, () => ok({ assignments: tasks(), nextCursor: null }));
    routes.set(`GET /staff/campaigns/${openCampaign().id}/worksite-signups`, () =>
      ok({ signups: [siteA(), siteB()], nextCursor: null }),
    );
    routes.set(`GET /staff/campaigns/${openCampaign().id}/volunteer-signups`, () =>
      ok({ signups: [xu(), yan(), zhu(), wei()], nextCursor: null }),
    );
  }
  /** Taps a site's or volunteer's row and waits for its tick. */
  const pick = async (page: Page, name: string) => {
    tap(findByText(page.dom, name, '.main--staff-assignment-picker__row')!);
    await waitFor(() => text(page).includes(`✓ ${name}`));
  };
  const rows = (page: Page) =>
    Array.from(page.dom.querySelectorAll('.main--staff-assignment-picker__row')).map((row) => ({
      name: row.querySelector('.main--staff-assignment-picker__row-title')?.textContent,
      off: row.className.includes('row--off'),
    }));

  it('assigns an approved site to a volunteer free that half day, explaining a refusal in place', async () => {
    // Arrange
    const tasks = [task('as_0000000000000000task1', siteA(), xu(), day, 'am')];
    serveBoard(() => tasks);
    let answers = 0;
    routes.set('POST /staff/assignments', () => {
      answers++;
      if (answers === 1)
        return refusal(422, 'VOLUNTEER_UNAVAILABLE', '该志愿者这个时段没有报名服务，或已有其他任务');
      const made = task('as_0000000000000000task2', siteB(), yan(), day, 'am');
      tasks.push(made);
      return ok(made, 201);
    });
    const page = openAs('staff/pages/board/index', { campaign: openCampaign().id, date: day });
    await waitFor(() => text(page).includes('上午（1）'));
    expect(new URL(requests('GET', boardPath)[0]!.url).searchParams.get('date')).toBe(day);
    expect(text(page)).toContain('徐刚');
    expect(text(page)).toContain('待确认');

    // Act: 分配任务, 上午
    tap(button(page.dom, '分配任务'));
    await waitFor(() => rows(page).length === 3);

    // Assert: site A is taken that half day; only 严丽 is free in it (徐刚 busy, 朱军 afternoons, 魏东 another day)
    expect(rows(page)).toStrictEqual([
      { name: siteA().siteName, off: true },
      { name: siteB().siteName, off: false },
      { name: yan().name, off: false },
    ]);

    // Act
    await pick(page, siteB().siteName);
    await pick(page, yan().name);
    tap(button(page.dom, '确认分配'));
    await waitFor(() => text(page).includes('该志愿者这个时段没有报名服务'));
    expect(text(page)).toContain('请换一位在这个时段报名服务');
    tap(button(page.dom, '确认分配'));

    // Assert
    await waitFor(() => text(page).includes('上午（2）'));
    expect(requests('POST', '/staff/assignments').map((r) => r.data)).toStrictEqual([
      { worksiteSignupId: siteB().id, volunteerSignupId: yan().id, date: day, slot: 'am' },
      { worksiteSignupId: siteB().id, volunteerSignupId: yan().id, date: day, slot: 'am' },
    ]);
    expect(text(page)).toContain('杨舍镇环卫站');
  });

  it('does not assign a site picked in one half day once another half day shows it taken', async () => {
    // Arrange: site A already has an afternoon task
    const tasks = [task('as_0000000000000000task1', siteA(), xu(), day, 'pm')];
    serveBoard(() => tasks);
    routes.set('POST /staff/assignments', () => {
      const made = task('as_0000000000000000task2', siteB(), zhu(), day, 'pm');
      tasks.push(made);
      return ok(made, 201);
    });
    const page = openAs('staff/pages/board/index', { campaign: openCampaign().id, date: day });
    await waitFor(() => text(page).includes('下午（1）'));
    tap(button(page.dom, '分配任务'));
    await waitFor(() => rows(page).length > 0);
    await pick(page, siteA().siteName);

    // Act: the afternoon, where site A is taken; a volunteer free then
    tap(findByText(page.dom, '下午', '.main--choice-chips__chip')!);
    await waitFor(() => text(page).includes('这个时段已有任务'));
    await pick(page, zhu().name);
    tap(button(page.dom, '确认分配'));
    await pick(page, siteB().siteName);
    tap(button(page.dom, '确认分配'));

    // Assert: only the second confirm, with a site that is free that afternoon, was sent
    await waitFor(() => text(page).includes('下午（2）'));
    expect(requests('POST', '/staff/assignments').map((r) => r.data)).toStrictEqual([
      { worksiteSignupId: siteB().id, volunteerSignupId: zhu().id, date: day, slot: 'pm' },
    ]);
  });

  it('reassigns a declined task to another volunteer and shows the history', async () => {
    // Arrange
    const declined = task('as_0000000000000000task1', siteA(), xu(), day, 'pm', {
      status: 'declined',
      reason: '家中有事',
      version: 2,
    });
    serveBoard(() => [declined]);
    routes.set(`POST /staff/assignments/${declined.id}/reassign`, () =>
      ok({
        ...declined,
        status: 'assigned',
        reason: undefined,
        volunteerSignupId: zhu().id,
        volunteerName: zhu().name,
        version: 3,
        history: [
          {
            volunteerSignupId: xu().id,
            volunteerName: '徐刚',
            status: 'declined',
            reason: '家中有事',
            at: '2026-06-30T02:00:00.000Z',
          },
        ],
      }),
    );
    const page = openAs('staff/pages/board/index', { campaign: openCampaign().id, date: day });
    await waitFor(() => text(page).includes('婉拒原因：家中有事'));

    // Act
    tap(button(inCard(page, declined.site.siteName), '改派'));
    await waitFor(() => rows(page).length === 1);
    expect(rows(page)).toStrictEqual([{ name: zhu().name, off: false }]);
    await pick(page, zhu().name);
    tap(button(page.dom, '确认改派'));

    // Assert
    await waitFor(() => text(page).includes('徐刚（已婉拒'));
    expect(requests('POST', `/staff/assignments/${declined.id}/reassign`).map((r) => r.data)).toStrictEqual([
      { version: 2, volunteerSignupId: zhu().id },
    ]);
    const card = inCard(page, declined.site.siteName)!;
    expect(card.textContent).toContain('志愿者：朱军');
    expect(card.textContent).toContain('徐刚（已婉拒：家中有事）');
    expect(card.textContent).toContain('待确认');
  });

  it('cancels a task only with a reason', async () => {
    // Arrange
    const waiting = task('as_0000000000000000task1', siteA(), xu(), day, 'am');
    serveBoard(() => [waiting]);
    routes.set(`POST /staff/assignments/${waiting.id}/cancel`, (options) =>
      ok({
        ...waiting,
        status: 'cancelled',
        reason: (options.data as { reason: string }).reason,
        version: 2,
      }),
    );
    const page = openAs('staff/pages/board/index', { campaign: openCampaign().id, date: day });
    await waitFor(() => inCard(page, waiting.site.siteName));

    // Act
    tap(button(inCard(page, waiting.site.siteName), '取消任务'));
    tap(await waitFor(() => findByText(page.dom, '确认取消任务', 'wx-button')));
    await waitFor(() => text(page).includes('请填写取消原因'));
    await typeInto(dialogBox(page), '工地当天停工');
    tap(findByText(page.dom, '确认取消任务', 'wx-button')!);

    // Assert
    await waitFor(() => text(page).includes('取消原因：工地当天停工'));
    expect(requests('POST', `/staff/assignments/${waiting.id}/cancel`).map((r) => r.data)).toStrictEqual([
      { version: 1, reason: '工地当天停工' },
    ]);
    expect(inCard(page, waiting.site.siteName)!.textContent).toContain('已取消');
    expect(findByText(inCard(page, waiting.site.siteName)!, '改派', 'wx-button')).toBeNull();
  });

  it('shows the conflict notice and the board as it is now when a task changed meanwhile', async () => {
    // Arrange
    const waiting = task('as_0000000000000000task1', siteA(), xu(), day, 'am');
    let loads = 0;
    serveBoard(() => {
      loads++;
      return [loads === 1 ? waiting : { ...waiting, status: 'accepted', version: 2 }];
    });
    routes.set(`POST /staff/assignments/${waiting.id}/cancel`, () =>
      refusal(409, 'VERSION_CONFLICT', '数据已被他人修改，请刷新后重试'),
    );
    const page = openAs('staff/pages/board/index', { campaign: openCampaign().id, date: day });
    await waitFor(() => inCard(page, waiting.site.siteName));

    // Act
    tap(button(inCard(page, waiting.site.siteName), '取消任务'));
    await typeInto(dialogBox(page), '工地当天停工');
    tap(findByText(page.dom, '确认取消任务', 'wx-button')!);

    // Assert
    await waitFor(() => text(page).includes('数据已被他人修改') && text(page).includes('已接受'));
    expect(text(page)).toContain('这个任务已被其他人修改');
    expect(requests('POST', `/staff/assignments/${waiting.id}/cancel`).map((r) => r.data)).toStrictEqual([
      { version: 1, reason: '工地当天停工' },
    ]);
    expect(loads).toBe(2);
  });

  it('opens on the season’s first day when neither the asked date nor today is in the season', async () => {
    // Arrange: next summer's season, which cannot hold today
    const next = {
      ...openCampaign(),
      season: { from: `${thisYear + 1}-06-01`, to: `${thisYear + 1}-09-30` },
    };
    serveBoard(() => []);
    routes.set(`GET /campaigns/${next.id}`, () => ok(next));

    // Act
    const page = openAs('staff/pages/board/index', { campaign: next.id, date: `${thisYear + 1}-12-01` });

    // Assert
    await waitFor(() => text(page).includes('6月1日还没有任务'));
    expect(queryOf(requests('GET', boardPath)[0]!.url)).toStrictEqual({ date: `${thisYear + 1}-06-01` });
    const picker = page.dom.querySelector('wx-picker')!;
    expect(wxmlAttribute(picker, 'start')).toBe(`${thisYear + 1}-06-01`);
    expect(wxmlAttribute(picker, 'end')).toBe(`${thisYear + 1}-09-30`);
  });

  it('opens on today when no date is asked and today is in the season', async () => {
    // Arrange: a season around today (China time), worked out here apart from the app's date code
    const at = (days: number) =>
      new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const current = {
      ...openCampaign(),
      season: { from: at(-10), to: at(10) },
      signup: { from: at(-20), to: at(5) },
    };
    serveBoard(() => []);
    routes.set(`GET /campaigns/${current.id}`, () => ok(current));

    // Act
    const page = openAs('staff/pages/board/index', { campaign: current.id });

    // Assert
    await waitFor(() => requests('GET', boardPath).length > 0);
    expect(queryOf(requests('GET', boardPath)[0]!.url)).toStrictEqual({ date: at(0) });
    await waitFor(() => text(page).includes('还没有任务'));
  });
});
