import type { Campaign } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { chosenChip, findByText, routes, tap, waitFor, wx, wxmlAttribute } from './simulate';
import { lastYearCampaign, openCampaign, provinceCampaign, thisYear, zjg } from './staffOutreachFixtures';
import {
  button,
  field,
  fieldError,
  inCard,
  moreWx,
  ok,
  openAs,
  posts,
  refusal,
  requests,
  resetPagesEachTest,
  text,
  typeInto,
  wire,
} from './staffOutreachPages';

resetPagesEachTest();

describe('Page: 三送活动 (campaigns)', () => {
  function serveCampaigns(campaigns: Campaign[]) {
    routes.set('GET /campaigns', () => ok({ campaigns }));
  }

  it('lists the campaigns of the staff member’s place with status badges and only their own actions', async () => {
    // Arrange
    serveCampaigns([openCampaign(), provinceCampaign(), lastYearCampaign()]);

    // Act
    const page = openAs('staff/pages/campaigns/index');

    // Assert
    await waitFor(() => text(page).includes(lastYearCampaign().title));
    expect(new URL(requests('GET', '/campaigns')[0]!.url).searchParams.get('org')).toBe(zjg);
    const badges = Array.from(page.dom.querySelectorAll('.main--staff-campaign-badge')).map(
      (b) => b.textContent,
    );
    expect(badges).toStrictEqual(['报名中', '报名中', '已归档']);
    const own = inCard(page, openCampaign().title)!;
    expect(findByText(own, '编辑', 'wx-button')).not.toBeNull();
    expect(findByText(own, '结束报名', 'wx-button')).not.toBeNull();
    const province = inCard(page, provinceCampaign().title)!;
    expect(province.textContent).toContain('上级工会发起');
    expect(findByText(province, '编辑', 'wx-button')).toBeNull();
    expect(findByText(province, '结束报名', 'wx-button')).toBeNull();
    expect(findByText(province, '报名审核', 'wx-button')).not.toBeNull();
    const archived = inCard(page, lastYearCampaign().title)!;
    expect(findByText(archived, '编辑', 'wx-button')).toBeNull();
    expect(findByText(archived, '重新开放', 'wx-button')).toBeNull();

    tap(button(province, '任务分配'));
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo.mock.calls[0]?.[0].url).toBe(
      `/staff/pages/board/index?campaign=${provinceCampaign().id}`,
    );
  });

  it('offers only finished campaigns to copy and opens the editor with the one picked', async () => {
    // Arrange
    serveCampaigns([openCampaign(), lastYearCampaign()]);
    const page = openAs('staff/pages/campaigns/index');
    await waitFor(() => text(page).includes(lastYearCampaign().title));

    // Act
    tap(button(page.dom, '复制往年活动'));
    const choices = await waitFor(() => {
      const found = page.dom.querySelectorAll('.main--staff-campaign-copy__item');
      return found.length > 0 ? Array.from(found) : null;
    });
    expect(
      choices.map((choice) => choice.querySelector('.main--staff-campaign-copy__title')?.textContent),
    ).toStrictEqual([lastYearCampaign().title]);
    tap(choices[0]!);

    // Assert
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo.mock.calls[0]?.[0].url).toBe(
      `/staff/pages/campaign/index?copyFrom=${lastYearCampaign().id}`,
    );
  });

  it('asks before 结束报名, sends the version, and shows the new state and its next moves', async () => {
    // Arrange
    serveCampaigns([openCampaign()]);
    routes.set(`POST /staff/campaigns/${openCampaign().id}/status`, () =>
      ok({ ...openCampaign(), status: 'closed', version: 3 }),
    );
    const page = openAs('staff/pages/campaigns/index');
    await waitFor(() => text(page).includes(openCampaign().title));

    // Act
    tap(button(inCard(page, openCampaign().title), '结束报名'));
    const confirm = await waitFor(() => findByText(page.dom, '确认结束报名', 'wx-button'));
    expect(text(page)).toContain('结束报名后不再接受新的报名');
    expect(posts()).toHaveLength(0);
    tap(confirm);

    // Assert
    await waitFor(() => text(page).includes('已结束报名'));
    expect(requests('POST', `/staff/campaigns/${openCampaign().id}/status`).map((r) => r.data)).toStrictEqual(
      [{ version: 2, status: 'closed' }],
    );
    const card = inCard(page, openCampaign().title)!;
    expect(findByText(card, '重新开放', 'wx-button')).not.toBeNull();
    expect(findByText(card, '归档', 'wx-button')).not.toBeNull();
  });

  it('shows the conflict notice and reloads when the campaign moved on meanwhile', async () => {
    // Arrange
    let served = 0;
    routes.set('GET /campaigns', () => {
      served++;
      return ok({
        campaigns: [served === 1 ? openCampaign() : { ...openCampaign(), status: 'closed', version: 3 }],
      });
    });
    routes.set(`POST /staff/campaigns/${openCampaign().id}/status`, () =>
      refusal(409, 'VERSION_CONFLICT', '数据已被他人修改，请刷新后重试'),
    );
    const page = openAs('staff/pages/campaigns/index');
    await waitFor(() => text(page).includes(openCampaign().title));

    // Act
    tap(button(inCard(page, openCampaign().title), '结束报名'));
    tap(await waitFor(() => findByText(page.dom, '确认结束报名', 'wx-button')));

    // Assert
    await waitFor(() => text(page).includes('数据已被他人修改') && text(page).includes('已结束报名'));
    expect(requests('GET', '/campaigns')).toHaveLength(2);
    expect(text(page)).toContain('其他人修改了这个活动');
  });
});

