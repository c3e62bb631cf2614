import type { HouseholdFile, HouseholdSummary } from '@ankang/shared';
import { householdImportColumns } from '@ankang/shared';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { db, tableName } from '../../functions/src/db/client';
import type { IdHolder } from '../../functions/src/db/hardshipImportReads';
import type { Caller } from '../../functions/src/services/caller';
import { importHardshipFiles } from '../../functions/src/services/householdImport';
import { importTemplateCsv } from '../../functions/src/services/importColumns';
import { freshUser } from './fixtures';
import { get, hardshipScene, idNumberFor, list, partition, rawAudit, rawFile } from './hardshipFixtures';
import {
  type Column,
  cells,
  csvText,
  HEADER,
  householdRow,
  importAs,
  importCsv,
  ledger,
  masked,
  result,
  toGbk,
  wrongCheck,
} from './householdImportFixtures';

/** Lets a test act between the import's read of the files and its writes (a concurrent visit or edit). */
const hooks = vi.hoisted(() => ({
  afterRead: undefined as undefined | ((fileIds: string[]) => Promise<void>),
}));
vi.mock('../../functions/src/db/hardshipImportReads', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/src/db/hardshipImportReads')>();
  return {
    ...original,
    getFilesByIdHashes: async (orgPath: string, hashes: string[]): Promise<Map<string, IdHolder>> => {
      const found = await original.getFilesByIdHashes(orgPath, hashes);
      await hooks.afterRead?.([...found.values()].map((holder) => holder.claim.fileId));
      return found;
    },
  };
});

/** The files of a node's subtree, as staff list them. */
async function filesUnder(token: string, orgPath: string): Promise<HouseholdSummary[]> {
  const answer = await list(token, { orgPath });
  expect(answer.status).toBe(200);
  return (answer.body as { files: HouseholdSummary[] }).files;
}

async function detail(token: string, id: string): Promise<HouseholdFile> {
  const answer = await get(token, id);
  expect(answer.status).toBe(200);
  return answer.body as HouseholdFile;
}

const byHead = (files: HouseholdSummary[], headName: string) => files.find((f) => f.headName === headName);

