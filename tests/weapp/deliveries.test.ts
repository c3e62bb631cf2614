import { describe, expect, it } from 'vitest';
import { delivery } from './deliveryFixtures';
import {
  assignment,
  campaign,
  campaignId,
  districts,
  shanghaiDay,
  volunteerSignup,
} from './outreachFixtures';
import {
  field,
  fieldError,
  openAs,
  type Page,
  requestsTo,
  resetPagesEachTest,
  sent,
  text,
  type,
} from './outreachPages';
import {
  chosenChip,
  findByText,
  geo,
  media,
  modal,
  networkListeners,
  routes,
  storage,
  tap,
  waitFor,
  wx,
  wxmlAttribute,
} from './simulate';

const taskId = 'as_00000000000000000001';
const formRoute = 'volunteer/pages/delivery/index';
const listRoute = 'volunteer/pages/deliveries/index';
const bucket = 'http://127.0.0.1:9/ankang-photos';

interface StoredEntry {
  id: string;
  kind: string;
  state: string;
  dependsOn?: string;
  payload: Record<string, unknown>;
  error?: { code: string; message: string };
}
const outbox = (): StoredEntry[] => JSON.parse(String(storage.get('ankang.outbox') ?? '[]')) as StoredEntry[];

resetPagesEachTest(() => {
  geo.fix = null;
  media.taken = null;
  media.files.clear();
});

function serveForm() {
  routes.set(`GET /campaigns/${campaignId}`, () => ({ statusCode: 200, data: campaign() }));
  routes.set('GET /me/assignments', () => ({
    statusCode: 200,
    data: { assignments: [assignment({ status: 'accepted' })] },
  }));
  routes.set('GET /me/deliveries', () => ({ statusCode: 200, data: { deliveries: [], nextCursor: null } }));
}

/** The server side of a record that lands: 201 with the stored view (same answer for a resend). */
function serveLanding() {
  routes.set('POST /deliveries', (options) => {
    const body = options.data as { id: string; peopleReached: number; photoIds: string[] };
    return {
      statusCode: 201,
      data: delivery({ id: body.id, peopleReached: body.peopleReached, photoIds: body.photoIds }),
    };
  });
  routes.set('POST /photos/uploads', (options) => {
    const body = options.data as { id: string };
    return {
      statusCode: 201,
      data: {
        id: body.id,
        uploadUrl: `${bucket}/incoming/${body.id}`,
        method: 'PUT',
        headers: { 'Content-Type': 'image/jpeg' },
        expiresAt: '2030-01-01T00:00:00.000Z',
        state: 'incoming',
      },
    };
  });
}

function servePhotoObject(id: string) {
  routes.set(`PUT /ankang-photos/incoming/${id}`, () => ({ statusCode: 200, data: '' }));
  routes.set(`POST /photos/${id}/complete`, () => ({
    statusCode: 200,
    data: { id, owner: { kind: 'delivery', id: 'x' }, contentType: 'image/jpeg', size: 8, state: 'landed' },
  }));
}

async function openTaskForm(): Promise<Page> {
  serveForm();
  const page = openAs('volunteer', formRoute, { campaign: campaignId, task: taskId });
  await waitFor(() => text(page).includes('杨舍镇环卫所东片作业点') && field(page, 'peopleReached'));
  return page;
}

/** Types a quantity into the catalog item's box. */
function quantity(page: Page, code: string, value: string) {
  const box = page.dom.querySelector(`.main--delivery-items__row--${code} wx-input`);
  if (!box) throw new Error(`no box for ${code}`);
  tap(box, 'input', { value });
}

const saveButton = (page: Page) => findByText(page.dom, '保存', 'wx-button')!;

