import { randomInt } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { codeRequests } from '../support/wechatCodes';
import { expectRefused, request } from './http';
import { freshApiUser, putOrg } from './table';

/**
 * Two staff station routes over real HTTP that hand out a file: the import template
 * (GET /staff/stations/import-template), asked for by staff, a worker and nobody, and the poster
 * code (GET /staff/stations/{id}/code) asked for with ids longer than any station's, which must be
 * refused without asking WeChat (a scene holds at most 32 characters).
 */

const wechat = inject('apiWechatBase');
// A union of this file's own under a province code no real place has: the template's example row
// is a new station there, whatever other files import.
const root = `9${String(randomInt(100_000)).padStart(5, '0')}`;
const town = `${root}/32058/daxin`;

const template = (token: string | undefined, format?: string) =>
  request('GET', `/staff/stations/import-template${format ? `?format=${format}` : ''}`, { token });

/** A ZIP archive (as an XLSX is) starts with a local file header and names its parts in clear text. */
const ZIP_MAGIC = '504b0304';

describe('API: GET /staff/stations/import-template', () => {
  it('gives staff an XLSX (by default) and a CSV that a dry-run import takes as one new station', async () => {
    await putOrg(root, null, '模板测试省总工会', 'province');
    await putOrg(`${root}/32058`, root, '模板测试市总工会', 'city');
    await putOrg(town, `${root}/32058`, '模板测试镇工会', 'town');
    const { token } = await freshApiUser('tpl', town);

    for (const format of [undefined, 'xlsx', 'csv'] as const) {
      const answer = await template(token, format);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.headers.get('content-type')).toContain('application/json');
      const file = answer.body as { fileName: string; format: string; content: string };
      const kind = format ?? 'xlsx';
      expect({ fileName: file.fileName, format: file.format }).toStrictEqual({
        fileName: `驿站导入模板.${kind}`,
        format: kind,
      });
      const bytes = Buffer.from(file.content, 'base64');
      if (kind === 'xlsx') {
        expect(bytes.subarray(0, 4).toString('hex')).toBe(ZIP_MAGIC);
        // Every XLSX holds these two parts; a CSV or another ZIP would not.
        expect(bytes.includes('[Content_Types].xml')).toBe(true);
        expect(bytes.includes('xl/workbook.xml')).toBe(true);
      } else {
        expect(
          bytes
            .toString('utf8')
            .replace(/^\uFEFF/, '')
            .split('\r\n')[0],
        ).toMatch(/^外部编号\*,名称\*,/);
      }
      const dryRun = await request('POST', '/staff/stations/import', {
        token,
        body: { orgPath: town, format: kind, content: file.content, dryRun: true },
      });
      expect({ status: dryRun.status, body: dryRun.body }).toStrictEqual({
        status: 200,
        body: { dryRun: true, rows: 1, valid: 1, created: 1, updated: 0, unchanged: 0, issues: [] },
      });
    }
  });

  it('refuses no token (401), a bad token (401), a worker (403) and an unknown format (400)', async () => {
    const worker = await freshApiUser('tpl-worker');
    const staff = await freshApiUser('tpl-staff', '320000/320500/320582');
    expectRefused(await template(undefined), 401, 'UNAUTHENTICATED');
    expectRefused(await template('not.a.token'), 401, 'UNAUTHENTICATED');
    expectRefused(await template(worker.token), 403, 'FORBIDDEN');
    expectRefused(await template(worker.token, 'csv'), 403, 'FORBIDDEN');
    expectRefused(await template(staff.token, 'pdf'), 400, 'VALIDATION_FAILED');
  });
});

describe('API: the poster code of an over-long station id', () => {
  it('is refused (404 past the scene’s 32 characters, 400 past the id’s 35) and WeChat is never asked', async () => {
    const { token } = await freshApiUser('code-long', '320000/320500/320582');
    // 33 characters: a well-formed id no station has, one longer than WeChat's scene allows.
    const pastScene = `st_${'a'.repeat(30)}`;
    // The longest id the schema allows, and one character more.
    const longest = `st_${'b'.repeat(32)}`;
    const pastId = `st_${'c'.repeat(33)}`;
    const huge = `st_${'d'.repeat(5000)}`;

    expectRefused(
      await request('GET', `/staff/stations/${pastScene}/code`, { token }),
      404,
      'STATION_NOT_FOUND',
    );
    expectRefused(
      await request('GET', `/staff/stations/${longest}/code`, { token }),
      404,
      'STATION_NOT_FOUND',
    );
    expectRefused(
      await request('GET', `/staff/stations/${pastId}/code`, { token }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(await request('GET', `/staff/stations/${huge}/code`, { token }), 400, 'VALIDATION_FAILED');
    for (const scene of [pastScene, longest, pastId, huge]) {
      expect(await codeRequests(wechat, scene)).toStrictEqual([]);
    }
  });
});
