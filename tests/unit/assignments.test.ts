import { createHash } from 'node:crypto';
import { assignmentIdSchema, shanghaiDate } from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoAssignmentItems, demoAssignments } from '../../functions/local/demoAssignments';
import { demoCampaigns } from '../../functions/local/demoCampaigns';
import { demoVolunteerSignups, demoWorksiteSignups } from '../../functions/local/demoSignups';
import {
  type AssignmentRecord,
  assignmentRecordSchema,
  assignmentToItem,
  heldSlot,
  volunteerSlotItem,
} from '../../functions/src/db/assignmentItems';
import { parseEnv } from '../../functions/src/lib/envSchema';
import {
  assignedNotice,
  chineseDate,
  fitField,
  reminderNotice,
} from '../../functions/src/services/assignmentNotices';

const record: AssignmentRecord = {
  id: 'as_0123456789abcdef0123456789abcdef',
  campaignId: 'cp_demo0zjgthis',
  campaignTitle: '2026年张家港市夏季安康“三送”活动',
  worksiteSignupId: 'ws_demo0zjgsite0003',
  volunteerSignupId: 'vs_demo0zjgvol00001',
  volunteerName: '赵磊',
  volunteerUserId: 'u_volunteer',
  orgPath: '320000/320500/320582/daxin',
  date: '2026-07-09',
  slot: 'pm',
  status: 'assigned',
  site: {
    siteName: '大新镇环卫所',
    address: '张家港市大新镇大新中路 18 号',
    orgName: '张家港市 › 大新镇',
    contactName: '陆国平',
    contactPhoneMasked: '139****0021',
    outdoorWorkers: 46,
    requested: [{ kind: 'cool', items: ['water'] }],
  },
  history: [],
  version: 3,
  createdAt: '2026-07-01T02:00:00.000Z',
  updatedAt: '2026-07-01T02:00:00.000Z',
};

describe('Assignments: the stored item', () => {
  it('carries the date index (by campaign, then half day) and the volunteer index (by date)', () => {
    expect(assignmentToItem(record)).toMatchObject({
      pk: `ASSIGN#${record.id}`,
      sk: 'ASSIGN',
      gsi1pk: 'AS_DAY#2026-07-09',
      gsi1sk: `cp_demo0zjgthis#pm#${record.id}`,
      gsi2pk: 'AS_VOL#u_volunteer',
      gsi2sk: `2026-07-09#pm#${record.id}`,
      type: 'Assignment',
    });
  });

  it('holds a half day with a lock naming the task, dropped by TTL 30 days after that day', () => {
    const slot = { volunteerSignupId: 'vs_demo0zjgvol00001', date: '2026-07-09', slot: 'pm' };
    expect(volunteerSlotItem(slot, record.id, '2026-07-01T02:00:00.000Z')).toStrictEqual({
      pk: 'VSLOT#vs_demo0zjgvol00001',
      sk: '2026-07-09#pm',
      type: 'VolunteerSlot',
      ...slot,
      assignmentId: record.id,
      expiresAt: Date.UTC(2026, 6, 8, 16) / 1000 + 30 * 86_400,
      version: 1,
      updatedAt: '2026-07-01T02:00:00.000Z',
    });
  });

  it.each([
    ['assigned', true],
    ['accepted', true],
    ['declined', false],
    ['cancelled', false],
  ] as const)('a %s task holds its volunteer’s half day: %s', (status, holds) => {
    expect(heldSlot({ ...record, status })).toStrictEqual(
      holds ? { volunteerSignupId: 'vs_demo0zjgvol00001', date: '2026-07-09', slot: 'pm' } : null,
    );
  });
});

describe('Assignments: subscribe-message fields', () => {
  it.each([
    ['2026-07-09', '2026年7月9日'],
    ['2026-12-31', '2026年12月31日'],
    ['2027-01-01', '2027年1月1日'],
  ])('writes %s as %s', (date, text) => {
    expect(chineseDate(date)).toBe(text);
  });

  it('keeps text of up to 20 characters and cuts longer text to 19 and an ellipsis', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const chars = [...text];
        const fitted = fitField(text);
        expect([...fitted].length).toBeLessThanOrEqual(20);
        if (chars.length <= 20) expect(fitted).toBe(text);
        else expect(fitted).toBe(`${chars.slice(0, 19).join('')}…`);
      }),
    );
  });

  it('names the assignment event by task, volunteer and version, and the reminder by task, date and volunteer', () => {
    expect(assignedNotice(record)).toStrictEqual({
      eventKey: `assign#${record.id}#vs_demo0zjgvol00001#3`,
      topic: 'assignment',
      userId: 'u_volunteer',
      page: `volunteer/pages/task/index?id=${record.id}`,
      data: {
        thing1: '大新镇环卫所',
        date2: '2026年7月9日',
        phrase3: '下午',
        thing4: '张家港市大新镇大新中路 18 号',
        thing5: '新任务，请在小程序内接受或婉拒',
      },
      // 30 days after the task's day began in Shanghai (2026-07-08T16:00Z).
      expiresAt: Date.UTC(2026, 6, 8, 16) / 1000 + 30 * 86_400,
    });
    expect(reminderNotice(record)).toMatchObject({
      eventKey: `remind#${record.id}#2026-07-09#vs_demo0zjgvol00001`,
      topic: 'reminder',
      data: { thing5: '明天的任务，请按时前往' },
    });
    // Another version (a reassignment back) is another event; the reminder does not change with it.
    expect(assignedNotice({ ...record, version: 5 }).eventKey).not.toBe(assignedNotice(record).eventKey);
    expect(reminderNotice({ ...record, version: 5 }).eventKey).toBe(reminderNotice(record).eventKey);
  });
});