describe('Page: 记录配送', () => {
  it('saves offline with photos and position, shows the list, then sends the record once and its photo after it', async () => {
    // Arrange: a fix of 35 m; two photos taken, one removed again; no network for the record yet.
    geo.fix = { latitude: 31.9001, longitude: 120.5502, accuracy: 35 };
    media.taken = ['wxfile://tmp/a.jpg', 'wxfile://tmp/b.jpg'];
    const page = await openTaskForm();
    await waitFor(() => text(page).includes('精度约 35 米'));

    // Act: fill and save.
    quantity(page, 'water', '10');
    type(page, 'peopleReached', '30');
    type(page, 'notes', '工地食堂门口');
    tap(findByText(page.dom, '添加照片')!);
    await waitFor(() => page.dom.querySelectorAll('.main--photo-field__item').length === 2);
    tap(page.dom.querySelectorAll('.main--photo-field__remove')[1]!);
    await waitFor(() => page.dom.querySelectorAll('.main--photo-field__item').length === 1);
    tap(saveButton(page));
    await waitFor(() => wx.redirectTo.mock.calls.length > 0);
    await waitFor(() => requestsTo('POST', '/deliveries').length === 1 && outbox()[0]?.state === 'pending');

    // Assert: stored on the phone first, the photo waiting for its record.
    const [record, photo] = outbox();
    expect(wx.redirectTo.mock.calls[0]?.[0].url).toBe(
      `/volunteer/pages/deliveries/index?campaign=${campaignId}`,
    );
    expect(outbox().map((e) => [e.kind, e.state])).toStrictEqual([
      ['delivery', 'pending'],
      ['photo', 'pending'],
    ]);
    expect(record?.error?.code).toBe('NETWORK');
    expect(photo?.dependsOn).toBe(record?.id);
    expect(media.files.size).toBe(1);
    const body = sent(requestsTo('POST', '/deliveries')[0]);
    expect(body).toStrictEqual({
      id: record?.id,
      campaignId,
      site: { type: 'assigned', assignmentId: taskId },
      kind: 'cool',
      items: [{ code: 'water', quantity: 10 }],
      peopleReached: 30,
      photoIds: [photo?.id],
      position: { lat: 31.9001, lng: 120.5502, accuracy: 35 },
      deliveredAt: expect.stringMatching(new RegExp(`^${shanghaiDay(0)}T\\d{2}:\\d{2}:00\\+08:00$`)),
      notes: '工地食堂门口',
    });
    expect(body.id).toMatch(/^dl_[0-9a-f]{32}$/);
    expect(photo?.id).toMatch(/^ph_[0-9a-f]{32}$/);
    expect(requestsTo('POST', '/photos/uploads')).toHaveLength(0);

    // Act: the network returns.
    serveLanding();
    servePhotoObject(String(photo?.id));
    for (const listener of networkListeners) listener({ isConnected: true, networkType: 'wifi' });

    // Assert: the record went again (the same id and body) and landed; then the photo, then its file was removed.
    await waitFor(() => outbox().every((e) => e.state === 'sent'));
    const posts = requestsTo('POST', '/deliveries').map(sent);
    expect(posts).toHaveLength(2);
    expect(posts[1]).toStrictEqual(posts[0]);
    expect(requestsTo('POST', '/photos/uploads').map(sent)).toStrictEqual([
      { id: photo?.id, owner: { kind: 'delivery', id: record?.id }, contentType: 'image/jpeg', size: 8 },
    ]);
    const put = requestsTo('PUT', `/ankang-photos/incoming/${photo?.id}`)[0];
    expect(put?.header).toStrictEqual({ 'Content-Type': 'image/jpeg' });
    expect(new Uint8Array(put?.data as ArrayBuffer)[0]).toBe(0xff);
    expect(requestsTo('POST', `/photos/${photo?.id}/complete`)).toHaveLength(1);
    expect(media.files.size).toBe(0);
  });

  it('refuses a record without items or 人次, says why under each field, and keeps nothing', async () => {
    const page = await openTaskForm();

    tap(saveButton(page));

    await waitFor(() => fieldError(page, 'items'));
    expect({ items: fieldError(page, 'items'), people: fieldError(page, 'peopleReached') }).toStrictEqual({
      items: '请至少填写一项物资的数量',
      people: '请填写服务人次（整数）',
    });
    expect(outbox()).toStrictEqual([]);
    expect(requestsTo('POST', '/deliveries')).toHaveLength(0);
  });

  it('warns when the fix is worse than 100 m, and still records without a position when location is denied', async () => {
    geo.fix = { latitude: 31.9, longitude: 120.55, accuracy: 180 };
    const poor = await openTaskForm();
    await waitFor(() => text(poor).includes('精度约 180 米'));
    expect(text(poor)).toContain('精度较差（超过 100 米）');
    poor.detach();

    geo.fix = null;
    serveLanding();
    const denied = await openTaskForm();
    await waitFor(() => text(denied).includes('未获取到位置'));
    quantity(denied, 'mungbean', '5');
    type(denied, 'peopleReached', '12');
    tap(saveButton(denied));

    await waitFor(() => outbox()[0]?.state === 'sent');
    const body = sent(requestsTo('POST', '/deliveries')[0]);
    expect(body.position).toBeUndefined();
    expect(body.items).toStrictEqual([{ code: 'mungbean', quantity: 5 }]);
  });

  it('复制上一条 fills kind, items and 人次 from the newest record of the campaign', async () => {
    const page = await openTaskForm();
    routes.set('GET /me/deliveries', () => ({
      statusCode: 200,
      data: {
        deliveries: [delivery(), delivery({ id: 'dl_0000000000000000000000000000sv02', peopleReached: 99 })],
        nextCursor: null,
      },
    }));

    tap(findByText(page.dom, '复制上一条', 'wx-button')!);

    await waitFor(() => text(page).includes('已复制上一条记录'));
    const value = (input: Element | null | undefined) => (input ? wxmlAttribute(input, 'value') : undefined);
    await waitFor(() => value(field(page, 'peopleReached')?.querySelector('wx-input')) === '25');
    expect([
      value(page.dom.querySelector('.main--delivery-items__row--water wx-input')),
      value(page.dom.querySelector('.main--delivery-items__row--mungbean wx-input')),
    ]).toStrictEqual(['6', '4']);
  });

  it('records at a 临时站点 in one of the volunteer’s districts', async () => {
    serveLanding();
    routes.set(`GET /campaigns/${campaignId}`, () => ({ statusCode: 200, data: campaign() }));
    routes.set('GET /me/volunteer-signups', () => ({
      statusCode: 200,
      data: { signups: [volunteerSignup({ status: 'approved' })] },
    }));
    routes.set('GET /districts', () => ({ statusCode: 200, data: districts() }));
    const page = openAs('volunteer', formRoute, { campaign: campaignId, adHoc: '1' });
    await waitFor(() => field(page, 'siteName'));

    type(page, 'siteName', '港城大道环卫休息点');
    type(page, 'siteAddress', '港城大道 200 号');
    tap(findByText(field(page, 'siteOrgPath')!, '大新镇工会', '.main--choice-chips__chip')!);
    await waitFor(() => chosenChip(field(page, 'siteOrgPath')!, '大新镇工会'));
    quantity(page, 'water', '2');
    type(page, 'peopleReached', '8');
    tap(saveButton(page));

    await waitFor(() => outbox()[0]?.state === 'sent');
    expect(sent(requestsTo('POST', '/deliveries')[0]).site).toStrictEqual({
      type: 'adHoc',
      name: '港城大道环卫休息点',
      address: '港城大道 200 号',
      orgPath: '320000/320500/320582/daxin',
    });
  });
});

