import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loginAsDemo, request } from './http';

/**
 * 导入困难职工档案 over real HTTP: who may import where, and the dry run then the import of a
 * small ledger, as the staff page sends them.
 */

const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;
const PATH = '/staff/hardship/imports';

/** A GB 11643 number with its MOD 11-2 check character, computed here from the standard. */
function idNumber(area = '320582'): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first17 = `${area}19${String(50 + randomInt(50))}0${1 + randomInt(9)}1${randomInt(10)}${String(randomInt(1000)).padStart(3, '0')}`;
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}

const HEADER =
  '户主姓名*,身份证号*,联系电话*,家庭住址*,困难类别*,致困原因*,家庭人口*,家庭年收入（元）*,同意人*,同意日期*';

function csv(rows: string[]): string {
  return Buffer.from(`\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8').toString('base64');
}

function ledgerRow(head: string, id: string, extra: { category?: string } = {}): string {
  const phone = `139${String(randomInt(100_000_000)).padStart(8, '0')}`;
  return `${head},${id},${phone},大新镇示例路 ${randomInt(1, 10_000)} 号,${extra.category ?? '深度困难'},因病,1,18000,${head},2025-04-01`;
}

const body = (content: string, dryRun: boolean, orgPath = DAXIN) => ({
  orgPath,
  format: 'csv',
  fileName: '台账.csv',
  content,
  dryRun,
});

type Summary = { id: string; headName: string; idNumberMasked: string; orgPath: string };

describe('API: importHardshipFiles', () => {
  it('refuses no token with 401, a volunteer with 403 and staff beside with 403 OUT_OF_SCOPE', async () => {
    const content = csv([ledgerRow('示例户·甲某', idNumber())]);

    const anonymous = await request('POST', PATH, { body: body(content, true) });
    const volunteer = await request('POST', PATH, {
      token: await loginAsDemo('赵磊'),
      body: body(content, true),
    });
    const beside = await request('POST', PATH, {
      token: await loginAsDemo('沈佳怡'),
      body: body(content, false),
    });

    expect(anonymous.status).toBe(401);
    expect({ status: volunteer.status, body: volunteer.body }).toStrictEqual({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: '您没有执行此操作的权限' } },
    });
    expect({ status: beside.status, body: beside.body }).toStrictEqual({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE', message: '超出您所在工会组织的管理范围' } },
    });
  });

  it('dry-runs a ledger with a bad row, imports the good one, then finds it again', async () => {
    const staff = await loginAsDemo('顾晓东');
    const head = `示例户·导${randomInt(10_000)}`;
    const id = idNumber();
    const content = csv([
      ledgerRow(head, id),
      ledgerRow('示例户·乙某', idNumber(), { category: '一般困难' }),
    ]);

    const dry = await request('POST', PATH, { token: staff, body: body(content, true) });
    const listedAfterDry = await request(
      'GET',
      `/staff/hardship/files?orgPath=${encodeURIComponent(DAXIN)}`,
      {
        token: staff,
      },
    );
    const real = await request('POST', PATH, { token: staff, body: body(content, false) });
    const again = await request('POST', PATH, { token: staff, body: body(content, false) });

    const issues = [
      {
        row: 3,
        column: '困难类别',
        message: '无法识别的困难类别“一般困难”，可填：深度困难、相对困难、意外致困',
      },
    ];
    expect({ status: dry.status, body: dry.body }).toStrictEqual({
      status: 200,
      body: { dryRun: true, rows: 2, valid: 1, created: 1, updated: 0, unchanged: 0, issues },
    });
    expect((listedAfterDry.body as { files: Summary[] }).files.map((f) => f.headName)).not.toContain(head);
    expect(real.body).toStrictEqual({
      dryRun: false,
      rows: 2,
      valid: 1,
      created: 1,
      updated: 0,
      unchanged: 0,
      issues,
    });
    expect(again.body).toStrictEqual({
      dryRun: false,
      rows: 2,
      valid: 1,
      created: 0,
      updated: 0,
      unchanged: 1,
      issues,
    });

    const listed = await request('GET', `/staff/hardship/files?orgPath=${encodeURIComponent(DAXIN)}`, {
      token: staff,
    });
    const file = (listed.body as { files: Summary[] }).files.find((f) => f.headName === head);
    expect(file).toMatchObject({
      orgPath: DAXIN,
      idNumberMasked: `${id.slice(0, 4)}**********${id.slice(-4)}`,
    });
    expect(JSON.stringify(listed.body)).not.toContain(id);
  });

  it('refuses a number filed in another union of the province without saying where', async () => {
    const id = idNumber();
    await request('POST', PATH, {
      token: await loginAsDemo('顾晓东'),
      body: body(csv([ledgerRow('示例户·丙某', id)]), false),
    });

    const elsewhere = await request('POST', PATH, {
      token: await loginAsDemo('沈佳怡'),
      body: body(csv([ledgerRow('示例户·丙某', id)]), true, '320000/320500/320571'),
    });

    expect(elsewhere.body).toStrictEqual({
      dryRun: true,
      rows: 1,
      valid: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      issues: [{ row: 2, column: '身份证号', message: '该身份证号码已在其他工会建档，请联系上级工会' }],
    });
  });

  it('answers 400 for a body the contract refuses and for a file it cannot read', async () => {
    const staff = await loginAsDemo('顾晓东');

    const badFormat = await request('POST', PATH, {
      token: staff,
      body: { ...body('YQ==', true), format: 'xls' },
    });
    const notXlsx = await request('POST', PATH, {
      token: staff,
      body: { ...body(Buffer.from('不是表格').toString('base64'), true), format: 'xlsx' },
    });

    expect(badFormat.status).toBe(400);
    expect((badFormat.body as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    expect({ status: notXlsx.status, body: notXlsx.body }).toStrictEqual({
      status: 400,
      body: {
        error: {
          code: 'IMPORT_FILE_INVALID',
          message: '文件不是有效的 XLSX 文件，请用 Excel 另存为 .xlsx 后重试',
        },
      },
    });
  });
});
