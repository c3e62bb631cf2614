import {
  openingHoursSchema,
  parseHoursText,
  SERVICE_AREA_MESSAGE,
  type StationDraftInput,
  stationDraftSchema,
  stationStatusSchema,
} from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const draft = (overrides: Partial<StationDraftInput> = {}): StationDraftInput => ({
  name: '杨舍镇环卫工人爱心驿站',
  address: '张家港市人民中路 88 号',
  district: '张家港市 杨舍镇',
  orgPath: '320000/320500/320582',
  location: { lng: 120.5532, lat: 31.8765 },
  hostType: 'union',
  hours: { alwaysOpen: true },
  ...overrides,
});

/** The field paths and messages a draft is refused with, or 'ok'. */
function issues(input: StationDraftInput): 'ok' | { path: string; message: string }[] {
  const result = stationDraftSchema.safeParse(input);
  return result.success
    ? 'ok'
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('Schema: stationDraftSchema', () => {
  it('accepts a plain draft', () => {
    expect(issues(draft())).toBe('ok');
  });

  it.each([
    ['Null Island', { lng: 0, lat: 0 }],
    ['the North Pole', { lng: 0, lat: 90 }],
    ['the South Pole', { lng: 120, lat: -90 }],
    ['New York', { lng: -74.006, lat: 40.7128 }],
    ['Sydney', { lng: 151.21, lat: -33.87 }],
    ['just west of the area', { lng: 72.99, lat: 39 }],
    ['just north of the area', { lng: 120, lat: 54.01 }],
  ])('refuses a location at %s', (_where, location) => {
    expect(issues(draft({ location }))).toStrictEqual([{ path: 'location', message: SERVICE_AREA_MESSAGE }]);
  });

  it.each([
    ['Kashgar', { lng: 75.99, lat: 39.47 }],
    ['Mohe', { lng: 122.53, lat: 52.97 }],
    ['Zengmu Ansha', { lng: 112.28, lat: 3.97 }],
    ['Fuyuan', { lng: 134.3, lat: 48.36 }],
  ])('accepts a location at %s', (_where, location) => {
    expect(issues(draft({ location }))).toBe('ok');
  });

  it('refuses every point outside the service area and accepts every point inside it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        (lng, lat) => {
          const inside = lng >= 73 && lng <= 136 && lat >= 3 && lat <= 54;
          expect(issues(draft({ location: { lng, lat } })) === 'ok').toBe(inside);
        },
      ),
    );
  });

  it.each([
    ['name', '\u200b\u200b\u200b', '请填写名称'],
    ['name', '\u200b名\u200b', '名称至少 2 个字'],
    ['name', '杨舍\u202e站驿', '名称不能包含改变文字方向的隐藏字符'],
    ['name', '杨舍\u0000驿站', '名称不能包含换行、制表符等控制字符'],
    ['name', '杨舍\u001b驿站', '名称不能包含换行、制表符等控制字符'],
    ['name', '杨舍\ud800驿站', '名称含有无法识别的字符，请重新输入'],
    ['address', '\u3164\u3164', '请填写地址'],
    ['address', '人民路\u2067 88 号', '地址不能包含改变文字方向的隐藏字符'],
    ['district', '张家港\n杨舍', '区县不能包含换行、制表符等控制字符'],
    ['externalId', 'A\u0000', '外部编号不能包含换行、制表符等控制字符'],
    ['externalId', '\u200b', '请填写外部编号'],
  ] as const)('refuses %s %j: %s', (field, value, message) => {
    expect(issues(draft({ [field]: value }))).toStrictEqual([{ path: field, message }]);
  });

  it('stores text trimmed and in NFC', () => {
    const parsed = stationDraftSchema.parse(draft({ name: '  Cafe\u0301 驿站 ', externalId: ' A-1 ' }));
    expect(parsed).toMatchObject({ name: 'Café 驿站', externalId: 'A-1' });
  });

  it('refuses an exception date given twice, or one that does not exist', () => {
    const hours = {
      exceptions: [
        { date: '2026-10-01', closed: true },
        { date: '2026-10-02', closed: true },
        { date: '2026-10-01', periods: [{ open: '09:00', close: '12:00' }] },
        { date: '2026-02-29', closed: true },
      ],
    };
    expect(issues(draft({ hours }))).toStrictEqual([
      { path: 'hours.exceptions.3.date', message: '日期不存在或格式不正确，应为 YYYY-MM-DD' },
      { path: 'hours.exceptions.2.date', message: '例外日期 2026-10-01 重复，同一天只能写一次' },
    ]);
  });

  it.each([
    ['02-31', '日期不存在，请检查月份和日期'],
    ['02-30', '日期不存在，请检查月份和日期'],
    ['04-31', '日期不存在，请检查月份和日期'],
    ['13-01', '日期格式应为 MM-DD'],
    ['2-1', '日期格式应为 MM-DD'],
  ])('refuses a season starting %s', (from, message) => {
    expect(issues(draft({ hours: { season: { from, to: '09-30' } } }))).toStrictEqual([
      { path: 'hours.season.from', message },
    ]);
  });

  it.each(['02-29', '01-31', '12-31', '06-30'])('accepts a season ending %s', (to) => {
    expect(issues(draft({ hours: { season: { from: '01-01', to } } }))).toBe('ok');
  });

  it('refuses a temporary closure whose reason is invisible or reordered', () => {
    const reason = (text: string) =>
      stationStatusSchema.safeParse({ state: 'temporarilyClosed', reason: text }).error?.issues[0]?.message;
    expect(reason('\u200b')).toBe('请填写暂停原因');
    expect(reason('检修\u202e')).toBe('暂停原因不能包含改变文字方向的隐藏字符');
    expect(reason(' 设备检修 ')).toBeUndefined();
  });
});

describe('Domain: parseHoursText reaches the same schema', () => {
  it.each([
    [{ weekly: '24小时', season: '02-31至09-30' }, 'season'],
    [{ weekly: '24小时', season: '04-31至09-30' }, 'season'],
    [{ weekly: '24小时', exceptions: '2026-02-30 休息' }, 'exceptions'],
    [{ weekly: '24小时', exceptions: '2026-10-01 休息（\u202e国庆）' }, 'exceptions'],
  ])('refuses %j in its field', (text, field) => {
    const result = parseHoursText(text);
    expect(result).toMatchObject({ ok: false, field });
  });

  it('gives what the schema gives back, and the schema accepts it unchanged', () => {
    const result = parseHoursText({
      weekly: '24小时',
      exceptions: '2026-10-01 休息（国庆节）',
      season: '02-29至09-30',
    });
    if (!result.ok) throw new Error(result.message);
    expect(openingHoursSchema.parse(result.hours)).toStrictEqual(result.hours);
    expect(result.hours.season).toStrictEqual({ from: '02-29', to: '09-30' });
  });
});