describe('Page: 我的配送记录', () => {
  function serveList(deliveries: unknown[]) {
    routes.set(`GET /campaigns/${campaignId}`, () => ({ statusCode: 200, data: campaign() }));
    routes.set('GET /me/deliveries', () => ({ statusCode: 200, data: { deliveries, nextCursor: null } }));
  }

  it('shows the phone’s unsent record as 待上传 above the server’s, with review states and the staff comment', async () => {
    // Arrange: one record saved on the phone with no network (its POST fails).
    const local = {
      id: 'dl_0000000000000000000000000000loc1',
      kind: 'delivery',
      label: '港城大道快递分拣点',
      payload: {
        id: 'dl_0000000000000000000000000000loc1',
        campaignId,
        site: { type: 'assigned', assignmentId: taskId },
        kind: 'cool',
        items: [{ code: 'water', quantity: 3 }],
        peopleReached: 9,
        photoIds: [],
        deliveredAt: `${shanghaiDay(0)}T09:15:00+08:00`,
      },
      state: 'pending',
      attempts: 1,
      nextAttemptAt: Date.now() + 600_000,
      createdAt: Date.now(),
      owner: 'u_000000000000000000volunt',
    };
    storage.set('ankang.outbox', JSON.stringify([local]));
    serveList([
      delivery({ review: { status: 'approved', reviewerName: '李敏', at: '2026-07-01T08:00:00.000Z' } }),
      delivery({
        id: 'dl_0000000000000000000000000000sv02',
        review: { status: 'needsChanges', comment: '照片看不清人数，请补充', reviewerName: '李敏' },
        flags: ['lowAccuracy'],
      }),
    ]);

    // Act
    const page = openAs('volunteer', listRoute, { campaign: campaignId });

    // Assert
    await waitFor(() => page.dom.querySelectorAll('.main--delivery-record').length === 3);
    const cards = Array.from(page.dom.querySelectorAll('.main--delivery-record'));
    expect(cards.map((c) => c.querySelector('.main--delivery-record__upload')?.textContent)).toStrictEqual([
      '待上传',
      '已上传',
      '已上传',
    ]);
    expect(cards[0]?.textContent).toContain('港城大道快递分拣点');
    expect(cards[0]?.textContent).toContain('矿泉水 3 箱');
    expect(cards[0]?.textContent).toContain('服务 9 人次');
    expect(cards[1]?.textContent).toContain('已通过');
    expect(cards[2]?.textContent).toContain('有问题');
    expect(cards[2]?.textContent).toContain('审核意见：照片看不清人数，请补充');
    expect(cards[2]?.textContent).toContain('定位精度差');
    expect(text(page)).toContain('1 项待上传');
    // Only the record with 有问题 offers 修改.
    expect(cards.map((c) => c.querySelector('.main--delivery-record__edit') !== null)).toStrictEqual([
      false,
      false,
      true,
    ]);
  });

  it('重试 after a failed 加载更多 fetches that page again, keeping the records above', async () => {
    // Arrange: the first page, then a second page that fails once.
    const second = delivery({ id: 'dl_0000000000000000000000000000sv02' });
    let failures = 1;
    routes.set(`GET /campaigns/${campaignId}`, () => ({ statusCode: 200, data: campaign() }));
    routes.set('GET /me/deliveries', (options) => {
      if (new URL(options.url).searchParams.get('cursor') !== 'page-2')
        return { statusCode: 200, data: { deliveries: [delivery()], nextCursor: 'page-2' } };
      if (failures-- > 0)
        return {
          statusCode: 500,
          data: { error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } },
        };
      return { statusCode: 200, data: { deliveries: [second], nextCursor: null } };
    });
    const page = openAs('volunteer', listRoute, { campaign: campaignId });
    tap(await waitFor(() => findByText(page.dom, '加载更多', 'wx-button')));
    const retry = await waitFor(() => findByText(page.dom, '重试', '.main--error-banner__retry'));
    expect(page.dom.querySelectorAll('.main--delivery-record')).toHaveLength(1);

    // Act
    tap(retry);

    // Assert: the second page is asked for again, not the first; both records show.
    await waitFor(() => page.dom.querySelectorAll('.main--delivery-record').length === 2);
    const cursors = requestsTo('GET', '/me/deliveries').map((options) =>
      new URL(options.url).searchParams.get('cursor'),
    );
    expect(cursors).toStrictEqual([null, 'page-2', 'page-2']);
    expect(page.dom.querySelector('.main--error-banner')).toBeNull();
  });

  it('shows a refused record as 失败 with the server’s message, and a tap sends it again', async () => {
    // Arrange: the server refuses the first send, takes the second.
    serveList([]);
    let refuse = true;
    routes.set('POST /deliveries', (options) => {
      if (refuse) {
        refuse = false;
        return {
          statusCode: 422,
          data: { error: { code: 'OUTSIDE_SEASON', message: '配送时间不在活动期间内' } },
        };
      }
      return { statusCode: 201, data: delivery({ id: (options.data as { id: string }).id }) };
    });
    const form = await openTaskForm();
    quantity(form, 'water', '1');
    type(form, 'peopleReached', '3');
    tap(saveButton(form));
    await waitFor(() => outbox()[0]?.state === 'failed');
    form.detach();
    serveList([]);

    // Act
    const page = openAs('volunteer', listRoute, { campaign: campaignId });
    const badge = await waitFor(() =>
      findByText(page.dom, '失败（点击重试）', '.main--delivery-record__upload'),
    );
    expect(text(page)).toContain('配送时间不在活动期间内');
    tap(badge);

    // Assert
    await waitFor(() => outbox()[0]?.state === 'sent');
    expect(requestsTo('POST', '/deliveries')).toHaveLength(2);
  });

  it('gives up a refused record when the volunteer confirms, deleting its photo from the phone', async () => {
    // Arrange: refused for good (not a volunteer of the campaign any more), with one photo waiting.
    serveList([]);
    routes.set('POST /deliveries', () => ({
      statusCode: 403,
      data: { error: { code: 'NOT_CAMPAIGN_VOLUNTEER', message: '您不是该活动的志愿者' } },
    }));
    media.taken = ['wxfile://tmp/c.jpg'];
    const form = await openTaskForm();
    quantity(form, 'water', '1');
    type(form, 'peopleReached', '3');
    tap(findByText(form.dom, '添加照片')!);
    await waitFor(() => form.dom.querySelectorAll('.main--photo-field__item').length === 1);
    tap(saveButton(form));
    await waitFor(() => outbox()[0]?.state === 'failed');
    form.detach();
    modal.confirm = true;

    // Act
    const page = openAs('volunteer', listRoute, { campaign: campaignId });
    tap(await waitFor(() => findByText(page.dom, '放弃这条记录', '.main--delivery-record__discard')));

    // Assert
    await waitFor(() => outbox().length === 0);
    await waitFor(() => text(page).includes('还没有配送记录'));
    expect(media.files.size).toBe(0);
    expect(requestsTo('POST', '/photos/uploads')).toHaveLength(0);
  });

  it('修改 opens the record in the form and sends the edit with the version seen, through the outbox', async () => {
    // Arrange
    const record = delivery({
      id: 'dl_0000000000000000000000000000sv03',
      version: 3,
      review: { status: 'needsChanges', comment: '人次与照片不符' },
    });
    serveList([record]);
    routes.set('PUT /deliveries/dl_0000000000000000000000000000sv03', () => ({
      statusCode: 200,
      data: {
        ...record,
        peopleReached: 18,
        version: 4,
        review: { status: 'pending', comment: '人次与照片不符' },
      },
    }));
    const list = openAs('volunteer', listRoute, { campaign: campaignId });
    tap(await waitFor(() => list.dom.querySelector('.main--delivery-record__edit')));
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    const url = String(wx.navigateTo.mock.calls[0]?.[0].url);
    expect(url).toBe(
      `/volunteer/pages/delivery/index?campaign=${campaignId}&edit=dl_0000000000000000000000000000sv03`,
    );

    // Act: the form opens on that record, 人次 corrected.
    const form = openAs('volunteer', formRoute, {
      campaign: campaignId,
      edit: 'dl_0000000000000000000000000000sv03',
    });
    await waitFor(() => text(form).includes('人次与照片不符') && field(form, 'peopleReached'));
    type(form, 'peopleReached', '18');
    tap(saveButton(form));

    // Assert
    await waitFor(() => outbox()[0]?.state === 'sent');
    expect(outbox()[0]?.kind).toBe('deliveryEdit');
    expect(sent(requestsTo('PUT', '/deliveries/dl_0000000000000000000000000000sv03')[0])).toStrictEqual({
      version: 3,
      kind: 'cool',
      items: [
        { code: 'water', quantity: 6 },
        { code: 'mungbean', quantity: 4 },
      ],
      peopleReached: 18,
      photoIds: [],
      position: { lat: 31.9, lng: 120.55, accuracy: 20 },
      deliveredAt: record.deliveredAt,
    });
    expect(requestsTo('POST', '/deliveries')).toHaveLength(0);
  });
});
