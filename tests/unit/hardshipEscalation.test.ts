import { describe, expect, it } from 'vitest';
import { escalationUpdate } from '../../functions/src/db/hardshipAlertEscalation';
import { type AlertRecord, alertIndexAttributes } from '../../functions/src/db/hardshipAlertItems';
import { alertDueNotice } from '../../functions/src/services/hardshipAlertNotices';
import { escalatedAlert, escalationDetail } from '../../functions/src/services/hardshipEscalation';

const TOWN = '320000/320500/320582/daxin';

function alert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: 'ha_0123456789abcdef0123456789abcdef',
    fileId: 'hf_0123456789abcdef0123456789abcdef',
    orgPath: TOWN,
    orgName: '大新镇工会',
    district: '大新镇',
    headName: '示例户·张某某',
    rule: 'visitOverdue',
    severity: 'low',
    evidence: {
      countedFrom: '2026-08-01',
      cadence: 'active',
      cadenceDays: 90,
      dueOn: '2026-10-30',
      daysOverdue: 1,
    },
    basis: 'due:2026-10-30',
    policy: { version: 1, orgPath: null },
    status: 'acknowledged',
    assigneeUserId: 'u_gu',
    assigneeName: '顾晓东',
    raisedAt: '2026-10-31T04:00:00.000Z',
    raisedOn: '2026-10-31',
    dueOn: '2026-11-14',
    evidenceUpdatedAt: '2026-10-31T04:00:00.000Z',
    holderOrgPath: TOWN,
    escalations: [],
    createdAt: '2026-10-31T04:00:00.000Z',
    updatedAt: '2026-11-02T04:00:00.000Z',
    version: 2,
    ...overrides,
  };
}

/** 2026-11-20 12:00 in Shanghai. */
const NOW = new Date('2026-11-20T04:00:00.000Z');

