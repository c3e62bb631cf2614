import { randomUUID } from 'node:crypto';
import type { AuthzCaller } from '@ankang/shared';
import { placeOfFile } from '../../support/testPlaces';
import { createStation } from '../stationHelpers';
import { ZJG } from './callers';
import type { FixtureContext, FixtureSet } from './fixture';

/**
 * Station administration: the staff's reads and writes of 张家港's stations, and its import. The
 * stations stand at the matrix file's own place (tests/support/testPlaces.ts), never in another
 * file's searches; the org path, not the location, makes them 张家港's.
 */

const here = placeOfFile(new URL('../authzMatrix.test.ts', import.meta.url).href);

/** A draft of a station of 张家港's union, as the staff form sends it. */
function draft(label: string) {
  return {
    name: `授权矩阵驿站${label}`,
    address: '杨舍镇港城大道 8 号',
    district: '张家港市 杨舍镇',
    orgPath: ZJG,
    location: here,
    hostType: 'union',
    amenities: ['water'],
    hours: { alwaysOpen: true },
  };
}

/** A station of 张家港 made by the admin for this caller alone: its success changes it. */
const freshStation = (caller: AuthzCaller, ctx: FixtureContext) =>
  createStation(ctx.token('admin'), here, { name: `授权矩阵驿站${caller}${randomUUID().slice(0, 4)}` });

/** One station every caller only reads. */
const sharedStation = (ctx: FixtureContext) =>
  ctx.once('stationAdmin:station', () =>
    createStation(ctx.token('admin'), here, { name: '授权矩阵只读驿站' }),
  );

/** A one-row CSV as Excel's "CSV UTF-8" saves it; the external id is the caller's and the run's own. */
function importCsv(caller: AuthzCaller): string {
  const rows = [
    ['外部编号', '名称', '地址', '区县', '经度', '纬度', '类型', '设施', '开放时间'],
    [
      `authz-${caller}-${randomUUID().slice(0, 8)}`,
      '授权矩阵导入驿站',
      '杨舍镇港城大道 9 号',
      '张家港市 杨舍镇',
      String(here.lng),
      String(here.lat),
      '工会自建',
      '饮水、空调',
      '24小时',
    ],
  ];
  return Buffer.from(`\ufeff${rows.map((row) => row.join(',')).join('\r\n')}\r\n`, 'utf8').toString('base64');
}

export const stationAdminFixtures = {
  listManagedStations: async () => ({ query: { org: ZJG } }),

  getManagedStation: async (_caller, ctx) => ({ params: { id: (await sharedStation(ctx)).id } }),

  createStation: async (caller) => ({ body: draft(`${caller}${randomUUID().slice(0, 4)}`) }),

  updateStation: async (caller, ctx) => {
    const station = await freshStation(caller, ctx);
    return {
      params: { id: station.id },
      body: { ...draft(`改名${caller}`), version: station.version },
    };
  },

  setStationStatus: async (caller, ctx) => {
    const station = await freshStation(caller, ctx);
    return {
      params: { id: station.id },
      body: { version: station.version, status: { state: 'temporarilyClosed', reason: '设备检修' } },
    };
  },

  verifyStation: async (caller, ctx) => ({ params: { id: (await freshStation(caller, ctx)).id } }),

  // A real import (not a dry run), so the writes are what each caller is allowed or refused.
  importStations: async (caller) => ({
    body: { orgPath: ZJG, format: 'csv', fileName: '驿站.csv', content: importCsv(caller), dryRun: false },
  }),

  getStationImportTemplate: async () => ({ query: { format: 'csv' } }),
} satisfies FixtureSet;