const seedDays = ['2026-11-26T09:00:00+08:00', '2027-02-28T23:30:00+08:00', '2026-07-01T00:10:00+08:00'];

describe.each(seedDays)('Demo assignments seeded at %s', (when) => {
  const at = new Date(when);
  const tasks = demoAssignments(at);
  const items = demoAssignmentItems(at);
  const worksites = demoWorksiteSignups(at);
  const volunteers = demoVolunteerSignups(at);
  const campaign = demoCampaigns(at).find((c) => c.id === 'cp_demo0zjgthis')!;

  it('are valid stored tasks whose ids are the ones a create computes for their site and half day', () => {
    for (const task of tasks) {
      expect(assignmentRecordSchema.parse(task)).toStrictEqual(task);
      expect(assignmentIdSchema.parse(task.id)).toBe(task.id);
    }
    expect(demoAssignmentItems(at)).toStrictEqual(items);
    // Independent of the module: SHA-256 of the parts, as the id's documented recipe says.
    const expected = (task: (typeof tasks)[number]) =>
      `as_${createHash('sha256')
        .update(['assignment', task.worksiteSignupId, task.date, task.slot].join('\u001f'))
        .digest('hex')
        .slice(0, 32)}`;
    expect(tasks.map((t) => t.id)).toStrictEqual(tasks.map(expected));
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
  });

  it('give approved sites to approved volunteers on half days they offered, within the season', () => {
    for (const task of tasks) {
      const site = worksites.find((w) => w.id === task.worksiteSignupId)!;
      const volunteer = volunteers.find((v) => v.id === task.volunteerSignupId)!;
      expect(site.status, task.id).toBe('approved');
      expect(volunteer.status, task.id).toBe('approved');
      expect(volunteer.userId).toBe(task.volunteerUserId);
      expect(volunteer.availability).toContainEqual({ date: task.date, slot: task.slot });
      expect(task.orgPath).toBe(site.orgPath);
      expect(task.date >= campaign.season.from && task.date <= campaign.season.to).toBe(true);
      expect(task.date > shanghaiDate(at)).toBe(true);
      // The snapshot holds the masked phone only.
      expect(JSON.stringify(task)).not.toContain(site.contactPhone);
    }
  });

  it('show every state a newcomer should meet, one task per site and half day, nobody sent twice at once', () => {
    expect(new Set(tasks.map((t) => t.status))).toStrictEqual(new Set(['assigned', 'accepted']));
    const handedOn = tasks.filter((t) => t.history.length > 0);
    expect(handedOn.map((t) => t.history.map((h) => h.status))).toStrictEqual([['declined']]);
    expect(handedOn[0]!.history[0]!.volunteerSignupId).not.toBe(handedOn[0]!.volunteerSignupId);
    const siteSlots = tasks.map((t) => `${t.worksiteSignupId} ${t.date} ${t.slot}`);
    expect(new Set(siteSlots).size).toBe(tasks.length);
    const volunteerSlots = tasks.map((t) => `${t.volunteerSignupId} ${t.date} ${t.slot}`);
    expect(new Set(volunteerSlots).size).toBe(tasks.length);
  });

  it('hold the half day of each live task with a lock item naming it', () => {
    const locks = items.filter((item) => item.type === 'VolunteerSlot');
    expect(locks.map((lock) => [lock.pk, lock.sk, lock.assignmentId]).sort()).toStrictEqual(
      tasks
        .filter((t) => t.status === 'assigned' || t.status === 'accepted')
        .map((t) => [`VSLOT#${t.volunteerSignupId}`, `${t.date}#${t.slot}`, t.id])
        .sort(),
    );
  });
});

describe('Env: subscribe-message settings', () => {
  const local = {
    STAGE: 'local',
    TABLE_NAME: 'ankang-local',
    WECHAT_API_BASE: 'http://127.0.0.1:3900',
    JWT_SECRET: 'j'.repeat(32),
    PSEUDONYM_KEY: 'p'.repeat(32),
    FIELD_MASTER_KEY: 'f'.repeat(32),
    LOOKUP_KEY: 'l'.repeat(32),
  };

  it('reads a stage without templates as sending nothing, for formal (released) builds by default', () => {
    const env = parseEnv({ ...local, WECHAT_TEMPLATE_ASSIGNMENT: '', WECHAT_TEMPLATE_REMINDER: '' });
    expect(env.WECHAT_TEMPLATE_ASSIGNMENT).toBeUndefined();
    expect(env.WECHAT_TEMPLATE_REMINDER).toBeUndefined();
    expect(env.WECHAT_MINIPROGRAM_STATE).toBe('formal');
  });

  it('takes template ids and a build to open, and refuses a build WeChat does not know', () => {
    const env = parseEnv({
      ...local,
      WECHAT_TEMPLATE_ASSIGNMENT: 'tmpl-a',
      WECHAT_MINIPROGRAM_STATE: 'trial',
    });
    expect([env.WECHAT_TEMPLATE_ASSIGNMENT, env.WECHAT_MINIPROGRAM_STATE]).toStrictEqual(['tmpl-a', 'trial']);
    expect(() => parseEnv({ ...local, WECHAT_MINIPROGRAM_STATE: 'release' })).toThrow(
      /WECHAT_MINIPROGRAM_STATE/,
    );
  });
});