describe('Handler: importHardshipFiles', () => {
  it('stores nothing in a dry run but reports what would be filed', async () => {
    const scene = await hardshipScene();
    const rows = [householdRow(), householdRow({ 户主姓名: '示例户·赵某某', 同意人: '示例户·赵某某' })];

    const answer = await importCsv(scene.countyStaff.token, scene.county, rows, true);

    expect(answer).toStrictEqual({
      status: 200,
      body: result({ dryRun: true, rows: 2, valid: 2, created: 2 }),
    });
    expect(await filesUnder(scene.countyStaff.token, scene.county)).toStrictEqual([]);
  });

  it('files the good rows and reports every bad cell by row, column and Chinese reason', async () => {
    const scene = await hardshipScene();
    const { county, town, beside } = scene;
    const good = householdRow({ 户主姓名: '示例户·王某某', 同意人: '示例户·王某某' });
    const exited = householdRow({
      户主姓名: '示例户·赵某某',
      所属组织: town,
      档案状态: '已脱困',
      脱困日期: '2025/6/30',
      致困原因: '意外',
      困难类别: '意外致困',
      家庭人口: '1',
      家庭成员: '',
      户主健康状况: '',
      户主就业状况: '',
      '家庭年收入（元）': '3.6万',
      '年固定必要支出（元）': '',
      '年医疗/意外支出（元）': '',
      同意人: '李某某',
      同意人关系: '配偶',
      同意范围: '',
      同意方式: '口头',
      备注: '2024 年工伤后建档',
    });
    const badId = householdRow({ 联系电话: '12345', 困难类别: '特困' });
    badId.身份证号 = wrongCheck(badId.身份证号);

    const answer = await importCsv(
      scene.countyStaff.token,
      county,
      [
        good,
        badId,
        householdRow({ 家庭人口: '4' }),
        householdRow({ 档案状态: '已脱困' }),
        householdRow({
          '家庭年收入（元）': '三万',
          同意人: '李某某',
          同意日期: '2099-01-01',
          同意范围: '入户走访',
        }),
        householdRow({
          致困原因: '因病、欠债',
          家庭成员: '配偶 李某某 1982 慢性病；子女 王某 2010 健康 上班',
        }),
        householdRow({ 所属组织: beside }),
        exited,
      ],
      false,
    );

    expect(answer).toStrictEqual({
      status: 200,
      body: result({
        rows: 8,
        valid: 2,
        created: 2,
        issues: [
          { row: 3, column: '身份证号', message: '校验位不正确，请核对' },
          {
            row: 3,
            column: '联系电话',
            message: '联系电话格式不正确，请填写 11 位手机号或带区号的固定电话（如 0512-58681234）',
          },
          {
            row: 3,
            column: '困难类别',
            message: '无法识别的困难类别“特困”，可填：深度困难、相对困难、意外致困',
          },
          {
            row: 4,
            column: '家庭人口',
            message: '家庭人口为 4 人，但家庭成员为 3 人（含户主）；请在“家庭成员”列填写户主以外的每位成员',
          },
          { row: 5, column: '脱困日期', message: '已脱困须填写脱困日期' },
          { row: 6, column: '家庭年收入（元）', message: '家庭年收入应为金额（元），例如 36000 或 3.6万' },
          {
            row: 6,
            column: '同意人关系',
            message: '同意人不是户主本人时，请填写同意人与户主的关系（如 配偶、子女）',
          },
          { row: 6, column: '同意日期', message: '同意日期不能晚于今天' },
          { row: 6, column: '同意范围', message: '同意范围须包含“建档”' },
          {
            row: 7,
            column: '致困原因',
            message: '无法识别的致困原因“欠债”，可填：疾病、残疾、失业、子女就学、意外事故、灾害、其他',
          },
          {
            row: 7,
            column: '家庭成员',
            message:
              '第 1 位“配偶 李某某 1982 慢性病”应为“关系 姓名 出生年份 健康状况 就业状况”；' +
              '第 2 位“子女 王某 2010 健康 上班”：就业状况可填：在岗、灵活就业、失业、务农、退休、在校、无劳动能力',
          },
          { row: 8, column: '所属组织', message: `所属组织“${beside}”不在本次导入的组织（${county}）之下` },
        ],
      }),
    });

    const files = await filesUnder(scene.countyStaff.token, county);
    expect(files.map((f) => f.headName).sort()).toStrictEqual(['示例户·王某某', '示例户·赵某某']);
    const first = await detail(scene.countyStaff.token, byHead(files, '示例户·王某某')!.id);
    expect(first).toMatchObject({
      idNumberMasked: masked(good.身份证号),
      phoneMasked: `${good.联系电话.slice(0, 3)}****${good.联系电话.slice(-4)}`,
      address: good.家庭住址,
      orgPath: county,
      category: 'relative',
      status: 'active',
      causes: ['illness', 'schooling'],
      householdSize: 3,
      members: [
        {
          relation: 'self',
          name: '示例户·王某某',
          birthYear: Number(good.身份证号.slice(6, 10)),
          condition: 'chronic',
          employment: 'flexible',
        },
        { relation: 'spouse', name: '李某某', birthYear: 1982, condition: 'chronic', employment: 'farming' },
        { relation: 'child', name: '王某', birthYear: 2010, condition: 'healthy', employment: 'student' },
      ],
      income: {
        annualIncomeFen: 3_600_000,
        annualFixedSpendingFen: 600_000,
        medicalAccidentCostsFen: 1_200_050,
      },
      consent: {
        givenBy: '示例户·王某某',
        relation: 'self',
        date: '2025-03-01',
        scopes: ['filing', 'visits'],
        method: 'written',
        recordedBy: '测试用户',
      },
      caseworkerUserId: scene.countyStaff.userId,
      caseworkerName: '测试用户',
      version: 1,
    });
    expect(first.id).toMatch(/^hf_[0-9a-f]{32}$/);
    expect(first).not.toHaveProperty('exitDate');
    expect(first).not.toHaveProperty('notes');

    const second = await detail(scene.countyStaff.token, byHead(files, '示例户·赵某某')!.id);
    expect(second).toMatchObject({
      orgPath: town,
      district: '测试镇工会',
      category: 'accident',
      status: 'exited',
      exitDate: '2025-06-30',
      causes: ['accident'],
      householdSize: 1,
      members: [
        {
          relation: 'self',
          name: '示例户·赵某某',
          birthYear: Number(exited.身份证号.slice(6, 10)),
          condition: 'healthy',
          employment: 'employed',
        },
      ],
      income: { annualIncomeFen: 3_600_000, annualFixedSpendingFen: 0, medicalAccidentCostsFen: 0 },
      consent: { givenBy: '李某某', relation: 'spouse', scopes: ['filing', 'visits'], method: 'recorded' },
      notes: '2024 年工伤后建档',
    });
    // One audit event each, written with the file.
    expect((await rawAudit(first.id)).map((e) => e.action)).toStrictEqual(['importFile']);
  });

  it('imports the same file again: all unchanged and nothing written', async () => {
    const scene = await hardshipScene();
    const rows = [householdRow(), householdRow({ 户主姓名: '示例户·赵某某', 同意人: '示例户·赵某某' })];
    await importCsv(scene.countyStaff.token, scene.county, rows, false);
    const files = await filesUnder(scene.countyStaff.token, scene.county);
    const before = await Promise.all(files.map((f) => rawFile(f.id)));

    const again = await importCsv(scene.countyStaff.token, scene.county, rows, false);

    expect(again.body).toStrictEqual(result({ rows: 2, valid: 2, unchanged: 2 }));
    expect(await Promise.all(files.map((f) => rawFile(f.id)))).toStrictEqual(before);
    for (const file of files) expect(await rawAudit(file.id)).toHaveLength(1);
  });

  it('tells a row that changes only the sealed address or phone from an unchanged one', async () => {
    const scene = await hardshipScene();
    const row = householdRow();
    await importCsv(scene.countyStaff.token, scene.county, [row], false);
    const [file] = await filesUnder(scene.countyStaff.token, scene.county);

    const moved = await importCsv(
      scene.countyStaff.token,
      scene.county,
      [{ ...row, 家庭住址: '张家港市示例路 99 号' }],
      true,
    );
    const rePhoned = await importCsv(
      scene.countyStaff.token,
      scene.county,
      [{ ...row, 联系电话: '0512-58689999' }],
      true,
    );
    const same = await importCsv(scene.countyStaff.token, scene.county, [row], true);

    expect(moved.body).toStrictEqual(result({ dryRun: true, rows: 1, valid: 1, updated: 1 }));
    expect(rePhoned.body).toStrictEqual(result({ dryRun: true, rows: 1, valid: 1, updated: 1 }));
    expect(same.body).toStrictEqual(result({ dryRun: true, rows: 1, valid: 1, unchanged: 1 }));
    // The unchanged check reads the keyed hash kept beside the sealed fields.
    expect((await rawFile(file!.id))?.contactHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('updates a file whose income changed, keeping its consent and caseworker', async () => {
    const scene = await hardshipScene();
    const row = householdRow();
    const other = householdRow({ 户主姓名: '示例户·赵某某', 同意人: '示例户·赵某某' });
    await importCsv(scene.countyStaff.token, scene.county, [row, other], false);
    const [file] = (await filesUnder(scene.countyStaff.token, scene.county)).filter(
      (f) => f.headName === '示例户·王某某',
    );
    const before = await detail(scene.countyStaff.token, file!.id);

    // Staff above the county re-import it: a new income, a new phone, the same consent columns.
    const changed = { ...row, '家庭年收入（元）': '48,000.00', 联系电话: '0512-58681234' };
    const dry = await importCsv(scene.rootStaff.token, scene.county, [changed, other], true);
    const answer = await importCsv(scene.rootStaff.token, scene.county, [changed, other], false);

    expect(dry.body).toStrictEqual(result({ dryRun: true, rows: 2, valid: 2, updated: 1, unchanged: 1 }));
    expect(answer.body).toStrictEqual(result({ rows: 2, valid: 2, updated: 1, unchanged: 1 }));
    const after = await detail(scene.countyStaff.token, file!.id);
    expect(after).toStrictEqual({
      ...before,
      income: { ...before.income, annualIncomeFen: 4_800_000 },
      perCapitaMonthlyFen: Math.round((4_800_000 - 600_000) / 12 / 3),
      phoneMasked: '0512-****1234',
      suggestedCategory: after.suggestedCategory,
      updatedAt: after.updatedAt,
      version: 2,
    });
    expect((await rawAudit(file!.id)).map((e) => e.action)).toStrictEqual(['importFile', 'importFile']);
  });

  it('turns a file changed between reading and writing into an issue, never overwriting it', async () => {
    const scene = await hardshipScene();
    const row = householdRow();
    await importCsv(scene.countyStaff.token, scene.county, [row], false);
    const [file] = await filesUnder(scene.countyStaff.token, scene.county);
    // A visit lands after the import read the file: it moves the file's version.
    hooks.afterRead = async () => {
      hooks.afterRead = undefined;
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `HFILE#${file!.id}`, sk: 'FILE' },
          UpdateExpression: 'SET version = version + :one, lastVisitOn = :day',
          ExpressionAttributeValues: { ':one': 1, ':day': '2026-01-10' },
        }),
      );
    };

    const answer = await importCsv(
      scene.countyStaff.token,
      scene.county,
      [{ ...row, '家庭年收入（元）': '50000' }],
      false,
    );

    expect(answer.body).toStrictEqual(
      result({
        rows: 1,
        issues: [{ row: 2, column: '身份证号', message: '该档案刚被他人修改或录入了走访，请重新导入' }],
      }),
    );
    expect(await rawFile(file!.id)).toMatchObject({
      version: 2,
      lastVisitOn: '2026-01-10',
      income: { annualIncomeFen: 3_600_000 },
    });
  });

  it('files a household once when the same ledger is imported twice at the same time', async () => {
    const scene = await hardshipScene();
    const rows = [householdRow()];

    const answers = await Promise.all([
      importCsv(scene.countyStaff.token, scene.county, rows, false),
      importCsv(scene.countyStaff.token, scene.county, rows, false),
    ]);

    const created = answers.map((a) => (a.body as { created: number }).created);
    expect(created.reduce((sum, n) => sum + n, 0)).toBe(1);
    const loser = answers.find((a) => (a.body as { created: number }).created === 0)!.body;
    // The later one either read the first's file (unchanged) or lost the race for the claim.
    expect([
      result({ rows: 1, valid: 1, unchanged: 1 }),
      result({
        rows: 1,
        issues: [{ row: 2, column: '身份证号', message: '该身份证号码刚被建档，请重新导入' }],
      }),
    ]).toContainEqual(loser);
    expect(await filesUnder(scene.countyStaff.token, scene.county)).toHaveLength(1);
  });

  it('files one number separately in another province tree', async () => {
    const [here, there] = await Promise.all([hardshipScene(), hardshipScene()]);
    const row = householdRow();

    const first = await importCsv(here.countyStaff.token, here.county, [row], false);
    const second = await importCsv(there.countyStaff.token, there.county, [row], false);

    expect(first.body).toStrictEqual(result({ rows: 1, valid: 1, created: 1 }));
    expect(second.body).toStrictEqual(result({ rows: 1, valid: 1, created: 1 }));
    const [a] = await filesUnder(here.countyStaff.token, here.county);
    const [b] = await filesUnder(there.countyStaff.token, there.county);
    expect(a!.id).not.toBe(b!.id);
    expect(a!.idNumberMasked).toBe(b!.idNumberMasked);
  });

  it('refuses a number filed beside with a reason that reveals nothing, and one in scope elsewhere with where', async () => {
    const scene = await hardshipScene();
    const row = householdRow();
    await importCsv(scene.besideStaff.token, scene.beside, [row], false);
    const inTown = householdRow({ 所属组织: scene.town });
    await importCsv(scene.countyStaff.token, scene.county, [inTown], false);

    const fromCounty = await importCsv(scene.countyStaff.token, scene.county, [row], false);
    // The town's staff find the file the county put in their town.
    const fromTown = await importCsv(scene.townStaff.token, scene.town, [{ ...inTown, 所属组织: '' }], true);
    // The root's staff see both, but import under the town: the beside file is not the town's to touch.
    const fromRoot = await importCsv(scene.rootStaff.token, scene.town, [row], false);

    expect(fromCounty.body).toStrictEqual(
      result({
        rows: 1,
        issues: [{ row: 2, column: '身份证号', message: '该身份证号码已在其他工会建档，请联系上级工会' }],
      }),
    );
    expect(fromTown.body).toStrictEqual(result({ dryRun: true, rows: 1, valid: 1, unchanged: 1 }));
    expect(fromRoot.body).toStrictEqual(
      result({
        rows: 1,
        issues: [
          {
            row: 2,
            column: '身份证号',
            message: '该身份证号码已在“旁边县工会”建档，不在本次导入的组织之下，请在该组织导入或修改',
          },
        ],
      }),
    );
    expect(await filesUnder(scene.countyStaff.token, scene.county)).toHaveLength(1);
  });

  it('imports a number once when the file repeats it, reporting the later row', async () => {
    const scene = await hardshipScene();
    const row = householdRow();
    const repeat = { ...row, 户主姓名: '示例户·王某', 同意人: '示例户·王某' };
    // The same number typed with a lowercase x or in full width is the same number.
    const id = idNumberFor();
    const spelled = id.endsWith('X')
      ? `${id.slice(0, 17)}x`
      : `${id.slice(0, 17)}${String.fromCharCode(0xff10 + Number(id[17]))}`;

    const answer = await importCsv(
      scene.countyStaff.token,
      scene.county,
      [row, repeat, householdRow({ 身份证号: id }), householdRow({ 身份证号: spelled })],
      false,
    );

    expect(answer.body).toStrictEqual(
      result({
        rows: 4,
        valid: 2,
        created: 2,
        issues: [
          { row: 3, column: '身份证号', message: '身份证号与第 2 行相同，同一户只导入一次，本行未导入' },
          { row: 5, column: '身份证号', message: '身份证号与第 4 行相同，同一户只导入一次，本行未导入' },
        ],
      }),
    );
    const files = await filesUnder(scene.countyStaff.token, scene.county);
    expect(files.map((f) => f.headName)).toStrictEqual(['示例户·王某某', '示例户·王某某']);
  });

  it('reads an XLSX (numbers and dates in cells, a title row) exactly as the same CSV', async () => {
    const scene = await hardshipScene();
    const row = householdRow({ 联系电话: '051258681234' });
    const xlsxRow = cells(row).map((value, i): string | number | Date | null => {
      const column: Column = HEADER[i]!;
      // Excel keeps amounts, head counts and phones typed into cells as numbers, dates as dates.
      if (['家庭人口', '家庭年收入（元）', '年固定必要支出（元）', '年医疗/意外支出（元）'].includes(column))
        return Number(value);
      if (column === '联系电话') return 51258681234;
      if (column === '同意日期') return new Date(Date.UTC(2025, 2, 1));
      return value || null;
    });
    const xlsx = await writeXlsxFile(
      [['困难职工家庭台账（2025 年）'], [...HEADER], xlsxRow, ['只有姓名的一户']],
      {
        dateFormat: 'yyyy-mm-dd',
      },
    ).toBuffer();

    const fromXlsx = await importAs(scene.countyStaff.token, {
      orgPath: scene.county,
      format: 'xlsx',
      fileName: '台账.xlsx',
      content: xlsx.toString('base64'),
      dryRun: false,
    });
    const fromCsv = await importCsv(scene.countyStaff.token, scene.county, [row], false);

    expect(fromXlsx.body).toMatchObject({ rows: 2, valid: 1, created: 1 });
    expect(fromCsv.body).toStrictEqual(result({ rows: 1, valid: 1, unchanged: 1 }));
    const [file] = await filesUnder(scene.countyStaff.token, scene.county);
    expect(await detail(scene.countyStaff.token, file!.id)).toMatchObject({
      phoneMasked: '0512-****1234',
      consent: { date: '2025-03-01' },
      income: { medicalAccidentCostsFen: 1_200_050 },
    });
  });

  it('refuses an ID number Excel stored as a number: its last digits are gone', async () => {
    const scene = await hardshipScene();
    const row = householdRow();
    const xlsxRow = cells(row).map((value, i) =>
      HEADER[i] === '身份证号' ? Number(value.slice(0, 17)) * 10 : value || null,
    );
    const xlsx = await writeXlsxFile([[...HEADER], xlsxRow] as never).toBuffer();

    const answer = await importAs(scene.countyStaff.token, {
      orgPath: scene.county,
      format: 'xlsx',
      content: xlsx.toString('base64'),
      dryRun: true,
    });

    expect(answer.body).toStrictEqual(
      result({
        dryRun: true,
        rows: 1,
        issues: [
          {
            row: 2,
            column: '身份证号',
            message: '身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”格式后重新填写',
          },
        ],
      }),
    );
  });

  it('reads a GBK-encoded CSV as Excel on Chinese Windows saves it', async () => {
    const scene = await hardshipScene();
    const row = householdRow({ 户主姓名: '示例户·龚某', 同意人: '示例户·龚某', 备注: '“低保边缘”家庭' });
    const content = toGbk(csvText([[...HEADER], cells(row)])).toString('base64');

    const answer = await importAs(scene.countyStaff.token, {
      orgPath: scene.county,
      format: 'csv',
      content,
      dryRun: false,
    });

    expect(answer.body).toStrictEqual(result({ rows: 1, valid: 1, created: 1 }));
    const [file] = await filesUnder(scene.countyStaff.token, scene.county);
    expect(await detail(scene.countyStaff.token, file!.id)).toMatchObject({
      headName: '示例户·龚某',
      notes: '“低保边缘”家庭',
    });
  });

  it('stores no plaintext ID number, phone or address in the file, its claim or its audit event', async () => {
    const scene = await hardshipScene();
    const row = householdRow();
    await importCsv(scene.countyStaff.token, scene.county, [row], false);
    const [file] = await filesUnder(scene.countyStaff.token, scene.county);

    const stored = JSON.stringify([
      await rawFile(file!.id),
      await rawAudit(file!.id),
      await partition(`HFILE#${file!.id}`),
    ]);

    expect(stored).toContain(masked(row.身份证号));
    for (const secret of [row.身份证号, row.身份证号.toLowerCase(), row.联系电话, row.家庭住址]) {
      expect(stored).not.toContain(secret);
    }
  });

  it('reports the rows it had no time left to write; importing again finishes them', async () => {
    const scene = await hardshipScene();
    const rows = [householdRow(), householdRow({ 户主姓名: '示例户·赵某某', 同意人: '示例户·赵某某' })];
    const caller: Caller = {
      userId: scene.countyStaff.userId,
      nickname: '测试用户',
      roles: ['worker', 'staff'],
      orgPath: scene.county,
    };
    const body = { orgPath: scene.county, format: 'csv' as const, content: ledger(rows), dryRun: false };

    // A deadline already past: no write may start.
    const late = await importHardshipFiles(caller, body, { writeBudgetMs: -1 });
    const again = await importCsv(scene.countyStaff.token, scene.county, rows, false);

    const outOfTime = '本次导入用时已到，此行未保存，请再次导入（已保存的行不会重复）';
    expect(late).toStrictEqual(
      result({
        rows: 2,
        issues: [
          { row: 2, column: '身份证号', message: outOfTime },
          { row: 3, column: '身份证号', message: outOfTime },
        ],
      }),
    );
    expect(again.body).toStrictEqual(result({ rows: 2, valid: 2, created: 2 }));
  });

  it('reads its own template: every column known, the example row valid', async () => {
    // The example row names the demo town, under the demo county (seeded for every test run).
    const county = '320000/320500/320582';
    const staff = await freshUser({ roles: ['staff'], orgPath: county });
    const content = Buffer.from(importTemplateCsv(householdImportColumns), 'utf8').toString('base64');

    const answer = await importAs(staff.token, {
      orgPath: county,
      format: 'csv',
      content,
      dryRun: true,
    });

    expect(answer.body).toStrictEqual(result({ dryRun: true, rows: 1, valid: 1, created: 1 }));
  });

  it('reports missing required columns, skips a 序号 column and names an unknown one, importing nothing', async () => {
    const scene = await hardshipScene();
    const header = ['序号', '人均月收入（元）', '工作单位', ...HEADER.filter((c) => c !== '同意日期')];
    const row = householdRow();
    const content = Buffer.from(
      csvText([
        header,
        ['1', '1000', '环卫所', ...HEADER.filter((c) => c !== '同意日期').map((c) => row[c])],
      ]),
    ).toString('base64');

    const answer = await importAs(scene.countyStaff.token, {
      orgPath: scene.county,
      format: 'csv',
      content,
      dryRun: false,
    });

    expect(answer.body).toStrictEqual(
      result({
        rows: 1,
        issues: [
          {
            row: 1,
            column: '人均月收入（元）',
            message: '人均月收入由系统按收入、支出和家庭人口计算，该列未导入',
          },
          { row: 1, column: '工作单位', message: '无法识别的列“工作单位”，该列未导入' },
          { row: 1, column: '同意日期', message: '缺少必填列“同意日期”，请使用导入模板' },
        ],
      }),
    );
    expect(await filesUnder(scene.countyStaff.token, scene.county)).toStrictEqual([]);
  });

  it('refuses a worker with 403 FORBIDDEN and staff beside with 403 OUT_OF_SCOPE, storing nothing', async () => {
    const scene = await hardshipScene();
    const worker = await freshUser();

    const asWorker = await importCsv(worker.token, scene.county, [householdRow()], false);
    const asBeside = await importCsv(scene.besideStaff.token, scene.county, [householdRow()], false);

    expect(asWorker).toStrictEqual({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: '您没有执行此操作的权限' } },
    });
    expect(asBeside).toStrictEqual({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE', message: '超出您所在工会组织的管理范围' } },
    });
    expect(await filesUnder(scene.countyStaff.token, scene.county)).toStrictEqual([]);
  });
});
