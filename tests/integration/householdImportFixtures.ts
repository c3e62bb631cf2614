import { randomInt } from 'node:crypto';
import type { ImportResult } from '@ankang/shared';
import { handler } from '../../functions/src/handlers/importHardshipFiles';
import { httpEvent, invoke } from '../support/events';
import { idNumberFor, mobileFor } from './hardshipFixtures';

/** The household import's columns as a ledger names them (written here, not read from the code). */
export const HEADER = [
  '户主姓名',
  '身份证号',
  '联系电话',
  '家庭住址',
  '所属组织',
  '困难类别',
  '档案状态',
  '脱困日期',
  '致困原因',
  '家庭人口',
  '家庭成员',
  '户主健康状况',
  '户主就业状况',
  '家庭年收入（元）',
  '年固定必要支出（元）',
  '年医疗/意外支出（元）',
  '同意人',
  '同意人关系',
  '同意日期',
  '同意范围',
  '同意方式',
  '备注',
] as const;
export type Column = (typeof HEADER)[number];

/** One household of a ledger: a fresh ID number, phone and street, three people. */
export function householdRow(overrides: Partial<Record<Column, string>> = {}): Record<Column, string> {
  return {
    户主姓名: '示例户·王某某',
    身份证号: idNumberFor(),
    联系电话: mobileFor(),
    家庭住址: `张家港市大新镇示例路 ${randomInt(1, 100_000)} 号`,
    所属组织: '',
    困难类别: '相对困难',
    档案状态: '在档',
    脱困日期: '',
    致困原因: '因病、子女就学',
    家庭人口: '3',
    家庭成员: '配偶 李某某 1982 慢性病 务农；子女 王某 2010 健康 在校',
    户主健康状况: '慢性病',
    户主就业状况: '灵活就业',
    '家庭年收入（元）': '36000',
    '年固定必要支出（元）': '6000',
    '年医疗/意外支出（元）': '12000.5',
    同意人: '示例户·王某某',
    同意人关系: '',
    同意日期: '2025-03-01',
    同意范围: '建档、入户走访',
    同意方式: '书面签字',
    备注: '',
    ...overrides,
  };
}

export const cells = (row: Record<Column, string>) => HEADER.map((column) => row[column]);

const csvCell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
export const csvText = (rows: readonly (readonly string[])[]) =>
  `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
/** As Excel's "CSV UTF-8" saves it: with a BOM. */
export const csvBase64 = (rows: readonly (readonly string[])[]) =>
  Buffer.from(`\ufeff${csvText(rows)}`, 'utf8').toString('base64');

/** A CSV of these households under the header. */
export const ledger = (rows: Record<Column, string>[]) => csvBase64([[...HEADER], ...rows.map(cells)]);

let gbkTable: Map<string, number[]> | undefined;
/** GBK bytes of a text, from the inverse of Node's GB18030 decoder (Node has no GBK encoder). */
export function toGbk(text: string): Buffer {
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

/** The same ID number with another check character: a typo the check digit catches. */
export function wrongCheck(id: string): string {
  const last = id.at(-1);
  return `${id.slice(0, 17)}${last === '0' ? '1' : '0'}`;
}

/** `3201**********123X`, written out here rather than by the code's own masking. */
export const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

export const importAs = (token: string, body: Record<string, unknown>) =>
  invoke(handler, httpEvent({ method: 'POST', path: '/staff/hardship/imports', token, body }));

export const importCsv = (token: string, orgPath: string, rows: Record<Column, string>[], dryRun: boolean) =>
  importAs(token, { orgPath, format: 'csv', fileName: '困难职工档案.csv', content: ledger(rows), dryRun });

export const result = (fields: Partial<ImportResult>): ImportResult => ({
  dryRun: false,
  rows: 0,
  valid: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  issues: [],
  ...fields,
});
