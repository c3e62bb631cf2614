import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { me, session } from './fixtures';
import {
  bootApp,
  findByText,
  renderPage,
  routes,
  storage,
  tap,
  waitFor,
  wx,
  wxmlAttribute,
} from './simulate';

const mounted: Array<{ detach(): void }> = [];
const text = (page: { dom: HTMLElement }) => page.dom.textContent ?? '';

function open(route: string) {
  const page = renderPage(route);
  mounted.push(page);
  return page;
}

beforeEach(() => {
  storage.clear();
  routes.clear();
});

afterEach(() => {
  for (const page of mounted.splice(0)) page.detach();
});

describe('Page: 驿站', () => {
  it('says plainly that the station finder is coming, with no made-up stations', async () => {
    // Act
    const page = open('pages/stations/index');

    // Assert
    await waitFor(() => text(page).includes('附近驿站查找即将上线'));
    expect(text(page)).not.toContain('您所在的工会');
  });

  it('shows the caller’s union when signed in', async () => {
    // Arrange
    storage.set('ankang.session', JSON.stringify(session('staffZjg')));
    routes.set('GET /me', () => ({ statusCode: 200, data: me('staffZjg') }));

    // Act
    const page = open('pages/stations/index');

    // Assert
    await waitFor(() => text(page).includes('您所在的工会'));
    expect(text(page)).toContain('张家港市总工会');
  });

  it('answers WeChat’s privacy request with its popup; the agree button is the one WeChat checks', async () => {
    // Arrange: the app registered its handler at launch.
    const page = await openStationsWithPrivacyRequest();
    const agree = await waitFor(() => findByText(page.dom, '同意并继续', 'wx-button'));

    const openType = wxmlAttribute(agree, 'open-type');
    const buttonId = wxmlAttribute(agree, 'id');

    // Act: WeChat fires this event on the open-type button once the user agreed.
    tap(agree, 'agreeprivacyauthorization');

    // Assert
    expect(openType).toBe('agreePrivacyAuthorization');
    await waitFor(() => answers.length === 2);
    expect(answers).toStrictEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId }]);
    expect(buttonId).toBe('privacy-agree');
  });

  it('refuses the privacy request on 不同意, and the popup closes', async () => {
    // Arrange
    const page = await openStationsWithPrivacyRequest();
    const refuse = await waitFor(() => findByText(page.dom, '不同意', 'wx-button'));

    // Act
    tap(refuse);

    // Assert
    await waitFor(() => answers.length === 2);
    expect(answers).toStrictEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
  });
});

const answers: object[] = [];

async function openStationsWithPrivacyRequest() {
  bootApp();
  const page = open('pages/stations/index');
  await waitFor(() => text(page).includes('附近驿站查找即将上线'));
  // Registered once, at launch (useLaunch runs once the React root exists).
  await waitFor(() => wx.onNeedPrivacyAuthorization.mock.calls.length > 0);
  expect(wx.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1);
  const handler = wx.onNeedPrivacyAuthorization.mock.calls[0]?.[0] as (resolve: (o: object) => void) => void;
  answers.length = 0;
  handler((option) => answers.push(option));
  return page;
}
