import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measurePackages, weappDist } from './packages';

interface AppJson {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
  tabBar: { list: Array<{ pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }> };
  permission: Record<string, { desc: string }>;
  requiredPrivateInfos: string[];
  __usePrivacyCheck__?: boolean;
}

const appJson = () => JSON.parse(readFileSync(path.join(weappDist, 'app.json'), 'utf8')) as AppJson;

describe('Build: dist/weapp/app.json', () => {
  it('declares the location permission, its private API and the privacy check', () => {
    // Arrange / Act
    const app = appJson();

    // Assert
    expect(app.permission['scope.userLocation']).toStrictEqual({ desc: '用于查找您附近的户外劳动者服务站' });
    expect(app.requiredPrivateInfos).toContain('getLocation');
    expect(app.__usePrivacyCheck__).toBe(true);
  });

  it('has the 驿站 and 我的 tabs in the main package, each with icons that exist', () => {
    const app = appJson();

    expect(app.tabBar.list.map(({ pagePath, text }) => ({ pagePath, text }))).toStrictEqual([
      { pagePath: 'pages/stations/index', text: '驿站' },
      { pagePath: 'pages/me/index', text: '我的' },
    ]);
    for (const tab of app.tabBar.list) {
      expect(app.pages).toContain(tab.pagePath);
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        expect(icon, `${tab.text} icon`).toBeTruthy();
        const png = readFileSync(path.join(weappDist, icon!));
        expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      }
    }
  });

  it('registers the outreach, volunteer, staff, join and suggest subpackages with their landing pages', () => {
    const app = appJson();

    // Each lands on its first page; the other pages have their own tests.
    expect(app.subPackages.map(({ root, pages }) => ({ root, landing: pages[0] }))).toStrictEqual([
      { root: 'outreach', landing: 'pages/campaigns/index' },
      { root: 'volunteer', landing: 'pages/index/index' },
      { root: 'staff', landing: 'pages/index/index' },
      { root: 'join', landing: 'pages/invite/index' },
      { root: 'myfeedback', landing: 'pages/mine/index' },
      { root: 'suggest', landing: 'pages/new/index' },
    ]);
    for (const sub of app.subPackages) {
      expect(readFileSync(path.join(weappDist, sub.root, `${sub.pages[0]}.js`), 'utf8')).toContain('Page');
    }
  });
  it('keeps the station detail page in the main package, where the 驿站 tab opens it without a download', () => {
    const app = appJson();

    expect(app.pages).toStrictEqual([
      'pages/stations/index',
      'pages/me/index',
      'pages/login/index',
      'pages/station/index',
    ]);
    expect(readFileSync(path.join(weappDist, 'pages/stations/index.json'), 'utf8')).toContain(
      '"enablePullDownRefresh":true',
    );
  });
});

describe('Build: package sizes', () => {
  it('keeps the main package and each subpackage under WeChat’s 2 MB limit', () => {
    const { bytes } = measurePackages();
    const limit = 2 * 1024 * 1024;

    expect(Object.keys(bytes).sort()).toStrictEqual([
      'join',
      'main',
      'myfeedback',
      'outreach',
      'staff',
      'suggest',
      'volunteer',
    ]);
    expect(bytes.main).toBeGreaterThan(0);
    expect(bytes.main).toBeLessThan(limit);
    expect(bytes.outreach).toBeLessThan(limit);
    expect(bytes.volunteer).toBeLessThan(limit);
    expect(bytes.staff).toBeLessThan(limit);
    expect(bytes.join).toBeLessThan(limit);
    expect(bytes.suggest).toBeLessThan(limit);
    expect(bytes.myfeedback).toBeLessThan(limit);
  });

  it('bakes the API base into the bundle and leaves the H5 platform code out', () => {
    const scripts = readdirSync(weappDist)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(path.join(weappDist, file), 'utf8'))
      .join('\n');

    expect(scripts).toContain(process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000');
    expect(scripts).not.toContain('geolocation');
  });
});
