import type { Delivery, DeliveryDashboard } from '@ankang/shared';
import { vi } from 'vitest';
import { wx } from './simulate';
import { openCampaign, thisYear, zjg } from './staffOutreachFixtures';

/**
 * The staff delivery pages' fake records, and a stand-in for WeChat's 2D canvas: a node whose
 * context records every drawing call, so a test can tell a chart was really drawn on it.
 */

const stamp = `${thisYear}-07-02T04:00:00.000Z`;

export function delivery(id: string, siteName: string, overrides: Partial<Delivery> = {}): Delivery {
  return {
    id,
    campaignId: openCampaign().id,
    volunteerSignupId: 'vs_0000000000000zhaolei',
    volunteerName: '赵磊',
    site: {
      type: 'assigned',
      assignmentId: 'as_00000000000000task01',
      worksiteSignupId: 'ws_00000000000000sitea',
    },
    orgPath: `${zjg}/daxin`,
    orgName: '张家港市 › 大新镇',
    siteName,
    siteAddress: '大新镇长江路 88 号',
    kind: 'cool',
    kindName: '送清凉',
    items: [
      { code: 'water', name: '矿泉水', unit: '箱', quantity: 20, unitCostFen: 2450, moneyFen: 49000 },
      { code: 'mungbean', name: '绿豆', unit: '袋', quantity: 5, moneyFen: 0 },
    ],
    peopleReached: 48,
    photoIds: ['ph_0000000000000000photo1', 'ph_0000000000000000photo2'],
    photos: [
      { id: 'ph_0000000000000000photo1', url: 'https://photos.example.test/1.jpg', expiresAt: stamp },
      { id: 'ph_0000000000000000photo2', url: 'https://photos.example.test/2.jpg', expiresAt: stamp },
    ],
    position: { lat: 31.9, lng: 120.5, accuracy: 350 },
    deliveredAt: `${thisYear}-07-02T11:42:00+08:00`,
    date: `${thisYear}-07-02`,
    notes: '工地门口交给安全员',
    flags: ['lowAccuracy', 'farFromSite'],
    moneyFen: 49000,
    review: { status: 'pending' },
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}

const day = (n: number) => `${thisYear}-07-0${n}`;

/** 张家港's figures: three days, two kinds, two towns; the sums worked out by hand. */
export function dashboard(overrides: Partial<DeliveryDashboard> = {}): DeliveryDashboard {
  return {
    campaignId: openCampaign().id,
    orgPath: zjg,
    orgName: '张家港市总工会',
    generatedAt: `${thisYear}-07-04T02:05:00.000Z`,
    totals: { deliveries: 37, handouts: 12, people: 1586, moneyFen: 1234550 },
    byStatus: { pending: 9, approved: 24, needsChanges: 3, rejected: 1 },
    byDay: [
      { date: day(1), deliveries: 10, handouts: 2, people: 400 },
      { date: day(2), deliveries: 15, handouts: 6, people: 686 },
      { date: day(3), deliveries: 12, handouts: 4, people: 500 },
    ],
    byKind: [
      { code: 'cool', name: '送清凉', deliveries: 30, people: 1200, moneyFen: 1000000 },
      { code: 'health', name: '送健康', deliveries: 7, people: 386, moneyFen: 234550 },
    ],
    byItem: [
      { kind: 'cool', code: 'water', name: '矿泉水', unit: '箱', quantity: 408, moneyFen: 999600 },
      { kind: 'cool', code: 'mungbean', name: '绿豆', unit: '袋', quantity: 120, moneyFen: 400 },
      { kind: 'health', code: 'checkup', name: '健康体检', unit: '人次', quantity: 19, moneyFen: 234550 },
    ],
    byOrg: [
      {
        orgPath: `${zjg}/daxin`,
        orgName: '大新镇总工会',
        deliveries: 22,
        handouts: 12,
        people: 1000,
        moneyFen: 800000,
      },
      {
        orgPath: `${zjg}/yangshe`,
        orgName: '杨舍镇总工会',
        deliveries: 15,
        handouts: 0,
        people: 586,
        moneyFen: 434550,
      },
    ],
    coverage: {
      approvedSites: 5,
      coveredSites: 3,
      uncovered: [
        {
          worksiteSignupId: 'ws_0000000000000sited1',
          siteName: '港城大道桥梁工地',
          orgName: '张家港市 › 杨舍镇',
        },
        {
          worksiteSignupId: 'ws_0000000000000sited2',
          siteName: '沙洲路环卫站',
          orgName: '张家港市 › 杨舍镇',
        },
      ],
      uncoveredMore: false,
    },
    topVolunteers: [
      { volunteerSignupId: 'vs_0000000000000zhaolei', name: '赵磊', deliveries: 20, people: 900 },
      { volunteerSignupId: 'vs_00000000000000qianyue', name: '钱悦', deliveries: 17, people: 686 },
    ],
    ...overrides,
  };
}

/** Every drawing call made on the charts' canvases, by method name. */
export const drawn: string[] = [];

function recordingContext(canvas: object): CanvasRenderingContext2D {
  const state: Record<string | symbol, unknown> = {
    canvas,
    fillStyle: '#000000',
    strokeStyle: '#000000',
    globalAlpha: 1,
    lineWidth: 1,
    font: '10px sans-serif',
    textAlign: 'start',
    textBaseline: 'alphabetic',
  };
  const methods: Record<string, (...args: unknown[]) => unknown> = {
    measureText: (text) => ({
      width: String(text).length * 7,
      actualBoundingBoxAscent: 8,
      actualBoundingBoxDescent: 2,
    }),
    getLineDash: () => [],
    createLinearGradient: () => ({ addColorStop() {} }),
    createRadialGradient: () => ({ addColorStop() {} }),
    createPattern: () => ({}),
    getTransform: () => ({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }),
    isPointInPath: () => false,
    // Text measuring reads pixels back from the off-screen canvas: a blank image of the asked size.
    getImageData: (_x, _y, width, height) => ({
      width,
      height,
      data: new Uint8ClampedArray(Number(width) * Number(height) * 4),
    }),
  };
  return new Proxy(state, {
    get(target, key) {
      if (key in target) return target[key];
      if (typeof key === 'string' && methods[key]) return methods[key];
      return (..._args: unknown[]) => {
        drawn.push(String(key));
      };
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

function canvasNode() {
  const node = {
    width: 300,
    height: 150,
    getContext: () => context,
    createImage: () => ({}),
    requestAnimationFrame: (callback: () => void) => setTimeout(callback, 16) as unknown as number,
    cancelAnimationFrame: (id: number) => clearTimeout(id),
  };
  const context = recordingContext(node);
  return node;
}

/** The selectors the page asked WeChat to find (the charts' canvases). */
export const queried: string[] = [];

/**
 * wx.createSelectorQuery as WeChat shapes it (select → fields → the query again, then exec),
 * answering each chart's `#id` with a 2D canvas node of a phone's width.
 */
export const canvasWx = {
  createSelectorQuery: vi.fn(() => {
    const found: Array<{ node: ReturnType<typeof canvasNode>; width: number; height: number }> = [];
    const callbacks: Array<((result: unknown) => void) | undefined> = [];
    const query = {
      in: () => query,
      select: (selector: string) => ({
        fields: (_fields: object, callback?: (result: unknown) => void) => {
          queried.push(selector);
          found.push({ node: canvasNode(), width: 343, height: 220 });
          callbacks.push(callback);
          return query;
        },
      }),
      exec: (done?: (results: unknown[]) => void) => {
        setTimeout(() => {
          for (const [index, result] of found.entries()) callbacks[index]?.(result);
          done?.(found);
        }, 0);
      },
    };
    return query;
  }),
  createOffscreenCanvas: vi.fn(() => canvasNode()),
  previewImage: vi.fn((options: { success?: (r: object) => void }) =>
    setTimeout(() => options.success?.({ errMsg: 'previewImage:ok' }), 0),
  ),
};
Object.assign(wx, canvasWx);