describe('Service: escalation (pure parts)', () => {
  it('moves an overdue alert to the parent with a new due date by severity, recording who missed which date', () => {
    const next = escalatedAlert(alert(), NOW, { holder: '大新镇工会', parent: '张家港市总工会' });
    expect(next).toStrictEqual({
      ...alert(),
      holderOrgPath: '320000/320500/320582',
      // low: 14 days from the day of escalating (2026-11-20).
      dueOn: '2026-12-04',
      escalations: [
        {
          fromOrgPath: TOWN,
          fromOrgName: '大新镇工会',
          toOrgPath: '320000/320500/320582',
          toOrgName: '张家港市总工会',
          at: NOW.toISOString(),
          dueOn: '2026-11-14',
          assigneeName: '顾晓东',
          assigneeUserId: 'u_gu',
        },
      ],
      updatedAt: NOW.toISOString(),
      version: 3,
    });
    expect(escalationDetail(alert(), next, '大新镇工会')).toBe(
      '顾晓东（大新镇工会）未在 2026-11-14 前处理，上报至张家港市总工会，新的处理期限 2026-12-04',
    );
    // high: 3 days.
    expect(escalatedAlert(alert({ severity: 'high' }), NOW, { holder: 'a', parent: 'b' }).dueOn).toBe(
      '2026-11-23',
    );
  });

  it('marks an alert held by a province exhausted and takes it out of the due index only', () => {
    const held = alert({ holderOrgPath: '320000' });
    const next = escalatedAlert(held, NOW, { holder: '江苏省总工会', parent: null });
    expect(next).toStrictEqual({ ...held, exhausted: true, updatedAt: NOW.toISOString(), version: 3 });
    expect(escalationDetail(held, next, '江苏省总工会')).toBe(
      '顾晓东（江苏省总工会）未在 2026-11-14 前处理；已在省级，无法继续上报',
    );
    const update = escalationUpdate(held, next).Update!;
    // Written out by hand: the fields an escalation sets, the indexes an exhausted alert keeps,
    // and the due and escalated indexes it must leave.
    expect(update).toStrictEqual({
      TableName: expect.any(String),
      Key: { pk: `HALERT#${held.id}`, sk: 'ALERT' },
      UpdateExpression:
        'SET #holderOrgPath = :holderOrgPath, #escalations = :escalations, #dueOn = :dueOn, #exhausted = :exhausted, ' +
        '#gsi1pk = :gsi1pk, #gsi1sk = :gsi1sk, #gsi2pk = :gsi2pk, #gsi2sk = :gsi2sk, #updatedAt = :updatedAt, #version = :version ' +
        'REMOVE #gsi3pk, #gsi3sk, #gsi4pk, #gsi4sk',
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: {
        '#holderOrgPath': 'holderOrgPath',
        '#escalations': 'escalations',
        '#dueOn': 'dueOn',
        '#exhausted': 'exhausted',
        '#gsi1pk': 'gsi1pk',
        '#gsi1sk': 'gsi1sk',
        '#gsi2pk': 'gsi2pk',
        '#gsi2sk': 'gsi2sk',
        '#updatedAt': 'updatedAt',
        '#version': 'version',
        '#gsi3pk': 'gsi3pk',
        '#gsi3sk': 'gsi3sk',
        '#gsi4pk': 'gsi4pk',
        '#gsi4sk': 'gsi4sk',
      },
      ExpressionAttributeValues: {
        ':holderOrgPath': '320000',
        ':escalations': [],
        ':dueOn': '2026-11-14',
        ':exhausted': true,
        ':gsi1pk': 'HA_Q#320000#acknowledged',
        ':gsi1sk': `${TOWN}/#2026-11-14#${held.id}`,
        ':gsi2pk': 'HA_MINE#u_gu',
        ':gsi2sk': `2026-11-14#${held.id}`,
        ':updatedAt': NOW.toISOString(),
        ':version': 3,
        ':expected': 2,
      },
    });
    expect(Object.keys(alertIndexAttributes(next)).sort()).toStrictEqual([
      'gsi1pk',
      'gsi1sk',
      'gsi2pk',
      'gsi2sk',
    ]);
  });

  it('writes the escalation conditional on the version read (which pins status and due date)', () => {
    const before = alert();
    const next = escalatedAlert(before, NOW, { holder: 'a', parent: 'b' });
    const update = escalationUpdate(before, next).Update!;
    const county = '320000/320500/320582';
    expect(update.UpdateExpression).toBe(
      'SET #holderOrgPath = :holderOrgPath, #escalations = :escalations, #dueOn = :dueOn, ' +
        '#gsi1pk = :gsi1pk, #gsi1sk = :gsi1sk, #gsi2pk = :gsi2pk, #gsi2sk = :gsi2sk, #gsi3pk = :gsi3pk, #gsi3sk = :gsi3sk, ' +
        '#gsi4pk = :gsi4pk, #gsi4sk = :gsi4sk, #updatedAt = :updatedAt, #version = :version REMOVE #exhausted',
    );
    expect(update.ConditionExpression).toBe('#version = :expected');
    expect(update.ExpressionAttributeValues).toStrictEqual({
      ':holderOrgPath': county,
      ':escalations': next.escalations,
      // low: 14 days from the day of escalating (2026-11-20).
      ':dueOn': '2026-12-04',
      ':gsi1pk': 'HA_Q#320000#acknowledged',
      ':gsi1sk': `${TOWN}/#2026-12-04#${before.id}`,
      ':gsi2pk': 'HA_MINE#u_gu',
      ':gsi2sk': `2026-12-04#${before.id}`,
      // The id's first hex digit after `ha_` is 0: shard 0.
      ':gsi3pk': 'HA_DUE#0',
      ':gsi3sk': `2026-12-04#${before.id}`,
      ':gsi4pk': `HA_ESC#${county}`,
      ':gsi4sk': `${NOW.toISOString()}#${before.id}`,
      ':updatedAt': NOW.toISOString(),
      ':version': 3,
      ':expected': 2,
    });
  });
});

describe('Service: the due-tomorrow notice', () => {
  it('is keyed by alert and due date, so reruns claim the same event', () => {
    const notice = alertDueNotice(alert());
    expect(notice).toStrictEqual({
      eventKey: 'alert-due#ha_0123456789abcdef0123456789abcdef#2026-11-14',
      topic: 'alertDue',
      userId: 'u_gu',
      page: 'staff/pages/alert/index?id=ha_0123456789abcdef0123456789abcdef',
      data: {
        thing1: '未按期走访',
        // Where, never who: the household's name stays out of WeChat.
        thing2: '大新镇',
        date3: '2026年11月14日',
        phrase4: '低',
        thing5: '预警明天到期，请及时处理',
      },
      // 30 days after the due date, midnight Shanghai (2026-12-14T00:00+08:00).
      expiresAt: Date.parse('2026-12-13T16:00:00.000Z') / 1000,
    });
  });
});
