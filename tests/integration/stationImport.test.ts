import { randomUUID } from 'node:crypto';
import type { ImportResult } from '@ankang/shared';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import type { ExternalIdRef } from '../../functions/src/db/externalIds';
import { listStationsUnderOrg } from '../../functions/src/db/stations';
import { updateStationStatus } from '../../functions/src/db/stationWrites';
import { handler } from '../../functions/src/handlers/importStations';
import { importTemplateCsv } from '../../functions/src/services/importColumns';
import { importStations } from '../../functions/src/services/stationImport';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
import { stationsByExternalId } from './stationFixtures';

/** Lets a test act between the import's read of the stations and its writes (a concurrent edit). */
const hooks = vi.hoisted(() => ({ afterRead: undefined as undefined | ((ids: string[]) => Promise<void>) }));
vi.mock('../../functions/src/db/externalIds', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/src/db/externalIds')>();
  return {
    ...original,
    getStationsByExternalIds: async (refs: ExternalIdRef[]) => {
      const found = await original.getStationsByExternalIds(refs);
      await hooks.afterRead?.(refs.map((ref) => ref.externalId));
      return found;
    },
  };
});

const COUNTY = '320000/320500/320582';
/** For tests that nest a town under a fresh org: a station's org has at most four levels. */
const CITY = '320000/320500';
const OTHER_COUNTY = '320000/320500/320571';
const HEADER = [
  '外部编号',
  '名称',
  '地址',
  '区县',
  '组织路径',
  '经度',
  '纬度',
  '坐标系',
  '类型',
  '设施',
  '开放时间',
  '例外日期',
  '开放季节',
  '电话',
  '最美年份',
] as const;
type Column = (typeof HEADER)[number];

const newId = () => `it-${randomUUID().slice(0, 8)}`;

function stationRow(externalId: string, overrides: Partial<Record<Column, string>> = {}): string[] {
  const values: Record<Column, string> = {
    外部编号: externalId,
    名称: '杨舍镇环卫工人爱心驿站',
    地址: '张家港市人民中路 88 号',
    区县: '张家港市 杨舍镇',
    组织路径: '',
    经度: '120.5532',
    纬度: '31.8765',
    坐标系: '',
    类型: '银行网点',
    设施: '饮水、卫生间、空调',
    开放时间: '周一至周五 08:00-18:00；周六、周日 09:00-17:00',
    例外日期: '2026-10-01至2026-10-03 休息（国庆节）',
    开放季节: '06-01至09-30',
    电话: '0512-58123456',
    最美年份: '2023、2024',
    ...overrides,
  };
  return HEADER.map((column) => values[column]);
}

const csvCell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const csvText = (rows: readonly (readonly string[])[]) =>
  rows.map((r) => r.map(csvCell).join(',')).join('\r\n');
/** As Excel's "CSV UTF-8" saves it: with a BOM. */
const csvBase64 = (rows: readonly (readonly string[])[]) =>
  Buffer.from(`\ufeff${csvText(rows)}\r\n`, 'utf8').toString('base64');

let gbkTable: Map<string, number[]> | undefined;
/** GBK bytes of a text, from the inverse of Node's GB18030 decoder (Node has no GBK encoder). */
function toGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead += 1) {
      for (let trail = 0x40; trail <= 0xfe; trail += 1) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
      }
    }
  }
  const table = gbkTable;
  return Buffer.from(
    [...text].flatMap((char) => {
      if (char.charCodeAt(0) < 0x80) return [char.charCodeAt(0)];
      const bytes = table.get(char);
      if (!bytes) throw new Error(`no GBK code for ${char}`);
      return bytes;
    }),
  );
}

/**
 * An XLSX file whose first sheet is `rows` (SpreadsheetML `<row>` elements), built around a file
 * write-excel-file made, so everything else in it is what Excel reads.
 */
