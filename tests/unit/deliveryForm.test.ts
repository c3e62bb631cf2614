import type { Campaign } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import {
  checkDeliveryForm,
  type DeliveryFormValues,
  deliveredAtOf,
  shanghaiNow,
} from '../../client/src/services/deliveryForm';

const campaign = {
  id: 'cp_demo0zjgthis',
  season: { from: '2026-07-01', to: '2026-08-31' },
  kinds: [
    {
      code: 'cool',
      name: '送清凉',
      items: [
        { code: 'water', name: '矿泉水', unit: '箱' },
        { code: 'mungbean', name: '绿豆', unit: '袋' },
      ],
    },
  ],
} as unknown as Campaign;
// 2026-07-10 12:00 in Shanghai.
const now = new Date('2026-07-10T04:00:00Z');

const values = (overrides: Partial<DeliveryFormValues> = {}): DeliveryFormValues => ({
  kind: 'cool',
  quantities: { water: '10', mungbean: '' },
  peopleReached: '30',
  date: '2026-07-10',
  time: '11:30',
  notes: '',
  siteName: '',
  siteAddress: '',
  siteOrgPath: '',
  ...overrides,
});

describe('Delivery form: what is sent', () => {
  it('sends the typed quantities as numbers, leaves empty boxes out, and dates the record in Shanghai', () => {
    const check = checkDeliveryForm(values(), { campaign, adHoc: false, photoIds: [], now });

    // As JSON, the way it is sent (the keys left undefined drop out).
    expect(JSON.parse(JSON.stringify(check))).toStrictEqual({
      fields: {
        kind: 'cool',
        items: [{ code: 'water', quantity: 10 }],
        peopleReached: 30,
        photoIds: [],
        deliveredAt: '2026-07-10T11:30:00+08:00',
      },
    });
  });

  it('sends a 临时站点 with its name, address and district', () => {
    const check = checkDeliveryForm(
      values({
        siteName: '港城大道环卫休息点',
        siteAddress: '港城大道 200 号',
        siteOrgPath: '320000/320500/320582/daxin',
      }),
      { campaign, adHoc: true, photoIds: [], now },
    );

    expect('site' in check && check.site).toStrictEqual({
      type: 'adHoc',
      name: '港城大道环卫休息点',
      address: '港城大道 200 号',
      orgPath: '320000/320500/320582/daxin',
    });
  });

  it.each([
    [{ date: '2026-07-10', time: '12:03' }, '配送时间不能晚于现在'],
    [{ date: '2026-06-30', time: '09:00' }, '配送日期须在活动期间内（2026-07-01 至 2026-08-31）'],
  ])('refuses the time %o: %s', (when, message) => {
    const check = checkDeliveryForm(values(when), { campaign, adHoc: false, photoIds: [], now });
    expect(check).toStrictEqual({ errors: { deliveredAt: message } });
  });

  it('allows a phone clock two minutes ahead', () => {
    const check = checkDeliveryForm(values({ time: '12:02' }), { campaign, adHoc: false, photoIds: [], now });
    expect('fields' in check).toBe(true);
  });

  it('says every problem at once, in Chinese', () => {
    const check = checkDeliveryForm(
      values({ quantities: { water: '1.5' }, peopleReached: '', notes: 'x'.repeat(201) }),
      { campaign, adHoc: true, photoIds: [], now },
    );
    expect(check).toStrictEqual({
      errors: {
        items: '矿泉水的数量须为 1–100000 的整数',
        peopleReached: '请填写服务人次（整数）',
        notes: expect.stringMatching(/备注/),
        siteName: expect.stringMatching(/[\u4e00-\u9fa5]/),
        siteAddress: expect.stringMatching(/[\u4e00-\u9fa5]/),
        siteOrgPath: '请选择所在地区',
      },
    });
  });

  it('reads a Shanghai date and time back from UTC', () => {
    expect(shanghaiNow(new Date('2026-07-31T16:30:00Z'))).toStrictEqual({
      date: '2026-08-01',
      time: '00:30',
    });
    expect(deliveredAtOf('2026-08-01', '00:30')).toBe('2026-08-01T00:30:00+08:00');
  });
});
