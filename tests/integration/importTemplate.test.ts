import { importColumns } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { handler as getStationImportTemplate } from '../../functions/src/handlers/getStationImportTemplate';
import { handler as importStations } from '../../functions/src/handlers/importStations';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';

const template = (token: string, query: Record<string, string>) =>
  invoke(getStationImportTemplate, httpEvent({ path: '/staff/stations/import-template', token, query }));

const dryRun = (token: string, orgPath: string, format: string, content: string) =>
  invoke(
    importStations,
    httpEvent({
      method: 'POST',
      path: '/staff/stations/import',
      token,
      body: { orgPath, format, content, dryRun: true },
    }),
  );

describe('Handler: getStationImportTemplate', () => {
  it('gives every column and an example row that the importer takes as it is, in XLSX and CSV', async () => {
    const org = await freshOrg('320000/320500/320582');
    const staff = await freshUser({ roles: ['staff'], orgPath: org });
    for (const format of ['xlsx', 'csv'] as const) {
      const answer = await template(staff.token, { format });
      expect(answer.status).toBe(200);
      const file = answer.body as { fileName: string; format: string; content: string };
      expect(file.fileName).toBe(`驿站导入模板.${format}`);
      expect(file.format).toBe(format);
      // The importer itself is the judge: the example row is one valid new station, no issues.
      expect(await dryRun(staff.token, org, format, file.content)).toStrictEqual({
        status: 200,
        body: { dryRun: true, rows: 1, valid: 1, created: 1, updated: 0, unchanged: 0, issues: [] },
      });
    }
  });

  it('names each column once, required ones starred, and leaves 组织路径 empty in the example', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: '320000/320500/320582' });
    const csv = Buffer.from(
      ((await template(staff.token, { format: 'csv' })).body as { content: string }).content,
      'base64',
    )
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const [header, example, ...rest] = csv.split('\r\n');
    expect(rest).toStrictEqual(['']);
    expect(header!.split(',')).toStrictEqual([
      '外部编号*',
      '名称*',
      '地址*',
      '区县*',
      '组织路径',
      '经度*',
      '纬度*',
      '坐标系',
      '类型*',
      '设施',
      '开放时间*',
      '例外日期',
      '开放季节',
      '电话',
      '最美年份',
    ]);
    expect(header!.split(',')).toHaveLength(importColumns.length);
    expect(example!.split(',')[4]).toBe('');
  });

  it('is for staff only and refuses an unknown format', async () => {
    const worker = await freshUser();
    const staff = await freshUser({ roles: ['staff'], orgPath: '320000/320500/320582' });
    expect(await template(worker.token, {})).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await template('', {})).toMatchObject({ status: 401 });
    expect(await template(staff.token, { format: 'pdf' })).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
  });
});
