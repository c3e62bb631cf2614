import type { MyReport, QueuedProblem } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { session } from './fixtures';
import { openPage } from './harness';
import { findByText, routes, settled, storage, tap, waitFor, wxmlAttribute } from './simulate';
import {
  button,
  field,
  ok,
  openAs,
  queryOf,
  refusal,
  requests,
  resetPagesEachTest,
  text,
  toasts,
  typeInto,
  wire,
} from './staffOutreachPages';

resetPagesEachTest();

const ZJG = '320000/320500/320582';
const at = (minute: number) =>
  `2026-07-01T0${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')}:00.000Z`;

function problem(
  overrides: Partial<QueuedProblem> & Pick<QueuedProblem, 'id' | 'stationId' | 'stationName'>,
): QueuedProblem {
  return {
    orgPath: `${ZJG}/daxin`,
    kind: 'noWater',
    state: 'new',
    note: null,
    reportCount: 1,
    recent: [{ id: `rp_${overrides.id.slice(3)}`, text: '饮水机没水', createdAt: at(10), photos: [] }],
    openedAt: at(10),
    lastReportedAt: at(10),
    handledAt: null,
    updatedAt: at(10),
    version: 1,
    ...overrides,
  };
}

const crowded = problem({
  id: 'pb_00000000000000000001',
  stationId: 'st_0000000000000000000a',
  stationName: '大新镇社区服务中心工会驿站',
  reportCount: 3,
  version: 3,
  recent: [
    { id: 'rp_00000000000000000013', text: '还是没水', createdAt: at(30), photos: [] },
    { id: 'rp_00000000000000000012', text: '', createdAt: at(20), photos: [] },
    { id: 'rp_00000000000000000011', text: '饮水机没有水了', createdAt: at(10), photos: [] },
  ],
});
const elsewhere = problem({
  id: 'pb_00000000000000000002',
  stationId: 'st_0000000000000000000b',
  stationName: '大新港区货车司机之家驿站',
  kind: 'dirty',
  recent: [{ id: 'rp_00000000000000000021', text: '卫生间很脏', createdAt: at(25), photos: [] }],
});
const sameStation = problem({
  id: 'pb_00000000000000000003',
  stationId: crowded.stationId,
  stationName: crowded.stationName,
  kind: 'brokenAircon',
  recent: [{ id: 'rp_00000000000000000031', text: '空调不制冷', createdAt: at(5), photos: [] }],
});

const headings = (page: ReturnType<typeof openAs>) =>
  Array.from(page.dom.querySelectorAll('.main--staff-report-station__name')).map((el) => el.textContent);

