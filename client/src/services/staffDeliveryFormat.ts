import type { Delivery, DeliveryFlag } from '@ankang/shared';
import { formatClock } from './format';
import { monthDay } from './outreachDates';

/** Badge text for a record's marks, short enough for a row of badges (the schema's labels explain). */
export const deliveryFlagBadges: Record<DeliveryFlag, string> = {
  lowAccuracy: '定位精度差',
  farFromSite: '距工地超 1 km',
  noPosition: '无定位',
  overAllowance: '超额度',
};

/** 矿泉水 × 200 箱、藿香正气水 × 50 盒 */
export function itemsText(items: Delivery['items']): string {
  return items.map((item) => `${item.name} × ${item.quantity} ${item.unit}`.trim()).join('、');
}

/** 7月3日 11:42 (China time) */
export function deliveredAtText(delivery: Pick<Delivery, 'date' | 'deliveredAt'>): string {
  return `${monthDay(delivery.date)} ${formatClock(delivery.deliveredAt)}`;
}

/** 7/3: a day on a chart axis, where 7月3日 would crowd. */
export function axisDay(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return `${month}/${day}`;
}

/** Fen as a yuan amount: 1,234 when whole, else 1,234.50 (no Intl: WeChat's engines differ). */
export function yuanAmount(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  return `${sign}${whole}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

/** 1,234.50 元 */
export const yuan = (fen: number) => `${yuanAmount(fen)} 元`;
