import type { Delivery } from '@ankang/shared';
import { campaignId, daxin, shanghaiDay } from './outreachFixtures';

/** A stored delivery as GET /me/deliveries gives it (a task's site, 待审核 unless told). */
export function delivery(overrides: Partial<Delivery> = {}): Delivery {
  const day = shanghaiDay(-1);
  return {
    id: 'dl_0000000000000000000000000000sv01',
    campaignId,
    volunteerSignupId: 'vs_00000000000000000001',
    volunteerName: '赵磊',
    site: {
      type: 'assigned',
      assignmentId: 'as_00000000000000000001',
      worksiteSignupId: 'ws_0000000000000000last',
    },
    orgPath: daxin,
    orgName: '张家港市 › 大新镇',
    siteName: '杨舍镇环卫所东片作业点',
    siteAddress: '大新镇长江路 88 号',
    kind: 'cool',
    kindName: '送清凉',
    items: [
      { code: 'water', name: '矿泉水', unit: '箱', quantity: 6, unitCostFen: 2400, moneyFen: 14_400 },
      { code: 'mungbean', name: '绿豆', unit: '袋', quantity: 4, moneyFen: 0 },
    ],
    peopleReached: 25,
    photoIds: [],
    photos: [],
    position: { lat: 31.9, lng: 120.55, accuracy: 20 },
    deliveredAt: `${day}T11:30:00+08:00`,
    date: day,
    flags: [],
    moneyFen: 14_400,
    review: { status: 'pending' },
    version: 1,
    createdAt: `${day}T03:31:00.000Z`,
    updatedAt: `${day}T03:31:00.000Z`,
    ...overrides,
  };
}
