import { randomInt } from 'node:crypto';
import type { HouseholdFile } from '@ankang/shared';
import { expect } from 'vitest';
import { draft, idNumberFor, mobileFor, visitDraft } from '../../support/households';
import { request } from '../http';
import { ZJG } from './callers';
import type { FixtureContext, FixtureSet } from './fixture';
import { hardshipConfigFixtures } from './hardshipConfigFixtures';

/**
 * 困难职工档案: every request is against a file of 张家港 itself (orgPath ZJG), filed through the API
 * by 张家港's own staff, so 大新镇 below it and 苏州工业园区 beside it are out of its scope and 苏州
 * above it is in. Reads share one file; an edit or a visit gets a file of its own per caller.
 */

/** A file of 张家港, filed by its own staff. */
async function zjgFile(ctx: FixtureContext): Promise<HouseholdFile> {
  const created = await request('POST', '/staff/hardship/files', {
    token: ctx.token('staffInScope'),
    body: draft(ZJG, { address: `张家港示例路 ${randomInt(1, 100_000)} 号` }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as HouseholdFile;
}

const sharedFile = (ctx: FixtureContext) => ctx.once('hardship:zjg-file', () => zjgFile(ctx));

const LEDGER_HEADER =
  '户主姓名*,身份证号*,联系电话*,家庭住址*,困难类别*,致困原因*,家庭人口*,家庭年收入（元）*,同意人*,同意日期*';

/** A one-household 一户一档 ledger as a union keeps it, base64 CSV, with a number never filed. */
function ledger(): string {
  const row = `示例户·矩阵,${idNumberFor()},${mobileFor()},张家港示例路 ${randomInt(1, 10_000)} 号,深度困难,因病,1,18000,示例户·矩阵,2025-04-01`;
  return Buffer.from(`\ufeff${LEDGER_HEADER}\r\n${row}\r\n`, 'utf8').toString('base64');
}

export const hardshipFixtures = {
  // Filing at 张家港 itself: a fresh draft (own id and ID number) per caller.
  createHardshipFile: async () => ({ body: draft(ZJG) }),

  // An edit bumps the version: each caller edits a file of its own, from version 1, where it is.
  updateHardshipFile: async (_caller, ctx) => {
    const file = await zjgFile(ctx);
    const { id: _id, idNumber: _fixed, phone: _masked, ...fields } = draft(ZJG);
    return {
      params: { id: file.id },
      body: { ...fields, address: file.address, version: 1, notes: '户主已复工，收入待核实' },
    };
  },

  getHardshipFile: async (_caller, ctx) => ({ params: { id: (await sharedFile(ctx)).id } }),

  listHardshipFiles: async () => ({ query: { orgPath: ZJG } }),

  // A reveal writes an audit event, not the file: the shared file serves every caller.
  revealHardshipFile: async (_caller, ctx) => ({
    params: { id: (await sharedFile(ctx)).id },
    body: { reason: '核对低保申请材料' },
  }),

  listHardshipAudit: async (_caller, ctx) => ({ params: { id: (await sharedFile(ctx)).id } }),

  // A visit moves the file's last and next visit: a file of its own per caller.
  createHardshipVisit: async (_caller, ctx) => ({
    params: { id: (await zjgFile(ctx)).id },
    body: visitDraft(),
  }),

  listHardshipVisits: async (_caller, ctx) => ({ params: { id: (await sharedFile(ctx)).id } }),

  // A real import (not a dry run) of one new household into 张家港, its own number per caller.
  importHardshipFiles: async () => ({
    body: { orgPath: ZJG, format: 'csv', fileName: '张家港台账.csv', content: ledger(), dryRun: false },
  }),

  ...hardshipConfigFixtures,
} satisfies FixtureSet;