describe('Page: 活动编辑 (campaign editor)', () => {
  it('starts a copy from last year’s campaign moved to this year, and creates it with a request id', async () => {
    // Arrange
    const source = lastYearCampaign();
    routes.set(`GET /campaigns/${source.id}`, () => ok(source));
    routes.set('POST /staff/campaigns', (options) =>
      ok(
        {
          ...openCampaign(),
          ...(options.data as object),
          id: 'cp_copiedthisyear',
          status: 'draft',
          version: 1,
        },
        201,
      ),
    );

    // Act
    const page = openAs('staff/pages/campaign/index', { copyFrom: source.id });

    // Assert: the form as copied
    await waitFor(() => text(page).includes('复制自'));
    expect(wxmlAttribute(field(page, 'title')!, 'value')).toBe(`${thisYear}年张家港市夏季送清凉活动`);
    const dates = (end: string) =>
      Array.from(page.dom.querySelectorAll(`.main--staff-date-range__${end}`)).map(
        (chip) => chip.textContent,
      );
    expect(dates('from')).toStrictEqual([`${thisYear}-06-01`, `${thisYear}-05-20`]);
    expect(dates('to')).toStrictEqual([`${thisYear}-09-30`, `${thisYear}-09-15`]);
    expect(wxmlAttribute(field(page, 'item-name-0-0')!, 'value')).toBe('矿泉水');
    expect(wxmlAttribute(field(page, 'item-cost-0-0')!, 'value')).toBe('24.50');
    expect(wxmlAttribute(field(page, 'item-cost-0-1')!, 'value')).toBe('');
    expect(wxmlAttribute(field(page, 'item-cost-1-0')!, 'value')).toBe('120.00');
    expect(wxmlAttribute(field(page, 'kind-code-0')!, 'value')).toBe('cool');
    const chosen = Array.from(
      page.dom.querySelectorAll('.main--staff-field--targetGroups .main--choice-chips__chip--on'),
    );
    expect(chosen.map((chip) => chip.textContent)).toStrictEqual(['环卫工人', '快递员']);

    // Act: save it
    tap(button(page.dom, '创建活动（草稿）'));

    // Assert: the draft as sent (cost back in 分), then the page becomes the new campaign's editor
    await waitFor(() => moreWx.redirectTo.mock.calls.length > 0);
    const [sent] = requests('POST', '/staff/campaigns');
    const { requestId, ...draft } = wire(sent!.data) as { requestId: string };
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(draft).toStrictEqual({
      orgPath: zjg,
      title: `${thisYear}年张家港市夏季送清凉活动`,
      season: { from: `${thisYear}-06-01`, to: `${thisYear}-09-30` },
      signup: { from: `${thisYear}-05-20`, to: `${thisYear}-09-15` },
      targetGroups: ['sanitation', 'courier'],
      kinds: [
        {
          code: 'cool',
          name: '送清凉',
          items: [
            { code: 'water', name: '矿泉水', unit: '箱', unitCostFen: 2450 },
            { code: 'mungbean', name: '绿豆', unit: '袋' },
          ],
        },
        {
          code: 'health',
          name: '送健康',
          items: [{ code: 'checkup', name: '健康体检', unit: '人次', unitCostFen: 12000 }],
        },
      ],
    });
    expect(moreWx.redirectTo.mock.calls[0]?.[0].url).toBe('/staff/pages/campaign/index?id=cp_copiedthisyear');
  });

  it('shows what is wrong under each field and sends nothing', async () => {
    // Arrange
    const page = openAs('staff/pages/campaign/index');
    await waitFor(() => field(page, 'item-cost-0-0'));
    await typeInto(() => field(page, 'item-cost-0-0'), '2.345');

    // Act
    tap(button(page.dom, '创建活动（草稿）'));

    // Assert
    await waitFor(() => fieldError(page, 'title'));
    expect(fieldError(page, 'title')).toContain('活动名称');
    expect(fieldError(page, 'season')).toBe('请选择开始日期');
    expect(fieldError(page, 'signup')).toBe('请选择开始日期');
    expect(fieldError(page, 'targetGroups')).toBe('请至少选择一类服务对象');
    expect(fieldError(page, 'item-name-0-0')).toContain('物资名称');
    expect(fieldError(page, 'item-unit-2-0')).toContain('单位');
    expect(fieldError(page, 'item-cost-0-0')).toBe('单价请填写金额（元），最多两位小数，例如 2.50');
    expect(text(page)).toContain('有内容需要修改');
    expect(posts()).toHaveLength(0);

    // Act: fixing a field clears its message only
    await typeInto(() => field(page, 'title'), `${thisYear}年杨舍镇送清凉`);
    await waitFor(() => fieldError(page, 'title') === null);
    expect(fieldError(page, 'targetGroups')).toBe('请至少选择一类服务对象');
  });

  it('keeps the request id through a failed send, so the retry cannot make a second campaign', async () => {
    // Arrange: a new campaign, typed and picked in full, with one kind left
    const page = openAs('staff/pages/campaign/index');
    await waitFor(() => field(page, 'item-name-2-0'));
    await typeInto(() => field(page, 'title'), `${thisYear}年大新镇夏季送清凉`);
    const pickers = () => Array.from(page.dom.querySelectorAll('wx-picker'));
    const dates = [`${thisYear}-06-15`, `${thisYear}-09-15`, `${thisYear}-06-01`, `${thisYear}-09-01`];
    for (const [index, value] of dates.entries()) {
      tap(pickers()[index]!, 'change', { value });
      await waitFor(() => text(page).includes(value));
    }
    tap(findByText(page.dom, '外卖骑手', '.main--choice-chips__chip')!);
    await waitFor(() => chosenChip(page.dom, '外卖骑手'));
    for (const remaining of [3, 2]) {
      tap(findByText(page.dom, '删除此类别', '.main--staff-kind__remove')!);
      await waitFor(() => page.dom.querySelectorAll('.main--staff-kind').length === remaining - 1);
    }
    await typeInto(() => field(page, 'item-name-0-0'), '绿豆汤');
    await typeInto(() => field(page, 'item-unit-0-0'), '桶');
    await typeInto(() => field(page, 'item-cost-0-0'), '3.5');

    // Act: the network is down (no route answers)
    tap(button(page.dom, '创建活动（草稿）'));
    await waitFor(() => text(page).includes('网络连接失败'));
    // ... and back
    routes.set('POST /staff/campaigns', (options) =>
      ok(
        {
          ...openCampaign(),
          ...(options.data as object),
          id: 'cp_newdaxin00001',
          status: 'draft',
          version: 1,
        },
        201,
      ),
    );
    tap(button(page.dom, '创建活动（草稿）'));

    // Assert
    await waitFor(() => moreWx.redirectTo.mock.calls.length > 0);
    const sent = requests('POST', '/staff/campaigns').map((r) => wire(r.data) as Record<string, unknown>);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.requestId).toBe(sent[0]!.requestId);
    const { requestId: _, ...draft } = sent[1]!;
    expect(draft).toStrictEqual({
      orgPath: zjg,
      title: `${thisYear}年大新镇夏季送清凉`,
      season: { from: `${thisYear}-06-15`, to: `${thisYear}-09-15` },
      signup: { from: `${thisYear}-06-01`, to: `${thisYear}-09-01` },
      targetGroups: ['foodDelivery'],
      kinds: [
        {
          code: 'kind1',
          name: '送清凉',
          items: [{ code: 'item1', name: '绿豆汤', unit: '桶', unitCostFen: 350 }],
        },
      ],
    });
  });

  it('shows the conflict notice when someone saved the campaign first, and reloads on 刷新', async () => {
    // Arrange
    let loads = 0;
    routes.set(`GET /campaigns/${openCampaign().id}`, () => {
      loads++;
      return ok(
        loads === 1
          ? openCampaign()
          : { ...openCampaign(), title: `${thisYear}年张家港市送清凉（修订）`, version: 3 },
      );
    });
    routes.set(`PUT /staff/campaigns/${openCampaign().id}`, () => ({
      statusCode: 409,
      data: {
        error: {
          code: 'VERSION_CONFLICT',
          message: '数据已被他人修改，请刷新后重试',
          details: { currentVersion: 3 },
        },
      },
    }));
    const page = openAs('staff/pages/campaign/index', { id: openCampaign().id });
    await waitFor(
      () => field(page, 'title') && wxmlAttribute(field(page, 'title')!, 'value') === openCampaign().title,
    );
    await typeInto(() => field(page, 'title'), `${thisYear}年张家港市夏季送清凉`);

    // Act
    tap(button(page.dom, '保存修改'));

    // Assert
    await waitFor(() => text(page).includes('数据已被他人修改'));
    expect(text(page)).toContain('其他人保存了这个活动');
    expect(
      requests('PUT', `/staff/campaigns/${openCampaign().id}`).map(
        (r) => (r.data as { version: number }).version,
      ),
    ).toStrictEqual([2]);

    tap(button(page.dom, '刷新'));
    await waitFor(
      () => wxmlAttribute(field(page, 'title')!, 'value') === `${thisYear}年张家港市送清凉（修订）`,
    );
    expect(loads).toBe(2);
    expect(text(page)).not.toContain('数据已被他人修改');
  });
});
