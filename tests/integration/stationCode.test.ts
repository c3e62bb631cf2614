import { randomUUID } from 'node:crypto';
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, inject, it } from 'vitest';
import { tinyPng } from '../../functions/local/fakeWechatCodes';
import { handler as getStationCode } from '../../functions/src/handlers/getStationCode';
import { httpEvent, invoke } from '../support/events';
import { codeRequests } from '../support/wechatCodes';
import { freshOrg, freshUser } from './fixtures';
import { photoBucket as bucket, s3 } from './photoFixtures';
import { storedStation } from './stationFixtures';

const wechat = inject('wechatApiBase');
// The test's own S3 client (photoFixtures), so what is kept is checked independently of objectStore.ts.

const zjg = '320000/320500/320582';
const PAGE = 'pages/station/index';
/** The tests' functions run with WECHAT_MINIPROGRAM_STATE unset: the released build, `formal`. */
const keptAt = (stationId: string) => `codes/stations/formal/${stationId}`;

const code = (token: string, id: string) =>
  invoke(getStationCode, httpEvent({ path: `/staff/stations/${id}/code`, token, params: { id } }));

async function kept(key: string): Promise<Buffer | null> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  } catch (error) {
    if (error instanceof NoSuchKey) return null;
    throw error;
  }
}

async function setup() {
  const county = await freshOrg(zjg, '测试县工会');
  const station = await storedStation({ orgPath: county, name: `扫码驿站${randomUUID().slice(0, 4)}` });
  const staff = await freshUser({ roles: ['staff'], orgPath: county });
  return { county, station, staff };
}

describe('Handler: getStationCode', () => {
  it('asks WeChat once for the station page with the station id, keeps the image and serves it after', async () => {
    const { station, staff } = await setup();

    const first = await code(staff.token, station.id);
    const second = await code(staff.token, station.id);

    const expected = tinyPng(station.id);
    for (const result of [first, second]) {
      expect(result).toStrictEqual({
        status: 200,
        body: {
          image: expected.toString('base64'),
          mimeType: 'image/png',
          page: PAGE,
          scene: station.id,
          stationName: station.name,
        },
      });
    }
    const requests = await codeRequests(wechat, station.id);
    expect(requests.map((request) => request.body)).toStrictEqual([
      { scene: station.id, page: PAGE, check_path: false, env_version: 'release', width: 430 },
    ]);
    expect(await kept(keptAt(station.id))).toStrictEqual(expected);
  });

  it('serves the kept image without asking WeChat, and makes a new one when the kept object is not an image', async () => {
    const { station, staff } = await setup();
    const planted = tinyPng(`planted-${station.id}`);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: keptAt(station.id), Body: planted }));

    const served = await code(staff.token, station.id);
    expect((served.body as { image: string }).image).toBe(planted.toString('base64'));
    expect(await codeRequests(wechat, station.id)).toHaveLength(0);

    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: keptAt(station.id), Body: 'not an image' }));
    const remade = await code(staff.token, station.id);
    expect((remade.body as { image: string }).image).toBe(tinyPng(station.id).toString('base64'));
    expect(await codeRequests(wechat, station.id)).toHaveLength(1);
  });

  it('refuses staff beside and below the station’s org and workers, asking WeChat nothing; admits above', async () => {
    const { county, station } = await setup();
    const beside = await freshUser({ roles: ['staff'], orgPath: await freshOrg(zjg, '隔壁县工会') });
    const below = await freshUser({ roles: ['staff'], orgPath: await freshOrg(county, '测试镇工会') });
    const above = await freshUser({ roles: ['staff'], orgPath: '320000/320500' });
    const worker = await freshUser();

    for (const outsider of [beside, below]) {
      expect(await code(outsider.token, station.id)).toStrictEqual({
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE', message: '超出您所在工会组织的管理范围' } },
      });
    }
    expect(await code(worker.token, station.id)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await codeRequests(wechat, station.id)).toHaveLength(0);
    expect((await code(above.token, station.id)).status).toBe(200);
  });

  it('answers STATION_NOT_FOUND for a station that does not exist', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    const missing = `st_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    expect(await code(admin.token, missing)).toStrictEqual({
      status: 404,
      body: { error: { code: 'STATION_NOT_FOUND', message: '未找到该驿站，可能已被删除' } },
    });
    expect(await codeRequests(wechat, missing)).toHaveLength(0);
  });

  it('answers WECHAT_UNAVAILABLE when WeChat refuses, and keeps nothing', async () => {
    const { station, staff } = await setup();
    await fetch(`${wechat}/__fake/codes/fail`, {
      method: 'POST',
      body: JSON.stringify({ scene: station.id, errcode: 45009 }),
    });

    const result = await code(staff.token, station.id);

    expect(result).toMatchObject({
      status: 502,
      body: { error: { code: 'WECHAT_UNAVAILABLE', message: '微信服务暂时不可用，请稍后再试' } },
    });
    expect(await kept(keptAt(station.id))).toBeNull();
  });
});
