import { describe, expect, it } from 'vitest';
import { chosenChip, findByText, routes, tap, waitFor, wx, wxmlAttribute } from './simulate';
import { canvasWx, dashboard, delivery, drawn, queried } from './staffDeliveriesFixtures';
import { openCampaign, zjg } from './staffOutreachFixtures';
import {
  button,
  dialogBox,
  ok,
  openAs,
  type Page,
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

const campaignId = openCampaign().id;
const dashboardPath = `/staff/campaigns/${campaignId}/dashboard`;
const listPath = `/staff/campaigns/${campaignId}/deliveries`;
const cells = (page: Page, table: string) =>
  Array.from(page.dom.querySelectorAll(`.main--staff-dashboard-table--${table} .main--data-table__row`)).map(
    (row) =>
      Array.from(row.querySelectorAll('.main--data-table__cell')).map((cell) => cell.textContent?.trim()),
  );

describe('Page: 配送看板 (delivery dashboard)', () => {
  it('is opened from the campaign’s card in 三送活动', async () => {
    // Arrange
    routes.set('GET /campaigns', () => ok({ campaigns: [openCampaign()] }));
    const page = openAs('staff/pages/campaigns/index');
    const card = await waitFor(() => findByText(page.dom, openCampaign().title, '.main--staff-campaign'));

    // Act
    tap(button(card, '配送看板'));

    // Assert
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo.mock.calls.map(([options]) => options.url)).toStrictEqual([
      `/staff/pages/dashboard/index?campaign=${campaignId}`,
    ]);
  });

  it('shows the API’s figures in cards and tables and draws three charts on 2D canvases', async () => {
    // Arrange
    routes.set(`GET /campaigns/${campaignId}`, () => ok(openCampaign()));
    routes.set(`GET ${dashboardPath}`, () => ok(dashboard()));
    drawn.length = 0;
    queried.length = 0;

    // Act
    const page = openAs('staff/pages/dashboard/index', { campaign: campaignId });
    await waitFor(() => text(page).includes('物资明细'));

    // Assert: the totals as the API gave them (12,345.50 元 is 1234550 fen)
    const totals = Array.from(page.dom.querySelectorAll('.main--staff-dashboard-totals__card')).map(
      (card) => card.textContent,
    );
    expect(totals).toStrictEqual(['37配送次数', '12清凉码发放', '1586服务人次', '12,345.50物资金额（元）']);
    expect(text(page)).toContain('待审核 9 · 有问题 3 · 已通过 24 · 未通过 1');
    expect(cells(page, 'items')).toStrictEqual([
      ['物资', '数量', '金额'],
      ['矿泉水', '408 箱', '9,996 元'],
      ['绿豆', '120 袋', '4 元'],
      ['健康体检', '19 人次', '2,345.50 元'],
    ]);
    expect(cells(page, 'orgs')).toStrictEqual([
      ['组织', '配送', '清凉码', '人次', '金额'],
      ['大新镇总工会', '22', '12', '1000', '8,000 元'],
      ['杨舍镇总工会', '15', '0', '586', '4,345.50 元'],
    ]);
    expect(cells(page, 'volunteers')).toStrictEqual([
      ['名次', '志愿者', '配送', '人次'],
      ['1', '赵磊', '20', '900'],
      ['2', '钱悦', '17', '686'],
    ]);
    expect(text(page)).toContain('已覆盖 3 / 5 个工地（60%）');
    expect(text(page)).toContain('港城大道桥梁工地 · 张家港市 › 杨舍镇');
    expect(text(page)).toContain('沙洲路环卫站 · 张家港市 › 杨舍镇');
    expect(text(page)).toContain('配送审核（待审核 9）');
    // The first load asks for the server's default node.
    expect(queryOf(requests('GET', dashboardPath)[0]!.url)).toStrictEqual({});

    const canvases = Array.from(page.dom.querySelectorAll('wx-canvas'));
    expect(canvases.map((c) => wxmlAttribute(c, 'type'))).toStrictEqual(['2d', '2d', '2d']);
    expect(page.dom.querySelectorAll('.main--staff-chart__title').length).toBe(3);
    // Each chart found its node, and F2 drew on the contexts (paths filled and stroked, labels written).
    // At least one filled shape per bar (3 days, 2 kinds, 2 towns) and the axis labels as text.
    await waitFor(() => queried.length === 3 && drawn.filter((call) => call === 'fill').length >= 7);
    expect(drawn).toContain('fillText');
    expect(canvasWx.createOffscreenCanvas).toHaveBeenCalled();
  });

  it('opens a child org from its table row and from the picker, asking for that org', async () => {
    // Arrange
    const towns: Record<string, { name: string; people: number }> = {
      [`${zjg}/daxin`]: { name: '大新镇总工会', people: 1001 },
      [`${zjg}/yangshe`]: { name: '杨舍镇总工会', people: 777 },
    };
    routes.set(`GET /campaigns/${campaignId}`, () => ok(openCampaign()));
    routes.set(`GET ${dashboardPath}`, (options) => {
      const orgPath = new URL(options.url).searchParams.get('orgPath');
      const town = orgPath ? towns[orgPath] : undefined;
      if (!orgPath || !town) return ok(dashboard());
      const totals = { deliveries: 1, handouts: 0, people: town.people, moneyFen: 100 };
      return ok(dashboard({ orgPath, orgName: town.name, totals, byOrg: [] }));
    });
    const page = openAs('staff/pages/dashboard/index', { campaign: campaignId });
    await waitFor(() => text(page).includes('物资明细'));

    // Act
    tap(findByText(page.dom, '杨舍镇总工会', '.main--staff-dashboard-table--orgs .main--data-table__row')!);
    await waitFor(() => text(page).includes('777服务人次'));
    tap(findByText(page.dom, '大新镇总工会', '.main--choice-chips__chip')!);
    await waitFor(() => text(page).includes('1001服务人次'));

    // Assert
    expect(requests('GET', dashboardPath).map((r) => queryOf(r.url))).toStrictEqual([
      {},
      { orgPath: `${zjg}/yangshe` },
      { orgPath: `${zjg}/daxin` },
    ]);
    // The picker still offers the caller's node and its children.
    const chips = Array.from(page.dom.querySelectorAll('.main--choice-chips__chip')).map(
      (c) => c.textContent,
    );
    expect(chips).toStrictEqual(['张家港市总工会（全部）', '大新镇总工会', '杨舍镇总工会']);
    expect(chosenChip(page.dom, '大新镇总工会')).not.toBeNull();
    expect(page.dom.querySelectorAll('.main--staff-dashboard-table--orgs').length).toBe(0);
  });

  it('says so for a campaign without deliveries, draws no chart, and refreshes on pull-down', async () => {
    // Arrange
    const none = dashboard({
      totals: { deliveries: 0, handouts: 0, people: 0, moneyFen: 0 },
      byStatus: { pending: 0, approved: 0, needsChanges: 0, rejected: 0 },
      byDay: [],
      byKind: [],
      byItem: [],
      byOrg: [],
      topVolunteers: [],
      coverage: { approvedSites: 4, coveredSites: 0, uncovered: [], uncoveredMore: false },
    });
    routes.set(`GET /campaigns/${campaignId}`, () => ok(openCampaign()));
    routes.set(`GET ${dashboardPath}`, () => ok(none));
    const page = openAs('staff/pages/dashboard/index', { campaign: campaignId });
    await waitFor(() => text(page).includes('还没有配送记录'));

    // Act
    (page.instance.onPullDownRefresh as () => void)();

    // Assert
    await waitFor(() => requests('GET', dashboardPath).length === 2);
    expect(page.dom.querySelectorAll('wx-canvas').length).toBe(0);
    expect(text(page)).toContain('已覆盖 0 / 4 个工地（0%）');
    expect(text(page)).not.toContain('物资明细');
  });
});

