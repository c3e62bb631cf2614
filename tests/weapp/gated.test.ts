import { describe, expect, it } from 'vitest';
import { me, type Person, session } from './fixtures';
import { openPage, resetPagesEachTest } from './harness';
import { findByText, routes, storage, tap, waitFor, wx } from './simulate';

const text = (page: { dom: HTMLElement }) => page.dom.textContent ?? '';

function openAs(person: Person | null, route: string) {
  if (person) {
    storage.set('ankang.session', JSON.stringify(session(person)));
    routes.set('GET /me', () => ({ statusCode: 200, data: me(person) }));
  }
  return openPage(route);
}

resetPagesEachTest();

describe('Page: 工会工作台 (staff subpackage)', () => {
  it('lets staff in and shows the union they manage', async () => {
    const page = openAs('staffZjg', 'staff/pages/index/index');

    await waitFor(() => text(page).includes('管理范围'));
    expect(text(page)).toContain('张家港市总工会');
    expect(text(page)).not.toContain('无权限');
  });

  it('shows 无权限 to a worker, with a way back', async () => {
    // Arrange
    const page = openAs('worker', 'staff/pages/index/index');
    await waitFor(() => text(page).includes('无权限访问'));

    // Act
    tap(findByText(page.dom, '返回', 'wx-button')!);

    // Assert
    expect(text(page)).toContain('仅对工会干部和管理员开放');
    await waitFor(() => wx.switchTab.mock.calls.length > 0);
    expect(wx.switchTab.mock.calls[0]?.[0].url).toBe('/pages/me/index');
  });
});

describe('Page: 志愿者服务 (volunteer subpackage)', () => {
  it('asks a signed-out visitor to sign in first', async () => {
    const page = openAs(null, 'volunteer/pages/index/index');

    await waitFor(() => text(page).includes('请先登录'));
    expect(text(page)).toContain('仅对志愿者开放');
  });

  it('greets a volunteer', async () => {
    const page = openAs('volunteer', 'volunteer/pages/index/index');

    await waitFor(() => text(page).includes('感谢您参与志愿服务'));
    expect(text(page)).toContain('赵磊');
  });
});
