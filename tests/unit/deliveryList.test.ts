import type { Campaign } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import type { DeliveryView } from '../../client/src/services/deliveries';
import { mergeDeliveryRows } from '../../client/src/services/deliveryList';
import type { OutboxEntry } from '../../client/src/services/outboxTypes';

const CAMPAIGN = 'cp_demo0zjgthis';
const campaign = {
  id: CAMPAIGN,
  kinds: [{ code: 'cool', name: '送清凉', items: [{ code: 'water', name: '矿泉水', unit: '箱' }] }],
} as unknown as Campaign;

const stored = (id: string, status: DeliveryView['review']['status']): DeliveryView =>
  ({
    id,
    siteName: '杨舍镇环卫所',
    deliveredAt: '2026-07-09T10:00:00+08:00',
    kind: 'cool',
    kindName: '送清凉',
    items: [{ code: 'water', name: '矿泉水', unit: '箱', quantity: 2, moneyFen: 0 }],
    peopleReached: 5,
    review: { status },
  }) as DeliveryView;

const entry = (over: Partial<OutboxEntry> & Pick<OutboxEntry, 'id' | 'kind' | 'payload'>): OutboxEntry => ({
  label: '港城大道快递点',
  state: 'pending',
  attempts: 0,
  nextAttemptAt: 0,
  createdAt: 1,
  ...over,
});

const draft = (id: string, campaignId = CAMPAIGN) => ({
  id,
  campaignId,
  kind: 'cool',
  items: [{ code: 'water', quantity: 7 }],
  peopleReached: 11,
  deliveredAt: '2026-07-10T09:00:00+08:00',
});

describe('我的配送记录: the phone’s outbox merged with the server’s records', () => {
  it('puts unsent records first (newest first) with their state, then the server’s, each once', () => {
    const rows = mergeDeliveryRows(
      [stored('dl_sent', 'approved'), stored('dl_old', 'needsChanges')],
      [
        entry({ id: 'dl_a', kind: 'delivery', payload: draft('dl_a'), createdAt: 10 }),
        entry({
          id: 'dl_b',
          kind: 'delivery',
          payload: draft('dl_b'),
          createdAt: 20,
          state: 'failed',
          error: { code: 'OUTSIDE_SEASON', message: '不在活动期间' },
        }),
        // Sent and already in the server's list: shown once, from the server.
        entry({ id: 'dl_sent', kind: 'delivery', payload: draft('dl_sent'), state: 'sent', createdAt: 5 }),
        // Another campaign's record is not this list's.
        entry({
          id: 'dl_other',
          kind: 'delivery',
          payload: draft('dl_other', 'cp_other0000000'),
          createdAt: 30,
        }),
      ],
      CAMPAIGN,
      campaign,
    );

    expect(rows.map((r) => [r.id, r.upload.state, r.record?.review.status ?? null])).toStrictEqual([
      ['dl_b', 'failed', null],
      ['dl_a', 'pending', null],
      ['dl_sent', 'sent', 'approved'],
      ['dl_old', 'sent', 'needsChanges'],
    ]);
    expect(rows[0]).toMatchObject({
      siteName: '港城大道快递点',
      itemsText: '矿泉水 7 箱',
      kindName: '送清凉',
      upload: { error: { code: 'OUTSIDE_SEASON', message: '不在活动期间' }, entryId: 'dl_b' },
    });
  });

  it('shows a waiting edit on its record, and counts the record’s photos waiting or refused', () => {
    const rows = mergeDeliveryRows(
      [stored('dl_x', 'needsChanges')],
      [
        entry({
          id: 'dl_x@2',
          kind: 'deliveryEdit',
          payload: { id: 'dl_x', body: { version: 2 } },
          state: 'sending',
        }),
        entry({ id: 'ph_1', kind: 'photo', payload: { id: 'ph_1', deliveryId: 'dl_x', ref: 'a' } }),
        entry({
          id: 'ph_2',
          kind: 'photo',
          payload: { id: 'ph_2', deliveryId: 'dl_x', ref: 'b' },
          state: 'failed',
          error: { code: 'PHOTO_INVALID', message: '照片格式无法识别' },
        }),
        entry({
          id: 'ph_3',
          kind: 'photo',
          payload: { id: 'ph_3', deliveryId: 'dl_x', ref: 'c' },
          state: 'sent',
        }),
      ],
      CAMPAIGN,
      campaign,
    );

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      upload: { state: 'sending', isEdit: true, entryId: 'dl_x@2' },
      photosWaiting: 1,
      photosFailed: [{ entryId: 'ph_2', message: '照片格式无法识别' }],
    });
  });

  it('names items by code when the campaign could not be read (offline)', () => {
    const rows = mergeDeliveryRows(
      [],
      [entry({ id: 'dl_a', kind: 'delivery', payload: draft('dl_a') })],
      CAMPAIGN,
      null,
    );
    expect(rows[0]).toMatchObject({ kindName: 'cool', itemsText: 'water 7' });
  });
});
