import { describe, expect, it } from 'vitest';
import { findByText, routes, settled, tap, waitFor } from './simulate';
import { openCampaign, thisYear, volunteer, worksite, zjg } from './staffOutreachFixtures';
import {
  button,
  dialogBox,
  inCard,
  ok,
  openAs,
  posts,
  queryOf,
  refusal,
  requests,
  resetPagesEachTest,
  text,
  toasts,
  typeInto,
} from './staffOutreachPages';

resetPagesEachTest();

describe('Page: 报名审核 (sign-up review)', () => {
  const siteA = () => worksite('ws_00000000000000sitea', '大新镇长江路工地');
  const siteB = () => worksite('ws_00000000000000siteb', '杨舍镇环卫站', { orgName: '张家港市 › 杨舍镇' });
  const helper = () =>
    volunteer(
      'vs_0000000000000helper',
      '周婷',
      [
        ['am', `${thisYear}-07-01`],
        ['pm', `${thisYear}-07-01`],
        ['am', `${thisYear}-07-02`],
      ],
      { status: 'pending', version: 1, skills: ['medical', 'driving'] },
    );
  const listPath = (kind: string) => `/staff/campaigns/${openCampaign().id}/${kind}-signups`;

  function serveQueues() {
    routes.set(`GET /campaigns/${openCampaign().id}`, () => ok(openCampaign()));
    routes.set(`GET ${listPath('worksite')}`, () => ok({ signups: [siteA(), siteB()], nextCursor: null }));
    routes.set(`GET ${listPath('volunteer')}`, () => ok({ signups: [helper()], nextCursor: null }));
  }

  it('shows each site’s facts and approves one after confirming; a retry after a lost answer shows the result', async () => {
    // Arrange
    serveQueues();
    const page = openAs('staff/pages/review/index', { campaign: openCampaign().id });
    await waitFor(() => inCard(page, siteA().siteName));
    const card = inCard(page, siteA().siteName)!;
    expect(card.textContent).toContain('张家港市 › 大新镇');
    expect(card.textContent).toContain('大新镇长江路 88 号');
    expect(card.textContent).toContain('户外作业 40 人，其中高温作业 12 人');
    expect(card.textContent).toContain('建筑工人');
    expect(card.textContent).toContain('送清凉：矿泉水、绿豆 · 送健康');
    expect(card.textContent).toContain('7月1日、7月3日');
    expect(card.textContent).toContain('王建国 · 138****5678');
    expect(new URL(requests('GET', listPath('worksite'))[0]!.url).searchParams.get('status')).toBe('pending');

    // Act: the first answer is lost
    tap(button(card, '通过'));
    tap(await waitFor(() => findByText(page.dom, '确认通过', 'wx-button')));
    await waitFor(() => toasts().includes('网络连接失败，请检查网络后重试'));
    expect(inCard(page, siteA().siteName)).not.toBeNull();
    await waitFor(() => findByText(page.dom, '确认通过', 'wx-button') === null);
    routes.set(`POST /staff/worksite-signups/${siteA().id}/review`, () =>
      ok({
        ...siteA(),
        status: 'approved',
        version: 2,
        review: { by: 'u_0000000000000000000staff', at: '2026-06-01T01:00:00.000Z' },
      }),
    );
    tap(button(inCard(page, siteA().siteName), '通过'));
    tap(await waitFor(() => findByText(page.dom, '确认通过', 'wx-button')));

    // Assert
    await waitFor(() => inCard(page, siteA().siteName) === null);
    expect(requests('POST', `/staff/worksite-signups/${siteA().id}/review`).map((r) => r.data)).toStrictEqual(
      [
        { decision: 'approve', version: 1 },
        { decision: 'approve', version: 1 },
      ],
    );
    expect(toasts()).toContain('已通过');
    expect(inCard(page, siteB().siteName)).not.toBeNull();
  });

  it('declines a volunteer only with a reason, and lists them with their availability and skills', async () => {
    // Arrange
    serveQueues();
    routes.set(`POST /staff/volunteer-signups/${helper().id}/review`, (options) =>
      ok({
        ...helper(),
        status: 'declined',
        version: 2,
        review: {
          by: 'u_0000000000000000000staff',
          at: '2026-06-01T01:00:00.000Z',
          reason: (options.data as { reason: string }).reason,
        },
      }),
    );
    const page = openAs('staff/pages/review/index', { campaign: openCampaign().id });
    await waitFor(() => inCard(page, siteA().siteName));

    // Act
    tap(findByText(page.dom, '志愿者报名', '.main--staff-review__tab')!);
    const card = await waitFor(() => inCard(page, helper().name));
    expect(card.textContent).toContain('大新镇');
    expect(card.textContent).toContain('共 3 个半天：7月1日上午、下午，7月2日上午');
    expect(card.textContent).toContain('医护、驾驶');
    expect(card.textContent).toContain('139****0001');
    tap(button(card, '不通过'));
    const confirm = await waitFor(() => findByText(page.dom, '确认不通过', 'wx-button'));
    tap(confirm);
    await waitFor(() => text(page).includes('请填写不通过原因（至少 2 个字）'));
    expect(posts()).toHaveLength(0);
    await typeInto(dialogBox(page), '本次活动暂不需要医护志愿者');
    tap(findByText(page.dom, '确认不通过', 'wx-button')!);

    // Assert
    await waitFor(() => inCard(page, helper().name) === null);
    expect(
      requests('POST', `/staff/volunteer-signups/${helper().id}/review`).map((r) => r.data),
    ).toStrictEqual([{ decision: 'decline', version: 1, reason: '本次活动暂不需要医护志愿者' }]);
  });

  it('narrows worksites by status and district, and says so when a decision is no longer allowed', async () => {
    // Arrange
    serveQueues();
    routes.set(`POST /staff/worksite-signups/${siteB().id}/review`, () =>
      refusal(409, 'INVALID_TRANSITION', '当前状态下不能执行此操作'),
    );
    const page = openAs('staff/pages/review/index', { campaign: openCampaign().id });
    await waitFor(() => inCard(page, siteB().siteName));

    // Act
    tap(findByText(page.dom, '已通过', '.main--choice-chips__chip')!);
    await waitFor(() => requests('GET', listPath('worksite')).length === 2);
    await settled(page);
    tap(findByText(page.dom, '大新镇总工会', '.main--district-picker__item')!);
    // The narrowed queue drawn before the next tap (a tap while the list is redrawn can be lost).
    await waitFor(() => requests('GET', listPath('worksite')).length === 3 && inCard(page, siteB().siteName));

    // Assert
    const queries = requests('GET', listPath('worksite')).map((r) => queryOf(r.url));
    expect(queries).toStrictEqual([
      { status: 'pending' },
      { status: 'approved' },
      { status: 'approved', org: `${zjg}/daxin` },
    ]);

    // Act: a decision someone else already made
    await settled(page);
    tap(findByText(page.dom, '待审核', '.main--choice-chips__chip')!);
    await waitFor(() => requests('GET', listPath('worksite')).length === 4 && inCard(page, siteB().siteName));
    await settled(page);
    tap(button(inCard(page, siteB().siteName), '不通过'));
    await typeInto(dialogBox(page), '不在服务范围');
    tap(findByText(page.dom, '确认不通过', 'wx-button')!);

    // Assert: its message, and the queue as it is now
    await waitFor(() => toasts().includes('当前状态下不能执行此操作'));
    await waitFor(() => requests('GET', listPath('worksite')).length === 5);
  });

  it('reveals a phone only after a reason, in that entry only, saying the view is recorded', async () => {
    // Arrange
    serveQueues();
    routes.set(`POST /staff/signups/${siteA().id}/phone`, () => ok({ phone: '13812345678' }));
    const page = openAs('staff/pages/review/index', { campaign: openCampaign().id });
    await waitFor(() => inCard(page, siteA().siteName));

    // Act
    tap(findByText(inCard(page, siteA().siteName)!, '查看完整号码', '.main--staff-signup-phone__reveal')!);
    await waitFor(() => findByText(page.dom, '查看', 'wx-button'));
    expect(text(page)).toContain('会记录您的账号、时间和原因');
    await typeInto(dialogBox(page), '电话确认送达时间');
    tap(findByText(page.dom, '查看', 'wx-button')!);

    // Assert
    await waitFor(() => inCard(page, siteA().siteName)?.textContent?.includes('13812345678'));
    expect(requests('POST', `/staff/signups/${siteA().id}/phone`).map((r) => r.data)).toStrictEqual([
      { reason: '电话确认送达时间' },
    ]);
    expect(inCard(page, siteA().siteName)!.textContent).toContain('已查看完整号码（已记录）');
    expect(inCard(page, siteB().siteName)!.textContent).toContain('138****5678');
    expect(inCard(page, siteB().siteName)!.textContent).not.toContain('13812345678');
  });
});
