import { z } from 'zod';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import { postToWechat, withAccessToken } from './wechatToken';

const refusalSchema = z.object({ errcode: z.number(), errmsg: z.string().optional() });

/** Which build of the mini-program a scanned code opens, in `getwxacodeunlimit`'s words. */
const envVersions = { formal: 'release', trial: 'trial', developer: 'develop' } as const;
/** A 430 px code is some tens of KB; far more is not a code, and would bloat the staff page. */
export const MAX_CODE_IMAGE_BYTES = 200_000;
const CODE_WIDTH = 430;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

export interface CodeImage {
  bytes: Buffer;
  mimeType: 'image/png' | 'image/jpeg';
}

type Answer = { image: CodeImage; errcode?: undefined } | { errcode: number; errmsg?: string };

/** Told apart by the bytes, not the header: WeChat labels its codes loosely. */
export function imageType(bytes: Buffer): CodeImage['mimeType'] | null {
  if (bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.subarray(0, JPEG_SIGNATURE.length).equals(JPEG_SIGNATURE)) return 'image/jpeg';
  return null;
}

async function requestOnce(scene: string, page: string, token: string): Promise<Answer> {
  const response = await postToWechat(
    '/wxa/getwxacodeunlimit',
    {
      scene,
      page,
      // The page exists in every build we ship; checking it would refuse codes for an unreleased build.
      check_path: false,
      env_version: envVersions[env.WECHAT_MINIPROGRAM_STATE],
      width: CODE_WIDTH,
    },
    { access_token: token },
  );
  const bytes = Buffer.from(await response.arrayBuffer());
  const mimeType = imageType(bytes);
  if (mimeType) return { image: { bytes, mimeType } };
  // Not an image: WeChat's refusal as JSON ({errcode, errmsg}), or something else entirely.
  let refusal: unknown;
  try {
    refusal = JSON.parse(bytes.toString('utf8'));
  } catch {
    refusal = null;
  }
  const parsed = refusalSchema.safeParse(refusal);
  return parsed.success ? parsed.data : { errcode: -1, errmsg: 'neither an image nor a refusal' };
}

/**
 * An unlimited mini-program code (`/wxa/getwxacodeunlimit`) that opens `page` with `scene` (≤ 32
 * characters) as its `scene` query parameter. Any failure to get one is WECHAT_UNAVAILABLE.
 */
export async function fetchUnlimitedCode(scene: string, page: string): Promise<CodeImage> {
  let answer: Answer;
  try {
    answer = await withAccessToken((token) => requestOnce(scene, page, token));
  } catch (cause) {
    throw new AppError('WECHAT_UNAVAILABLE', { cause });
  }
  if (answer.errcode !== undefined) {
    logger.warn('mini-program code refused', { errcode: answer.errcode, errmsg: answer.errmsg });
    throw new AppError('WECHAT_UNAVAILABLE', {
      cause: new Error(`getwxacodeunlimit: ${answer.errcode} ${answer.errmsg ?? ''}`),
    });
  }
  if (answer.image.bytes.length > MAX_CODE_IMAGE_BYTES) {
    throw new AppError('WECHAT_UNAVAILABLE', {
      cause: new Error(`getwxacodeunlimit: ${answer.image.bytes.length} bytes`),
    });
  }
  return answer.image;
}