describe('Page: 问题处理 (problems)', () => {
  it('groups the newest-first problems under their stations and shows how many reported each', async () => {
    routes.set('GET /staff/problems', () => ok({ problems: [crowded, elsewhere, sameStation] }));

    const page = openAs('staff/pages/reports/index');
    await waitFor(() => text(page).includes('3 人反映'));

    // A station once, where its newest problem stands; its other problems under it.
    expect(headings(page)).toStrictEqual([crowded.stationName, elsewhere.stationName]);
    const first = page.dom.querySelector('.main--staff-report-station')!;
    expect(
      Array.from(first.querySelectorAll('.main--staff-report__kind')).map((el) => el.textContent),
    ).toStrictEqual(['没有饮用水', '空调坏了']);
    expect(
      Array.from(first.querySelectorAll('.main--staff-report__text'))
        .map((el) => el.textContent)
        .slice(0, 3),
    ).toStrictEqual(['还是没水', '（未填写描述）', '饮水机没有水了']);
    expect(queryOf(requests('GET', '/staff/problems')[0]!.url)).toStrictEqual({ state: 'new' });
  });

  it('asks for one kind when a kind chip is picked, and says so when there is none', async () => {
    routes.set('GET /staff/problems', (options) =>
      ok({ problems: queryOf(options.url).kind === 'unsafe' ? [] : [crowded] }),
    );
    const page = openAs('staff/pages/reports/index');
    await waitFor(() => text(page).includes('3 人反映'));

    tap(findByText(page.dom, '存在安全隐患', '.main--choice-chips__chip')!);

    await waitFor(() => text(page).includes('没有待处理的「存在安全隐患」问题'));
    expect(queryOf(requests('GET', '/staff/problems').at(-1)!.url)).toStrictEqual({
      state: 'new',
      kind: 'unsafe',
    });
  });

  it('受理 sends the version seen and takes the problem out of 待处理', async () => {
    routes.set('GET /staff/problems', () => ok({ problems: [elsewhere] }));
    routes.set(`POST /staff/problems/${elsewhere.id}`, () =>
      ok({ ...elsewhere, state: 'acknowledged', version: 2, handledAt: at(40) }),
    );
    const page = openAs('staff/pages/reports/index');
    await waitFor(() => text(page).includes('卫生间很脏'));

    tap(button(page.dom.querySelector('.main--staff-report')!, '受理'));

    await waitFor(() => toasts().includes('已受理'));
    expect(requests('POST', `/staff/problems/${elsewhere.id}`).map((o) => wire(o.data))).toStrictEqual([
      { version: 1, state: 'acknowledged' },
    ]);
    await waitFor(() => !text(page).includes('卫生间很脏'));
  });

  it('受理 tapped twice before the page redraws sends once', async () => {
    routes.set('GET /staff/problems', () => ok({ problems: [elsewhere] }));
    routes.set(`POST /staff/problems/${elsewhere.id}`, () =>
      ok({ ...elsewhere, state: 'acknowledged', version: 2, handledAt: at(40) }),
    );
    const page = openAs('staff/pages/reports/index');
    await waitFor(() => text(page).includes('卫生间很脏'));

    const acknowledge = button(page.dom.querySelector('.main--staff-report')!, '受理');
    tap(acknowledge);
    tap(acknowledge);

    await waitFor(() => toasts().includes('已受理'));
    await waitFor(() => !text(page).includes('卫生间很脏'));
    expect(requests('POST', `/staff/problems/${elsewhere.id}`).map((o) => wire(o.data))).toStrictEqual([
      { version: 1, state: 'acknowledged' },
    ]);
  });

  it('解决 keeps the dialog and the note typed when the send fails, and sends that note on the retry', async () => {
    routes.set('GET /staff/problems', () => ok({ problems: [elsewhere] }));
    routes.set(`POST /staff/problems/${elsewhere.id}`, () =>
      refusal(503, 'INTERNAL', '服务暂时不可用，请稍后重试'),
    );
    const page = openAs('staff/pages/reports/index');
    await waitFor(() => text(page).includes('卫生间很脏'));
    tap(button(page.dom.querySelector('.main--staff-report')!, '解决'));
    await typeInto(() => field(page, 'note'), '已安排保洁员每两小时清扫');

    tap(await waitFor(() => findByText(page.dom, '确认解决', 'wx-button')));

    // The send failed: the dialog stays, with the note as typed.
    await waitFor(() => toasts().includes('服务暂时不可用，请稍后重试'));
    const confirm = await waitFor(() => findByText(page.dom, '确认解决', 'wx-button'));
    expect(wxmlAttribute(field(page, 'note')!, 'value')).toBe('已安排保洁员每两小时清扫');
    expect(text(page)).toContain('卫生间很脏');

    routes.set(`POST /staff/problems/${elsewhere.id}`, () =>
      ok({
        ...elsewhere,
        state: 'resolved',
        note: '已安排保洁员每两小时清扫',
        version: 2,
        handledAt: at(40),
      }),
    );
    tap(confirm);

    await waitFor(() => toasts().includes('已解决'));
    await waitFor(() => findByText(page.dom, '确认解决', 'wx-button') === null);
    expect(requests('POST', `/staff/problems/${elsewhere.id}`).map((o) => wire(o.data))).toStrictEqual([
      { version: 1, state: 'resolved', note: '已安排保洁员每两小时清扫' },
      { version: 1, state: 'resolved', note: '已安排保洁员每两小时清扫' },
    ]);
    await waitFor(() => !text(page).includes('卫生间很脏'));
  });

  /**
   * The 解决 dialog open on 卫生间很脏, a note typed; the send will meet a colleague's 受理, which
   * moved the problem to 已受理 (version 2): the reload of 待处理 no longer holds it.
   */
  async function resolveDialogBeatenByColleague() {
    const moved = { ...elsewhere, state: 'acknowledged' as const, version: 2 };
    let fresh = [elsewhere, crowded];
    routes.set('GET /staff/problems', (options) =>
      ok({ problems: new URL(options.url).searchParams.get('state') === 'acknowledged' ? [moved] : fresh }),
    );
    routes.set(`POST /staff/problems/${elsewhere.id}`, () => {
      fresh = [crowded];
      return refusal(409, 'VERSION_CONFLICT', '问题已被他人处理，请刷新');
    });
    const page = openAs('staff/pages/reports/index');
    await waitFor(() => text(page).includes('卫生间很脏'));
    tap(button(findByText(page.dom, '卫生间很脏', '.main--staff-report')!, '解决'));
    await typeInto(() => field(page, 'note'), '已安排保洁员');
    return page;
  }

  it('closes the 解决 dialog when a colleague handled the problem first', async () => {
    // Arrange
    const page = await resolveDialogBeatenByColleague();

    // Act
    tap(await waitFor(() => findByText(page.dom, '确认解决', 'wx-button')));

    // Assert: the list reloaded without it, and the dialog about it closed.
    await waitFor(() => !text(page).includes('卫生间很脏'));
    await waitFor(() => findByText(page.dom, '确认解决', 'wx-button') === null);
    expect(text(page)).toContain('其他工作人员处理了这个问题');
    expect(requests('POST', `/staff/problems/${elsewhere.id}`)).toHaveLength(1);
  });

  it('does not open the 解决 dialog again on the tab the problem moved to', async () => {
    // Arrange: the send met the colleague's 受理 and the dialog closed.
    const page = await resolveDialogBeatenByColleague();
    tap(await waitFor(() => findByText(page.dom, '确认解决', 'wx-button')));
    await waitFor(() => !text(page).includes('卫生间很脏'));
    await waitFor(() => findByText(page.dom, '确认解决', 'wx-button') === null);

    // Act: the staff member looks at 已受理, where the problem now is.
    tap(page.dom.querySelector('.main--staff-reports__tab--acknowledged')!);
    await waitFor(() => text(page).includes('卫生间很脏'));
    await settled(page);

    // Assert: no dialog about it, and no second send.
    expect(findByText(page.dom, '确认解决', 'wx-button')).toBeNull();
    expect(field(page, 'note')).toBeNull();
    expect(requests('POST', `/staff/problems/${elsewhere.id}`)).toHaveLength(1);
  });
});

