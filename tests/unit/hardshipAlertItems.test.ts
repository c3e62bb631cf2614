import { describe, expect, it } from 'vitest';
import {
  type AlertRecord,
  type AlertSlotRecord,
  alertRecordSchema,
  alertToItem,
  slotRelease,
} from '../../functions/src/db/hardshipAlertItems';

const ID = 'ha_b0000000000000000000000000000001';
const COUNTY = '320000/320500/320582';
const TOWN = `${COUNTY}/daxin`;

/** An open alert of a 大新镇 household, as raised. */
const open: AlertRecord = {
  id: ID,
  fileId: 'hf_00000000000000000000000000000001',
  orgPath: TOWN,
  orgName: '大新镇工会',
  district: '大新镇',
  headName: '示例户·张某某',
  rule: 'belowPovertyLine',
  severity: 'high',
  evidence: {
    visit: { visitId: 'hv_00000000000000000000000000000001', visitedOn: '2026-11-20' },
    perCapitaMonthlyFen: 82_000,
    povertyLine: { monthlyFen: 114_000 },
  },
  basis: 'hv_00000000000000000000000000000001',
  policy: { version: 1, orgPath: null },
  status: 'open',
  assigneeUserId: 'u_gu',
  assigneeName: '顾晓东',
  raisedAt: '2026-11-20T04:00:00.000Z',
  raisedOn: '2026-11-20',
  dueOn: '2026-11-23',
  evidenceUpdatedAt: '2026-11-20T04:00:00.000Z',
  holderOrgPath: TOWN,
  escalations: [],
  createdAt: '2026-11-20T04:00:00.000Z',
  updatedAt: '2026-11-20T04:00:00.000Z',
  version: 1,
};

const indexOf = (record: AlertRecord) =>
  Object.fromEntries(
    Object.entries(alertToItem(record)).filter(([key]) => /^(pk|sk|gsi\d(pk|sk))$/.test(key)),
  );

describe('alertToItem', () => {
  it('puts an open alert in the queue, its assignee’s list and the due index (shard b = 11 → 3)', () => {
    expect(indexOf(open)).toStrictEqual({
      pk: `HALERT#${ID}`,
      sk: 'ALERT',
      gsi1pk: 'HA_Q#320000#open',
      gsi1sk: `${TOWN}/#2026-11-23#${ID}`,
      gsi2pk: 'HA_MINE#u_gu',
      gsi2sk: `2026-11-23#${ID}`,
      gsi3pk: 'HA_DUE#3',
      gsi3sk: `2026-11-23#${ID}`,
    });
  });

  it('keeps a resolved alert only in its status’s queue', () => {
    expect(indexOf({ ...open, status: 'resolved', version: 2 })).toStrictEqual({
      pk: `HALERT#${ID}`,
      sk: 'ALERT',
      gsi1pk: 'HA_Q#320000#resolved',
      gsi1sk: `${TOWN}/#2026-11-23#${ID}`,
    });
  });

  it('lists an escalated alert under the node holding it, and an exhausted one leaves the due index', () => {
    const escalated: AlertRecord = {
      ...open,
      status: 'acknowledged',
      dueOn: '2026-11-27',
      holderOrgPath: COUNTY,
      escalations: [
        {
          fromOrgPath: TOWN,
          fromOrgName: '大新镇工会',
          toOrgPath: COUNTY,
          toOrgName: '张家港市总工会',
          at: '2026-11-24T17:30:00.000Z',
          dueOn: '2026-11-23',
          assigneeName: '顾晓东',
        },
      ],
    };
    expect(indexOf(escalated)).toStrictEqual({
      pk: `HALERT#${ID}`,
      sk: 'ALERT',
      gsi1pk: 'HA_Q#320000#acknowledged',
      gsi1sk: `${TOWN}/#2026-11-27#${ID}`,
      gsi2pk: 'HA_MINE#u_gu',
      gsi2sk: `2026-11-27#${ID}`,
      gsi3pk: 'HA_DUE#3',
      gsi3sk: `2026-11-27#${ID}`,
      gsi4pk: `HA_ESC#${COUNTY}`,
      gsi4sk: `2026-11-24T17:30:00.000Z#${ID}`,
    });
    const item = indexOf({ ...escalated, exhausted: true });
    expect(item).not.toHaveProperty('gsi3pk');
    expect(item).toHaveProperty('gsi4pk', `HA_ESC#${COUNTY}`);
  });
});

describe('alertRecordSchema', () => {
  it('refuses evidence of another rule’s shape', () => {
    expect(alertRecordSchema.safeParse(open).success).toBe(true);
    expect(alertRecordSchema.safeParse({ ...open, rule: 'medicalBurden' }).success).toBe(false);
    expect(
      alertRecordSchema.safeParse({ ...open, evidence: { ...open.evidence, relativeMultiple: 2 } }).success,
    ).toBe(false);
  });
});

describe('slotRelease', () => {
  it('releases the slot and remembers the resolved basis, the last 10 only', () => {
    const slot: AlertSlotRecord = {
      fileId: open.fileId,
      rule: 'belowPovertyLine',
      openAlertId: ID,
      lastBasis: open.basis,
      resolvedBases: Array.from({ length: 10 }, (_, i) => `hv_old${i}`),
      version: 4,
      updatedAt: '2026-11-20T04:00:00.000Z',
    };
    const put = slotRelease(slot, ID, open.basis, '2026-11-21T04:00:00.000Z').Put!;
    expect(put.Item).not.toHaveProperty('openAlertId');
    expect(put.Item?.resolvedBases).toStrictEqual([...slot.resolvedBases.slice(1), open.basis]);
    expect(put.Item?.version).toBe(5);
    expect(put.ConditionExpression).toBe('version = :v AND openAlertId = :id');
    expect(put.ExpressionAttributeValues).toStrictEqual({ ':v': 4, ':id': ID });
  });

  it('moves a basis resolved before to the newest, and remembers nothing when the basis is unknown', () => {
    const slot: AlertSlotRecord = {
      fileId: open.fileId,
      rule: 'belowPovertyLine',
      openAlertId: ID,
      resolvedBases: ['hv_a', 'hv_b', 'hv_c'],
      version: 2,
      updatedAt: '2026-11-20T04:00:00.000Z',
    };
    const at = '2026-11-21T04:00:00.000Z';
    expect(slotRelease(slot, ID, 'hv_a', at).Put!.Item?.resolvedBases).toStrictEqual([
      'hv_b',
      'hv_c',
      'hv_a',
    ]);
    expect(slotRelease(slot, ID, null, at).Put!.Item).toStrictEqual({
      pk: `HFILE#${open.fileId}`,
      sk: 'ALERTRULE#belowPovertyLine',
      type: 'HardshipAlertSlot',
      fileId: open.fileId,
      rule: 'belowPovertyLine',
      resolvedBases: ['hv_a', 'hv_b', 'hv_c'],
      version: 3,
      updatedAt: at,
    });
  });
});