describe('Page: 配送审核 (delivery review)', () => {
  const first = () => delivery('dl_00000000000000000first', '大新镇长江路工地');
  const second = () =>
    delivery('dl_0000000000000000second', '杨舍镇环卫站', {
      orgName: '张家港市 › 杨舍镇',
      flags: ['noPosition'],
      photos: [],
      photoIds: [],
      position: undefined,
      notes: undefined,
    });
  const reviewPath = (id: string) => `/staff/deliveries/${id}/review`;
  const card = (page: Page, name: string) => findByText(page.dom, name, '.main--staff-delivery');

  function serveQueue() {
    routes.set(`GET /campaigns/${campaignId}`, () => ok(openCampaign()));
    routes.set(`GET ${listPath}`, () => ok({ deliveries: [first(), second()], nextCursor: null }));
  }

  it('shows a record’s facts, marks and photos, previews a photo, and approves after confirming', async () => {
    // Arrange
    serveQueue();
    routes.set(`POST ${reviewPath(first().id)}`, () =>
      ok({
        ...first(),
        review: { status: 'approved', reviewerName: '李敏', at: '2026-07-03T01:00:00.000Z' },
        version: 2,
      }),
    );
    const page = openAs('staff/pages/deliveries/index', { campaign: campaignId });
    const found = await waitFor(() => card(page, first().siteName));

    // Assert the card
    const facts = found.textContent ?? '';
    for (const fact of [
      '待审核',
      '定位精度差',
      '距工地超 1 km',
      '张家港市 › 大新镇',
      '赵磊',
      '送清凉',
      '矿泉水 × 20 箱、绿豆 × 5 袋',
      '48 人次',
      '7月2日 11:42',
      '工地门口交给安全员',
    ]) {
      expect(facts).toContain(fact);
    }
    expect(card(page, second().siteName)?.textContent).toContain('无定位');
    expect(queryOf(requests('GET', listPath)[0]!.url)).toStrictEqual({ status: 'pending' });

    // Act: a photo, then 通过
    const photos = found.querySelectorAll('wx-image');
    expect(photos.length).toBe(2);
    tap(photos[1]!);
    await waitFor(() => canvasWx.previewImage.mock.calls.length === 1);
    expect(canvasWx.previewImage.mock.calls[0]![0]).toMatchObject({
      urls: ['https://photos.example.test/1.jpg', 'https://photos.example.test/2.jpg'],
      current: 'https://photos.example.test/2.jpg',
    });
    tap(button(found, '通过'));
    tap(await waitFor(() => findByText(page.dom, '确认通过', 'wx-button')));

    // Assert
    await waitFor(() => card(page, first().siteName) === null);
    expect(requests('POST', reviewPath(first().id)).map((r) => r.data)).toStrictEqual([
      { decision: 'approve', version: 1 },
    ]);
    expect(toasts()).toContain('已通过');
    expect(card(page, second().siteName)).not.toBeNull();
  });

  it('sends 有问题 only with a comment, and narrows the queue by status', async () => {
    // Arrange
    serveQueue();
    routes.set(`POST ${reviewPath(first().id)}`, (options) =>
      ok({
        ...first(),
        review: { status: 'needsChanges', comment: (options.data as { comment: string }).comment },
        version: 2,
      }),
    );
    const page = openAs('staff/pages/deliveries/index', { campaign: campaignId });
    const found = await waitFor(() => card(page, first().siteName));

    // Act
    tap(button(found, '有问题'));
    tap(await waitFor(() => findByText(page.dom, '退回修改', 'wx-button')));
    await waitFor(() => text(page).includes('请填写审核意见（至少 2 个字）'));
    expect(posts()).toHaveLength(0);
    await typeInto(dialogBox(page), '照片看不清物资，请补拍');
    tap(findByText(page.dom, '退回修改', 'wx-button')!);
    await waitFor(() => card(page, first().siteName) === null);
    tap(findByText(page.dom, '有问题', '.main--staff-deliveries__tab')!);
    await waitFor(() => requests('GET', listPath).length === 2);

    // Assert
    expect(requests('POST', reviewPath(first().id)).map((r) => r.data)).toStrictEqual([
      { decision: 'needsChanges', version: 1, comment: '照片看不清物资，请补拍' },
    ]);
    expect(toasts()).toContain('已退回志愿者修改');
    expect(requests('GET', listPath).map((r) => queryOf(r.url))).toStrictEqual([
      { status: 'pending' },
      { status: 'needsChanges' },
    ]);
  });

  it('says another reviewer got there first on a version conflict, reloads, and keeps the record', async () => {
    // Arrange
    serveQueue();
    routes.set(`POST ${reviewPath(second().id)}`, () =>
      refusal(409, 'VERSION_CONFLICT', '数据已被他人修改，请刷新后重试'),
    );
    const page = openAs('staff/pages/deliveries/index', { campaign: campaignId });
    const found = await waitFor(() => card(page, second().siteName));

    // Act
    tap(button(found, '不通过'));
    tap(await waitFor(() => findByText(page.dom, '确认不通过', 'wx-button')));
    await waitFor(() => text(page).includes('请填写不通过原因（至少 2 个字）'));
    await typeInto(dialogBox(page), '重复记录');
    tap(findByText(page.dom, '确认不通过', 'wx-button')!);

    // Assert
    await waitFor(() => text(page).includes('数据已被他人修改'));
    await waitFor(() => requests('GET', listPath).length === 2);
    expect(requests('POST', reviewPath(second().id)).map((r) => r.data)).toStrictEqual([
      { decision: 'reject', version: 1, comment: '重复记录' },
    ]);
    expect(toasts()).toContain('数据已被他人修改，请刷新后重试');
    expect(card(page, second().siteName)).not.toBeNull();
  });
});
