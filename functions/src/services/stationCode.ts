import { putObject, readObjectStart } from '../db/objectStore';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { loadManagedStation } from './managedStations';
import { type CodeImage, fetchUnlimitedCode, imageType, MAX_CODE_IMAGE_BYTES } from './wechatCodes';

/** The station page; it reads the station id from the code's `scene` (services/pageUrl on the client). */
export const STATION_CODE_PAGE = 'pages/station/index';
/** WeChat carries at most 32 characters of scene; station ids are `st_` and 20 hex characters. */
const MAX_SCENE = 32;

/**
 * Where a station's code is kept: one object per station and build it opens (a trial build's code
 * opens the trial build), made once, since a code never expires.
 */
const codeKey = (stationId: string) => `codes/stations/${env.WECHAT_MINIPROGRAM_STATE}/${stationId}`;

/** The kept code, if there is one and it is still an image (anything else is made again). */
async function storedCode(stationId: string): Promise<CodeImage | null> {
  const bytes = await readObjectStart(codeKey(stationId), MAX_CODE_IMAGE_BYTES);
  if (!bytes) return null;
  const buffer = Buffer.from(bytes);
  const mimeType = imageType(buffer);
  return mimeType ? { bytes: buffer, mimeType } : null;
}

/**
 * The mini-program code on a station's poster (扫码评价 / 扫码报修): scanning it opens that station's
 * page. Staff of the station's org (or above) ask for it. WeChat is asked once per station; the
 * image is kept in the bucket and served from there after (an unlimited code never changes for
 * the same page and scene, so a kept one stays right).
 */
export async function getStationCode(caller: Caller, id: string) {
  const station = await loadManagedStation(caller, id);
  if (station.id.length > MAX_SCENE) {
    throw new AppError('WECHAT_UNAVAILABLE', { cause: new Error(`station id too long for a scene: ${id}`) });
  }
  let code = await storedCode(station.id);
  if (!code) {
    code = await fetchUnlimitedCode(station.id, STATION_CODE_PAGE);
    await putObject(codeKey(station.id), code.bytes, code.mimeType);
  }
  return {
    image: code.bytes.toString('base64'),
    mimeType: code.mimeType,
    page: STATION_CODE_PAGE,
    scene: station.id,
    stationName: station.name,
  };
}
