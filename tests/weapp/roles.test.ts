import type { InviteSummary, RoleHolder } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { session } from './fixtures';
import { openPage } from './harness';
import {
  chosenChip,
  findByText,
  modal,
  renderPage,
  routes,
  settled,
  storage,
  tap,
  waitFor,
  wx,
} from './simulate';
import {
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

const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;
const YANGSHE = `${ZJG}/yangshe`;
const CODE = 'AbCdEfGhIjKlMnOpQrStUvWx';

function holders(): RoleHolder[] {
  return [
    {
      userId: 'u_0000000000000000000staff',
      nickname: '李敏',
      role: 'staff',
      org: { path: ZJG, name: '张家港市总工会' },
      grantedBy: null,
      grantedAt: null,
      revocable: false,
    },
    {
      userId: 'u_00000000000000000000daxin',
      nickname: '顾晓东',
      role: 'staff',
      org: { path: DAXIN, name: '大新镇总工会' },
      grantedBy: { name: '周建国' },
      grantedAt: '2026-07-01T02:00:00.000Z',
      revocable: true,
    },
  ];
}

function pendingInvite(): InviteSummary {
  return {
    id: `inv_${'a'.repeat(32)}`,
    role: 'staff',
    org: { path: YANGSHE, name: '杨舍镇总工会' },
    state: 'pending',
    createdBy: { userId: 'u_0000000000000000000staff', name: '李敏' },
    createdAt: '2026-07-02T01:00:00.000Z',
    expiresAt: '2026-07-09T01:00:00.000Z',
  };
}

/** The 撤销 button of the row that names `name`. */
function revokeIn(page: ReturnType<typeof openAs>, name: string): Element {
  const row = findByText(page.dom, name, '.main--role-tree__row');
  const action = row?.querySelector('.main--role-tree__action');
  if (!action) throw new Error(`no 撤销 in the row of ${name}`);
  return action;
}

function openRoles() {
  routes.set('GET /staff/roles', () => ok({ holders: holders(), truncated: false }));
  routes.set('GET /staff/invites', () => ok({ invites: [pendingInvite()], truncated: false }));
  return openAs('staff/pages/roles/index');
}

describe('Page: 人员与权限', () => {
  it('shows each node with its holders, who granted each role and when, and pending invites', async () => {
    const page = openRoles();
    await waitFor(() => text(page).includes('顾晓东'));
    const shown = text(page);
    expect(shown).toContain('张家港市总工会');
    expect(shown).toContain('周建国 于 7月1日 10:00 授予');
    expect(shown).toContain('授予记录早于本功能');
    expect(shown).toContain('待接受的工会干部邀请');
    expect(shown).toContain('李敏 于 7月2日 09:00 发出');
    // Only 顾晓东 (below 李敏's node) and the invite can be revoked.
    expect(page.dom.querySelectorAll('.main--role-tree__action')).toHaveLength(2);
    // The board is read from 李敏's own node down, never the whole country.
    const roots = ['/orgs', '/staff/roles', '/staff/invites'].map((path) =>
      new URL(requests('GET', path)[0]!.url).searchParams.get('root'),
    );
    expect(roots).toStrictEqual([ZJG, ZJG, ZJG]);
  });

  it('sends one invite for a double tap; a retry keeps its request id, another node gets a new one', async () => {
    // Arrange: the first two answers are lost to a server error, the third is stored.
    const answers = [
      refusal(500, 'INTERNAL', '服务器开小差了，请稍后再试'),
      refusal(500, 'INTERNAL', '服务器开小差了，请稍后再试'),
    ];
    routes.set(
      'POST /staff/invites',
      () =>
        answers.shift() ??
        ok(
          {
            invite: pendingInvite(),
            code: CODE,
            path: `join/pages/invite/index?code=${CODE}`,
          },
          201,
        ),
    );
    const page = openRoles();
    await waitFor(() => text(page).includes('顾晓东'));
    await settled(page);
    const submit = () => findByText(page.dom, '生成邀请', 'wx-button')!;
    const sent = () =>
      requests('POST', '/staff/invites').map((r) => wire(r.data) as { requestId: string; orgPath: string });
    tap(findByText(page.dom, '大新镇总工会', '.main--choice-chips__chip')!);
    await waitFor(() => findByText(page.dom, '生成邀请', 'wx-button'));

    // Act: two taps before the first answer
    tap(submit());
    tap(submit());

    // Assert
    await waitFor(() => text(page).includes('服务器开小差了'));
    expect(sent()).toHaveLength(1);

    // Act: the same node again, then another node
    await settled(page);
    tap(submit());
    await waitFor(() => sent().length === 2);
    // NutUI ignores taps on a button showing loading: wait for the second answer to land.
    await waitFor(() => {
      const button = findByText(page.dom, '生成邀请', 'wx-button');
      return button !== null && !button.className.includes('nut-button-loading');
    });
    await settled(page);
    tap(findByText(page.dom, '杨舍镇总工会', '.main--choice-chips__chip')!);
    await waitFor(() => chosenChip(page.dom, '杨舍镇总工会'));
    tap(submit());

    // Assert
    await waitFor(() => text(page).includes('邀请已生成'));
    const [first, again, other] = sent();
    expect(again!.requestId).toBe(first!.requestId);
    expect(other!.orgPath).toBe(YANGSHE);
    expect(other!.requestId).not.toBe(first!.requestId);
  });

  it('forgets a picked node that the name filter hides', async () => {
    const page = openRoles();
    await waitFor(() => text(page).includes('顾晓东'));
    await settled(page);
    tap(findByText(page.dom, '大新镇总工会', '.main--choice-chips__chip')!);
    await waitFor(() => findByText(page.dom, '生成邀请', 'wx-button'));

    await typeInto(() => page.dom.querySelector('.main--invite-panel__filter'), '杨舍');

    await waitFor(() => findByText(page.dom, '请先选择组织', 'wx-button'));
    expect(findByText(page.dom, '生成邀请', 'wx-button')).toBeNull();
  });

  it('revokes a role after the confirm dialog and reloads the board', async () => {
    routes.set('POST /staff/roles/revoke', () =>
      ok({ userId: holders()[1]!.userId, roles: ['worker'], orgPath: null }),
    );
    modal.confirm = true;
    const page = openRoles();
    await waitFor(() => text(page).includes('顾晓东'));
    await settled(page);
    tap(revokeIn(page, '顾晓东'));
    await waitFor(() => requests('POST', '/staff/roles/revoke').length === 1);
    expect(wire(requests('POST', '/staff/roles/revoke')[0]!.data)).toStrictEqual({
      userId: holders()[1]!.userId,
      role: 'staff',
    });
    expect(wx.showModal.mock.calls[0]![0]).toMatchObject({ title: '撤销角色' });
    await waitFor(() => requests('GET', '/staff/roles').length === 2);
  });

  it('sends nothing when the confirm dialog is cancelled, and shows a refusal in Chinese', async () => {
    modal.confirm = false;
    const page = openRoles();
    await waitFor(() => text(page).includes('顾晓东'));
    await settled(page);
    tap(revokeIn(page, '待接受的工会干部邀请'));
    // The confirm dialog was shown and answered 取消, and the page has gone quiet after it.
    await waitFor(() => wx.showModal.mock.calls.length === 1);
    await settled(page);
    expect(posts()).toStrictEqual([]);

    modal.confirm = true;
    routes.set(`POST /staff/invites/${pendingInvite().id}/revoke`, () =>
      refusal(409, 'INVITE_USED', '该邀请已被使用，每个邀请只能接受一次'),
    );
    tap(revokeIn(page, '待接受的工会干部邀请'));
    await waitFor(() => text(page).includes('该邀请已被使用'));
  });

  it('invites to a node found by name (never the own node), then shows the QR code and the share button', async () => {
    routes.set('POST /staff/invites', () =>
      ok(
        {
          invite: { ...pendingInvite(), org: { path: DAXIN, name: '大新镇总工会' } },
          code: CODE,
          path: `join/pages/invite/index?code=${CODE}`,
        },
        201,
      ),
    );
    const page = openRoles();
    await waitFor(() => text(page).includes('顾晓东'));
    await settled(page);
    const chips = () =>
      Array.from(page.dom.querySelectorAll('.main--choice-chips__chip')).map((c) => c.textContent);
    // Role chips first, then the nodes below 张家港 (not 张家港 itself).
    expect(chips()).toStrictEqual(['工会干部', '大新镇总工会', '杨舍镇总工会']);
    expect(chosenChip(page.dom, '工会干部')).not.toBeNull();
    await typeInto(() => page.dom.querySelector('.main--invite-panel__filter'), '大新');
    await waitFor(() => chips().length === 2);
    tap(findByText(page.dom, '大新镇总工会', '.main--choice-chips__chip')!);
    await waitFor(() => findByText(page.dom, '生成邀请', 'wx-button'));
    await settled(page);
    tap(findByText(page.dom, '生成邀请', 'wx-button')!);
    await waitFor(() => text(page).includes('邀请已生成：大新镇总工会 工会干部'));
    const sent = wire(requests('POST', '/staff/invites')[0]!.data) as Record<string, unknown>;
    expect(sent).toStrictEqual({
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      role: 'staff',
      orgPath: DAXIN,
    });
    expect(text(page)).toContain(`邀请码 ${CODE}`);
    expect(page.dom.querySelectorAll('.main--cooling-qr__run').length).toBeGreaterThan(20);
    expect(findByText(page.dom, '发给微信好友', 'wx-button')).not.toBeNull();
  });
});

describe('Page: 接受邀请', () => {
  const preview = (state = 'pending') =>
    ok({
      role: 'staff',
      org: {
        path: DAXIN,
        name: '大新镇总工会',
        chain: ['江苏省总工会', '苏州市总工会', '张家港市总工会', '大新镇总工会'],
      },
      state,
      expiresAt: '2026-07-09T01:00:00.000Z',
    });

  it('shows the invite signed out, signs in with WeChat, accepts, and opens the workbench', async () => {
    routes.set('POST /invites/preview', () => preview());
    routes.set('POST /auth/login', () => ok(session('worker')));
    routes.set('GET /me', () => ok(session('worker').me));
    routes.set('POST /invites/accept', () =>
      ok({ role: 'staff', org: { path: DAXIN, name: '大新镇总工会' }, roles: ['worker', 'staff'] }),
    );
    const page = openPage('join/pages/invite/index', { code: CODE });
    await waitFor(() => text(page).includes('邀请您担任工会干部'));
    expect(text(page)).toContain('江苏省总工会 › 苏州市总工会 › 张家港市总工会 › 大新镇总工会');
    expect(text(page)).toContain('7月9日 09:00');
    expect(wire(requests('POST', '/invites/preview')[0]!.data)).toStrictEqual({ code: CODE });
    await settled(page);
    tap(findByText(page.dom, '微信登录后接受', 'wx-button')!);
    await waitFor(() => findByText(page.dom, '接受邀请', 'wx-button'));
    expect(storage.get('ankang.session')).toBeTruthy();
    await settled(page);
    tap(findByText(page.dom, '接受邀请', 'wx-button')!);
    await waitFor(() => wx.reLaunch.mock.calls.length > 0);
    expect(wire(requests('POST', '/invites/accept')[0]!.data)).toStrictEqual({ code: CODE });
    expect(wx.reLaunch.mock.calls[0]![0]).toMatchObject({ url: '/staff/pages/index/index' });
  });

  it.each([
    ['expired', '这个邀请已过期'],
    ['accepted', '每个邀请只能使用一次'],
    ['revoked', '已被邀请人撤销'],
  ])('offers no accept for an invite that is %s', async (state, note) => {
    routes.set('POST /invites/preview', () => preview(state));
    const page = openPage('join/pages/invite/index', { code: CODE });
    await waitFor(() => text(page).includes(note));
    expect(findByText(page.dom, '接受', 'wx-button')).toBeNull();
  });

  it('explains an unknown code and a missing one', async () => {
    routes.set('POST /invites/preview', () =>
      refusal(404, 'INVITE_NOT_FOUND', '邀请不存在或已失效，请向邀请人索取新的邀请'),
    );
    // One page at a time: the first is detached before the second opens.
    const page = renderPage('join/pages/invite/index', { code: CODE });
    await waitFor(() => text(page).includes('邀请不存在或已失效'));
    page.detach();
    const bare = openPage('join/pages/invite/index');
    await waitFor(() => text(bare).includes('邀请链接不完整'));
  });
});