async function xlsxWithRows(rows: string, padding = ''): Promise<Buffer> {
  const files = unzipSync(await writeXlsxFile([[...HEADER]]).toBuffer());
  const sheet = Object.keys(files).find((name) => /^xl\/worksheets\/sheet1\.xml$/.test(name))!;
  files[sheet] = strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData>${rows}</sheetData>${padding}</worksheet>`,
  );
  // Level 1: the fastest to build here; what the import must survive is the inflated size.
  return Buffer.from(zipSync(files, { level: 1 }));
}

/** `<row>` elements: the header on row `headerRow` (none when 0), then `count` rows numbered from `from`. */
function sheetRows(count: number, from = 2, headerRow = 1): string {
  const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const header = HEADER.map((h, i) => inline(`${String.fromCharCode(65 + i)}${headerRow}`, h)).join('');
  const parts = headerRow ? [`<row r="${headerRow}">${header}</row>`] : [];
  for (let r = from; r < from + count; r += 1) {
    parts.push(
      `<row r="${r}">${inline(`A${r}`, `B${r}`)}${inline(`B${r}`, '驿站')}<c r="F${r}"><v>120.5</v></c></row>`,
    );
  }
  return parts.join('');
}

async function staffOf(orgPath: string) {
  return (await freshUser({ roles: ['staff'], orgPath })).token;
}

const importAs = (token: string, body: Record<string, unknown>) =>
  invoke(handler, httpEvent({ method: 'POST', path: '/staff/stations/import', token, body }));

async function importCsv(token: string, orgPath: string, rows: string[][], dryRun: boolean) {
  return importAs(token, {
    orgPath,
    format: 'csv',
    fileName: '驿站.csv',
    content: csvBase64([HEADER, ...rows]),
    dryRun,
  });
}

const stationsUnder = async (orgPath: string) =>
  (await listStationsUnderOrg(orgPath, {}, { limit: 100 })).stations.sort((a, b) =>
    (a.externalId ?? '').localeCompare(b.externalId ?? ''),
  );

const result = (fields: Partial<ImportResult>): ImportResult => ({
  dryRun: false,
  rows: 0,
  valid: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  issues: [],
  ...fields,
});

describe('Handler: importStations', () => {
  it('stores the good rows of a CSV and reports every bad one by row, column and Chinese reason', async () => {
    const org = await freshOrg(COUNTY);
    const token = await staffOf(COUNTY);
    const [good, wgs, noName, badType, badMisc] = [newId(), newId(), newId(), newId(), newId()];

    const answer = await importCsv(
      token,
      org,
      [
        stationRow(good),
        stationRow(noName, { 名称: '', 经度: 'abc' }),
        stationRow(badType, { 类型: '网吧', 开放时间: '周一 9点到18点', 开放季节: '夏天' }),
        stationRow(wgs, { 坐标系: 'WGS-84', 例外日期: '', 开放季节: '', 电话: '', 最美年份: '' }),
        stationRow(badMisc, {
          电话: '0512-58',
          最美年份: '2010',
          设施: '饮水、按摩椅',
          纬度: '131.2',
          经度: '31.8',
        }),
      ],
      false,
    );

    expect(answer).toStrictEqual({
      status: 200,
      body: result({
        rows: 5,
        valid: 2,
        created: 2,
        issues: [
          { row: 3, column: '名称', message: '请填写名称' },
          { row: 3, column: '经度', message: '经度应为小数形式的度数，例如 120.5532' },
          {
            row: 4,
            column: '类型',
            message:
              '无法识别的类型“网吧”，可填：工会自建、银行网点、加油站、商超、社区、企业、机关事业单位、其他',
          },
          {
            row: 4,
            column: '开放时间',
            message:
              '无法识别时段“9点到18点”，时段应写作“08:00-18:00”，例如“周一至周五 08:00-18:00；周六、周日 09:00-17:00”或“24小时”',
          },
          { row: 4, column: '开放季节', message: '无法识别开放季节“夏天”，例如“06-01至09-30”' },
          { row: 6, column: '经度', message: '经度和纬度似乎填反了：经度约为 73–136，纬度约为 3–54' },
          {
            row: 6,
            column: '设施',
            message:
              '无法识别的设施“按摩椅”，可填：饮水、冷藏、加热/微波炉、充电、卫生间、休息座椅、空调、应急药箱、Wi-Fi、图书、雨具、维修工具',
          },
          { row: 6, column: '电话', message: '电话“0512-58”格式不正确，例如 13812345678 或 0512-58123456' },
          {
            row: 6,
            column: '最美年份',
            message: '最美年份“2010”不正确，应为 2015 年以后的年份，例如“2023、2024”',
          },
        ],
      }),
    });

    const stored = await stationsByExternalId(org, [good, wgs, noName, badType, badMisc]);
    expect([...stored.keys()].sort()).toStrictEqual([good, wgs].sort());
    expect(await stationsUnder(org)).toHaveLength(2);
    expect(stored.get(good)).toMatchObject({
      name: '杨舍镇环卫工人爱心驿站',
      orgPath: org,
      location: { lng: 120.5532, lat: 31.8765 },
      hostType: 'bank',
      amenities: ['water', 'toilet', 'aircon'],
      phone: '0512-58123456',
      bestYears: [2023, 2024],
      status: { state: 'open' },
      version: 1,
      hours: {
        alwaysOpen: false,
        season: { from: '06-01', to: '09-30' },
        exceptions: [
          { date: '2026-10-01', closed: true, periods: [], note: '国庆节' },
          { date: '2026-10-02', closed: true, periods: [], note: '国庆节' },
          { date: '2026-10-03', closed: true, periods: [], note: '国庆节' },
        ],
      },
    });
    expect(stored.get(good)?.hours.weekly).toHaveLength(7);
    // WGS-84 is shifted to GCJ-02: a few hundred metres east and north around Suzhou.
    const shifted = stored.get(wgs)!;
    expect(shifted.location.lng - 120.5532).toBeGreaterThan(0.003);
    expect(shifted.location.lat - 31.8765).toBeLessThan(0);
    expect(shifted).toMatchObject({ bestYears: [], hours: { exceptions: [] } });
    expect(shifted.phone).toBeUndefined();
    expect(shifted.hours.season).toBeUndefined();
  });

  it('stores nothing in a dry run but reports what would be created', async () => {
    const org = await freshOrg(COUNTY);
    const token = await staffOf(COUNTY);
    const ids = [newId(), newId()];

    const answer = await importCsv(
      token,
      org,
      [stationRow(ids[0]!), stationRow(ids[1]!), stationRow('')],
      true,
    );

    expect(answer).toStrictEqual({
      status: 200,
      body: result({
        dryRun: true,
        rows: 3,
        valid: 2,
        created: 2,
        issues: [{ row: 4, column: '外部编号', message: '请填写外部编号（来源系统中的唯一编号）' }],
      }),
    });
    expect(await stationsUnder(org)).toStrictEqual([]);
    expect((await stationsByExternalId(org, ids)).size).toBe(0);
  });

  it('updates or leaves unchanged on re-import instead of duplicating', async () => {
    const org = await freshOrg(COUNTY);
    const token = await staffOf(COUNTY);
    const [a, b] = [newId(), newId()];
    const rows = [stationRow(a), stationRow(b, { 名称: '大新镇快递小哥驿站' })];

    const first = await importCsv(token, org, rows, false);
    const again = await importCsv(token, org, rows, false);
    const before = await stationsUnder(org);
    const edited = await importCsv(
      token,
      org,
      [rows[0]!, stationRow(b, { 名称: '大新镇快递员驿站', 电话: '13812345678' })],
      false,
    );
    const after = await stationsUnder(org);

    expect(first.body).toStrictEqual(result({ rows: 2, valid: 2, created: 2 }));
    expect(again.body).toStrictEqual(result({ rows: 2, valid: 2, unchanged: 2 }));
    expect(edited.body).toStrictEqual(result({ rows: 2, valid: 2, updated: 1, unchanged: 1 }));
    expect(before).toHaveLength(2);
    expect(after.map((s) => s.id)).toStrictEqual(before.map((s) => s.id));
    const changed = after.find((s) => s.externalId === b)!;
    expect(changed).toMatchObject({ name: '大新镇快递员驿站', phone: '13812345678', version: 2 });
    expect(after.find((s) => s.externalId === a)).toMatchObject({ version: 1 });
  });

  it('keeps stored values of optional columns left out of the file, and moves a station within the org', async () => {
    const org = await freshOrg(CITY);
    const town = await freshOrg(org);
    const token = await staffOf(CITY);
    const id = newId();
    await importCsv(token, org, [stationRow(id)], false);
    const slim = ['外部编号', '名称', '地址', '区县', '组织路径', '经度', '纬度', '类型', '开放时间'];
    const content = csvBase64([
      slim,
      [
        id,
        '杨舍镇环卫工人爱心驿站',
        '张家港市人民中路 88 号',
        '张家港市 杨舍镇',
        town,
        '120.5532',
        '31.8765',
        '银行网点',
        '24小时',
      ],
    ]);

    const answer = await importAs(token, { orgPath: org, format: 'csv', content, dryRun: false });

    expect(answer.body).toStrictEqual(result({ rows: 1, valid: 1, updated: 1 }));
    const [station] = await stationsUnder(town);
    expect(station).toMatchObject({
      externalId: id,
      orgPath: town,
      phone: '0512-58123456',
      amenities: ['water', 'toilet', 'aircon'],
      bestYears: [2023, 2024],
      hours: { alwaysOpen: true, weekly: [], season: { from: '06-01', to: '09-30' } },
    });
    expect(station?.hours.exceptions).toHaveLength(3);
  });

  it('reads an XLSX file (numbers in cells, a title row) exactly as the same CSV', async () => {
    const org = await freshOrg(COUNTY);
    const token = await staffOf(COUNTY);
    const [a, b] = [newId(), newId()];
    const csvRows = [
      stationRow(a, { 电话: '051258123456', 最美年份: '2024' }),
      stationRow(b, { 组织路径: org, 电话: '13812345678' }),
    ];
    await importCsv(token, org, csvRows, false);
    // Excel keeps coordinates, phone numbers and years typed into cells as numbers.
    const asNumbers = (row: string[]) => [
      ...row.slice(0, 5),
      Number(row[5]),
      Number(row[6]),
      null,
      ...row.slice(8, 13),
      Number(row[13]!.replace('-', '')),
      row[14] === '2024' ? 2024 : row[14],
    ];
    const xlsx = await writeXlsxFile([
      ['张家港市户外劳动者服务站名单'],
      [...HEADER],
      asNumbers(csvRows[0]!),
      [...csvRows[1]!.slice(0, 13), 13812345678, csvRows[1]![14]!],
      [null, '缺外部编号的驿站'],
    ]).toBuffer();

    const answer = await importAs(token, {
      orgPath: org,
      format: 'xlsx',
      fileName: '驿站.xlsx',
      content: xlsx.toString('base64'),
      dryRun: false,
    });

    expect(answer.body).toStrictEqual(
      result({
        rows: 3,
        valid: 2,
        unchanged: 2,
        issues: [
          { row: 5, column: '外部编号', message: '请填写外部编号（来源系统中的唯一编号）' },
          { row: 5, column: '地址', message: '请填写地址' },
          { row: 5, column: '区县', message: '请填写区县' },
          { row: 5, column: '经度', message: '请填写经度' },
          { row: 5, column: '纬度', message: '请填写纬度' },
          {
            row: 5,
            column: '类型',
            message: '请填写类型，可填：工会自建、银行网点、加油站、商超、社区、企业、机关事业单位、其他',
          },
          {
            row: 5,
            column: '开放时间',
            message: '请填写开放时间，例如“周一至周五 08:00-18:00；周六、周日 09:00-17:00”或“24小时”',
          },
        ],
      }),
    );
    const stored = await stationsByExternalId(org, [a, b]);
    expect(stored.get(a)).toMatchObject({ phone: '051258123456', bestYears: [2024], version: 1 });
  });

  it('reads a GBK-encoded CSV as Excel on Chinese Windows saves it', async () => {
    const org = await freshOrg(COUNTY);
    const token = await staffOf(COUNTY);
    const id = newId();
    const content = toGbk(`${csvText([HEADER, stationRow(id, { 名称: '锦丰镇“清凉”驿站' })])}\r\n`).toString(
      'base64',
    );

    const answer = await importAs(token, { orgPath: org, format: 'csv', content, dryRun: false });

    expect(answer.body).toStrictEqual(result({ rows: 1, valid: 1, created: 1 }));
    const stored = (await stationsByExternalId(org, [id])).get(id);
    expect(stored).toMatchObject({ name: '锦丰镇“清凉”驿站', district: '张家港市 杨舍镇', hostType: 'bank' });
  });

  it('refuses rows outside the import org, in a missing org, or repeating an external id', async () => {
    const org = await freshOrg(CITY);
    const sibling = await freshOrg(CITY);
    const token = await staffOf(CITY);
    const [a, b, c, d] = [newId(), newId(), newId(), newId()];

    const answer = await importCsv(
      token,
      org,
      [
        stationRow(a),
        stationRow(b, { 组织路径: sibling }),
        stationRow(c, { 组织路径: `${org}/nowhere` }),
        stationRow(a, { 名称: '重复的驿站' }),
        stationRow(d, { 组织路径: 'Suzhou' }),
      ],
      false,
    );

    expect(answer.body).toStrictEqual(
      result({
        rows: 5,
        valid: 1,
        created: 1,
        issues: [
          { row: 3, column: '组织路径', message: `组织路径“${sibling}”不在本次导入的组织（${org}）之下` },
          { row: 4, column: '组织路径', message: `组织“${org}/nowhere”不存在，请先在组织管理中添加` },
          { row: 5, column: '外部编号', message: `外部编号“${a}”与第 2 行重复，本行未导入` },
          { row: 6, column: '组织路径', message: '组织路径格式不正确，例如 320000/320500/320582' },
        ],
      }),
    );
    expect((await stationsUnder(org)).map((s) => s.name)).toStrictEqual(['杨舍镇环卫工人爱心驿站']);
    expect(await stationsUnder(sibling)).toStrictEqual([]);
  });

  it('lets two orgs use the same external id: each import creates, then updates, its own station', async () => {
    const townA = await freshOrg(COUNTY);
    const townB = await freshOrg(COUNTY);
    const theirs = await freshOrg(OTHER_COUNTY);
    const token = await staffOf(COUNTY);
    const id = newId();

    const inA = await importCsv(token, townA, [stationRow(id, { 名称: '甲镇驿站' })], false);
    const inB = await importCsv(token, townB, [stationRow(id, { 名称: '乙镇驿站' })], false);
    const inTheirs = await importCsv(await staffOf(OTHER_COUNTY), theirs, [stationRow(id)], false);
    const fromCounty = await importCsv(
      token,
      COUNTY,
      [
        stationRow(id, { 组织路径: townA, 名称: '甲镇驿站（新址）' }),
        stationRow(id, { 组织路径: townB, 名称: '乙镇驿站' }),
      ],
      false,
    );

    expect(inA.body).toStrictEqual(result({ rows: 1, valid: 1, created: 1 }));
    expect(inB.body).toStrictEqual(result({ rows: 1, valid: 1, created: 1 }));
    expect(inTheirs.body).toStrictEqual(result({ rows: 1, valid: 1, created: 1 }));
    expect(fromCounty.body).toStrictEqual(result({ rows: 2, valid: 2, updated: 1, unchanged: 1 }));
    const [a] = await stationsUnder(townA);
    const [b] = await stationsUnder(townB);
    expect(a).toMatchObject({ externalId: id, name: '甲镇驿站（新址）', version: 2 });
    expect(b).toMatchObject({ externalId: id, name: '乙镇驿站', version: 1 });
    expect((await stationsByExternalId(theirs, [id])).get(id)).toMatchObject({ orgPath: theirs, version: 1 });
  });

  it('moves a station of the import org down to its row’s org once; another row reaching it is a repeat', async () => {
    const org = await freshOrg(CITY);
    const town = await freshOrg(org);
    const token = await staffOf(CITY);
    const id = newId();
    await importCsv(token, org, [stationRow(id)], false);

    const answer = await importCsv(token, org, [stationRow(id, { 组织路径: town }), stationRow(id)], false);
    const again = await importCsv(token, org, [stationRow(id, { 组织路径: town })], false);

    expect(answer.body).toStrictEqual(
      result({
        rows: 2,
        valid: 1,
        updated: 1,
        issues: [{ row: 3, column: '外部编号', message: `外部编号“${id}”与第 2 行重复，本行未导入` }],
      }),
    );
    expect(again.body).toStrictEqual(result({ rows: 1, valid: 1, unchanged: 1 }));
    expect(await stationsUnder(org)).toHaveLength(1);
    expect((await stationsByExternalId(town, [id])).get(id)).toMatchObject({ orgPath: town, version: 2 });
    expect((await stationsByExternalId(org, [id])).size).toBe(0);
  });

  it('imports the same file twice: the second time all unchanged, rows without a phone included', async () => {
    const org = await freshOrg(COUNTY);
    const token = await staffOf(COUNTY);
    const ids = [newId(), newId(), newId()];
    const bare = { 电话: '', 设施: '', 例外日期: '', 开放季节: '', 最美年份: '' };
    const rows = [stationRow(ids[0]!), stationRow(ids[1]!, { 电话: '' }), stationRow(ids[2]!, bare)];

    const first = await importCsv(token, org, rows, false);
    const again = await importCsv(token, org, rows, false);
    const renamed = await importCsv(
      token,
      org,
      [
        stationRow(ids[1]!, { 电话: '', 名称: '改名的驿站' }),
        stationRow(ids[2]!, { ...bare, 名称: '另一个新名称' }),
      ],
      false,
    );

    expect(first.body).toStrictEqual(result({ rows: 3, valid: 3, created: 3 }));
    expect(again.body).toStrictEqual(result({ rows: 3, valid: 3, unchanged: 3 }));
    expect(renamed.body).toStrictEqual(result({ rows: 2, valid: 2, updated: 2 }));
    const stored = await stationsByExternalId(org, ids);
    expect(stored.get(ids[1]!)).toMatchObject({ name: '改名的驿站', version: 2 });
    expect(stored.get(ids[2]!)).toMatchObject({
      name: '另一个新名称',
      amenities: [],
      bestYears: [],
      version: 2,
    });
    expect(stored.get(ids[2]!)?.phone).toBeUndefined();
  });

  it('clears each optional field whose cell is empty, keeping the rest', async () => {
    const org = await freshOrg(COUNTY);
    const token = await staffOf(COUNTY);
    const id = newId();
    await importCsv(token, org, [stationRow(id)], false);
    const cleared = (overrides: Partial<Record<Column, string>>) =>
      importCsv(token, org, [stationRow(id, overrides)], false);

    const answers = [
      await cleared({ 电话: '' }),
      await cleared({ 电话: '', 设施: '' }),
      await cleared({ 电话: '', 设施: '', 例外日期: '' }),
      await cleared({ 电话: '', 设施: '', 例外日期: '', 开放季节: '' }),
      await cleared({ 电话: '', 设施: '', 例外日期: '', 开放季节: '', 最美年份: '' }),
    ];

    for (const answer of answers)
      expect(answer.body).toStrictEqual(result({ rows: 1, valid: 1, updated: 1 }));
    const station = (await stationsByExternalId(org, [id])).get(id)!;
    expect(station).toMatchObject({
      name: '杨舍镇环卫工人爱心驿站',
      amenities: [],
      bestYears: [],
      hours: { alwaysOpen: false, exceptions: [] },
      version: 6,
    });
    expect(station.phone).toBeUndefined();
    expect(station.hours.season).toBeUndefined();
    expect(station.hours.weekly).toHaveLength(7);
  });

  it('refuses text the form refuses: invisible, reordered or control characters, a season day that does not exist', async () => {
    const org = await freshOrg(COUNTY);
    const token = await staffOf(COUNTY);
    const ids = [newId(), newId(), newId(), newId()];

    const answer = await importCsv(
      token,
      org,
      [
        stationRow(ids[0]!, { 名称: '\u200b\u200b\u200b' }),
        stationRow(ids[1]!, { 地址: '人民路\u202e号 88' }),
        stationRow(ids[2]!, { 区县: '张家港\u001b市' }),
        stationRow(ids[3]!, { 开放季节: '02-31至09-30' }),
      ],
      false,
    );

    expect(answer.body).toStrictEqual(
      result({
        rows: 4,
        issues: [
          { row: 2, column: '名称', message: '请填写名称' },
          { row: 3, column: '地址', message: '地址不能包含改变文字方向的隐藏字符' },
          { row: 4, column: '区县', message: '区县不能包含换行、制表符等控制字符' },
          { row: 5, column: '开放季节', message: '开放季节“02-31至09-30”中的日期不存在，例如“06-01至09-30”' },
        ],
      }),
    );
    expect(await stationsUnder(org)).toStrictEqual([]);
  });

  it('turns a station edited between reading and writing into an issue, never overwriting it', async () => {
    const org = await freshOrg(COUNTY);
    const token = await staffOf(COUNTY);
    const [edited, calm] = [newId(), newId()];
    await importCsv(token, org, [stationRow(edited), stationRow(calm)], false);
    const rows = [stationRow(edited, { 名称: '导入的新名称' }), stationRow(calm, { 名称: '另一个新名称' })];
    hooks.afterRead = async () => {
      hooks.afterRead = undefined;
      const station = (await stationsByExternalId(org, [edited])).get(edited)!;
      await updateStationStatus(
        station.id,
        { state: 'temporarilyClosed', reason: '设备检修' },
        station.version,
        new Date(),
      );
    };

    const answer = await importCsv(token, org, rows, false);

    expect(answer.body).toStrictEqual(
      result({
        rows: 2,
        valid: 1,
        updated: 1,
        issues: [{ row: 2, column: '外部编号', message: '该驿站刚被他人修改，请重新导入' }],
      }),
    );
    const stations = await stationsByExternalId(org, [edited, calm]);
    expect(stations.get(edited)).toMatchObject({
      name: '杨舍镇环卫工人爱心驿站',
      status: { state: 'temporarilyClosed', reason: '设备检修' },
      version: 2,
    });
    expect(stations.get(calm)).toMatchObject({ name: '另一个新名称', version: 2 });
  });

  it('reports the rows it had no time left to write; importing again finishes them', async () => {
    const org = await freshOrg(COUNTY);
    const caller = { userId: 'u_import', nickname: '测试', roles: ['staff' as const], orgPath: COUNTY };
    const ids = [newId(), newId()];
    const content = csvBase64([HEADER, ...ids.map((id) => stationRow(id))]);
    const body = { orgPath: org, format: 'csv' as const, content, dryRun: false };

    const late = await importStations(caller, body, { writeBudgetMs: 0 });
    const again = await importStations(caller, body);

    const message = '本次导入用时已到，此行未保存，请再次导入（已保存的行不会重复）';
    expect(late).toStrictEqual(
      result({
        rows: 2,
        issues: [
          { row: 2, column: '外部编号', message },
          { row: 3, column: '外部编号', message },
        ],
      }),
    );
    expect(again).toStrictEqual(result({ rows: 2, valid: 2, created: 2 }));
    expect(await stationsUnder(org)).toHaveLength(2);
  });

  it('reads its own template: every column known, the example row valid', async () => {
    const token = await staffOf(COUNTY);
    const content = Buffer.from(importTemplateCsv(), 'utf8').toString('base64');

    const answer = await importAs(token, { orgPath: COUNTY, format: 'csv', content, dryRun: true });

    expect(answer).toStrictEqual({
      status: 200,
      body: result({ dryRun: true, rows: 1, valid: 1, created: 1 }),
    });
  });

  it('reports missing required columns and unknown ones on the header row, importing nothing', async () => {
    const org = await freshOrg(COUNTY);
    const token = await staffOf(COUNTY);
    const content = csvBase64([
      ['外部编号', '名称', '地 址', '备注'],
      [newId(), '某驿站', '某路 1 号', '无'],
    ]);

    const answer = await importAs(token, { orgPath: org, format: 'csv', content, dryRun: false });

    expect(answer.body).toStrictEqual(
      result({
        rows: 1,
        issues: [
          { row: 1, column: '备注', message: '无法识别的列“备注”，该列未导入' },
          ...['区县', '经度', '纬度', '类型', '开放时间'].map((column) => ({
            row: 1,
            column,
            message: `缺少必填列“${column}”，请使用导入模板`,
          })),
        ],
      }),
    );
    expect(await stationsUnder(org)).toStrictEqual([]);
  });

  it.each([
    ['xlsx', Buffer.from('这不是表格'), '文件不是有效的 XLSX 文件，请用 Excel 另存为 .xlsx 后重试'],
    [
      'xlsx',
      Buffer.from('PK\u0003\u0004broken zip'),
      'XLSX 文件无法读取，可能已损坏或设置了密码，请用 Excel 打开后另存为 XLSX 或 CSV',
    ],
    [
      'csv',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]),
      '不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后导入',
    ],
    [
      'csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]),
      '文件不是文本格式的 CSV，请使用导入模板另存为 CSV 或 XLSX',
    ],
    [
      'csv',
      Buffer.from('外部编号,名称\n"A1,未闭合的引号\n'),
      'CSV 文件第 2 行格式有误（多半是引号不成对），请检查或另存为 XLSX 后重试',
    ],
    [
      'csv',
      Buffer.from(`外部编号,名称\n${'\n'.repeat(30_000)}`),
      '文件超过 20000 行（含空行），请删除多余的空行后重试',
    ],
  ])('answers 400 IMPORT_FILE_INVALID for an unreadable %s file', async (format, bytes, message) => {
    const token = await staffOf(COUNTY);

    const answer = await importAs(token, { orgPath: COUNTY, format, content: bytes.toString('base64') });

    expect(answer).toStrictEqual({ status: 400, body: { error: { code: 'IMPORT_FILE_INVALID', message } } });
  });

  it('answers 400 IMPORT_FILE_INVALID for more rows than one import takes', async () => {
    const token = await staffOf(COUNTY);
    const rows = Array.from({ length: 2001 }, (_, i) => stationRow(`bulk-${i}`));

    const answer = await importCsv(token, COUNTY, rows, true);

    expect(answer).toStrictEqual({
      status: 400,
      body: {
        error: {
          code: 'IMPORT_FILE_INVALID',
          message: '文件超过 2000 行数据，每次最多导入 2000 行，请拆分后分批导入',
        },
      },
    });
  });

  it('stops reading a CSV at the cap: what follows is never parsed', async () => {
    const token = await staffOf(COUNTY);
    const rows = Array.from({ length: 2011 }, (_, i) => stationRow(`bulk-${i}`));
    // Read to its end, this file would be refused for its unclosed quote instead.
    const text = `\ufeff${csvText([HEADER, ...rows])}\r\n"未闭合的引号,x\r\n`;

    const answer = await importAs(token, {
      orgPath: COUNTY,
      format: 'csv',
      content: Buffer.from(text, 'utf8').toString('base64'),
    });

    expect(answer).toStrictEqual({
      status: 400,
      body: {
        error: {
          code: 'IMPORT_FILE_INVALID',
          message: '文件超过 2000 行数据，每次最多导入 2000 行，请拆分后分批导入',
        },
      },
    });
  });

  it('refuses an XLSX bomb of 454,545 rows at the row cap, without reading the rest', async () => {
    const token = await staffOf(COUNTY);
    const lean = Array.from(
      { length: 454_545 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i}</v></c></row>`,
    );
    // A row out of order at the end: read to there, the sheet would be refused as unreadable instead.
    const bomb = await xlsxWithRows(`${sheetRows(0)}${lean.join('')}<row r="2"><c r="A2"><v>0</v></c></row>`);
    // Inflating is bounded by construction: the sheet stops inflating at row 2,011 (see importXlsx).
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);

    const answer = await importAs(token, {
      orgPath: COUNTY,
      format: 'xlsx',
      content: bomb.toString('base64'),
    });

    expect(answer).toStrictEqual({
      status: 400,
      body: {
        error: {
          code: 'IMPORT_FILE_INVALID',
          message: '文件超过 2000 行数据，每次最多导入 2000 行，请拆分后分批导入',
        },
      },
    });
  });

  it.each([
    [
      'inflates past 30 MB',
      sheetRows(3),
      ' '.repeat(31 * 1024 * 1024),
      '文件解压后过大（超过 30 MB），请删除图片等无关内容或拆分后分批导入',
    ],
    [
      'holds a value past row 20000',
      `${sheetRows(3)}${sheetRows(1, 20_001, 0)}`,
      '',
      '表格第 20000 行以后还有内容，请删除多余的行后重试',
    ],
    [
      'holds a value past column 100',
      `${sheetRows(3)}<row r="9"><c r="CW9"><v>1</v></c></row>`,
      '',
      '表格超过 100 列，请只保留导入模板中的列后重试',
    ],
  ])('answers 400 IMPORT_FILE_INVALID for an XLSX that %s', async (_what, rows, padding, message) => {
    const token = await staffOf(COUNTY);
    const file = await xlsxWithRows(rows, padding);

    const answer = await importAs(token, {
      orgPath: COUNTY,
      format: 'xlsx',
      content: file.toString('base64'),
    });

    expect(answer).toStrictEqual({ status: 400, body: { error: { code: 'IMPORT_FILE_INVALID', message } } });
  });

  it('reads an XLSX of exactly 2000 data rows under a title row', async () => {
    const token = await staffOf(COUNTY);
    const title = '<row r="1"><c r="A1" t="inlineStr"><is><t>驿站名单</t></is></c></row>';
    const file = await xlsxWithRows(`${title}${sheetRows(2000, 3, 2)}`);

    const answer = await importAs(token, {
      orgPath: COUNTY,
      format: 'xlsx',
      content: file.toString('base64'),
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ dryRun: true, rows: 2000, valid: 0 });
  });

  it('refuses a worker with 403 FORBIDDEN', async () => {
    const worker = await freshUser();

    const answer = await importCsv(worker.token, COUNTY, [stationRow(newId())], true);

    expect(answer).toStrictEqual({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: '您没有执行此操作的权限' } },
    });
  });

  it('refuses staff of another district with 403 OUT_OF_SCOPE and stores nothing', async () => {
    const org = await freshOrg(COUNTY);
    const id = newId();

    const answer = await importCsv(await staffOf(OTHER_COUNTY), org, [stationRow(id)], false);

    expect(answer).toStrictEqual({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE', message: '超出您所在工会组织的管理范围' } },
    });
    expect((await stationsByExternalId(org, [id])).size).toBe(0);
  });
});