const answered: MyReport = {
  id: 'rp_00000000000000000011',
  stationId: crowded.stationId,
  stationName: crowded.stationName,
  kind: 'noWater',
  text: '饮水机没有水了',
  createdAt: at(10),
  photos: [],
  state: 'resolved',
  note: '已补充桶装水',
  handledAt: at(50),
  reportCount: 3,
};
const waiting: MyReport = {
  ...answered,
  id: 'rp_00000000000000000041',
  stationName: '大新港区货车司机之家驿站',
  kind: 'dirty',
  text: '',
  state: 'new',
  note: null,
  handledAt: null,
  reportCount: 1,
};

function openMine() {
  storage.set('ankang.session', JSON.stringify(session('worker')));
  routes.set('GET /me', () => ok(session('worker').me));
  return openPage('myfeedback/pages/mine/index');
}

describe('Page: 我的反馈', () => {
  it('shows each report with the union’s answer and who else reported it', async () => {
    routes.set('GET /me/reports', () => ok({ reports: [answered, waiting] }));
    const page = openMine();
    await waitFor(() => text(page).includes('工会回复：已补充桶装水'));
    const cards = Array.from(page.dom.querySelectorAll('.main--my-report'));
    expect(cards.map((card) => card.querySelector('.main--my-report__state')?.textContent)).toStrictEqual([
      '已解决',
      '待处理',
    ]);
    expect(cards[0]!.textContent).toContain('另有 2 人反映了同一问题');
    expect(cards[1]!.textContent).toContain('工会还未处理，请耐心等待');
    expect(cards[1]!.textContent).not.toContain('工会回复');
  });

  it('says so when there is nothing yet, and offers the way to a station', async () => {
    routes.set('GET /me/reports', () => ok({ reports: [] }));
    const page = openMine();
    await waitFor(() => text(page).includes('您还没有反映过问题'));
    expect(findByText(page.dom, '去找驿站', 'wx-button')).not.toBeNull();
  });
});
