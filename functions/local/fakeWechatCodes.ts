import type http from 'node:http';
import { crc32, deflateSync } from 'node:zlib';
import { type Send, withJsonBody } from './fakeWechatMessages';

/** A code request as the fake received it: the JSON body and the access token it carried. */
export interface ReceivedCodeRequest {
  body: Record<string, unknown>;
  accessToken: string;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * A small valid PNG (8×8 grey checkerboard) whose `tEXt` chunk names the scene, so a test can tell
 * the image it got was made for its own scene.
 */
export function tinyPng(scene: string): Buffer {
  const size = 8;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  const rows = Array.from({ length: size }, (_, y) =>
    Buffer.from([0, ...Array.from({ length: size }, (_, x) => ((x + y) % 2 ? 0 : 255))]),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', Buffer.from(`Comment\0scene=${scene}`, 'latin1')),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A stand-in for WeChat's mini-program codes on the fake's port:
 * - `POST /wxa/getwxacodeunlimit?access_token=…` refuses an unknown token (40001), otherwise
 *   answers a PNG for the body's scene, or the refusal set for that scene;
 * - `POST /__fake/codes/fail` `{scene, errcode}` makes every later request for that scene refuse
 *   with that errcode (tests of several files share one fake, each steers its own scene);
 * - `GET /__fake/codes?scene=…` answers `{requests}`: what was asked for that scene.
 */
export function fakeCodes(knowsToken: (token: string) => boolean) {
  const received = new Map<string, ReceivedCodeRequest[]>();
  const refusals = new Map<string, number>();

  function answer(url: URL, body: Record<string, unknown>, send: Send, response: http.ServerResponse) {
    if (url.pathname === '/__fake/codes/fail') {
      refusals.set(String(body.scene ?? ''), Number(body.errcode ?? 45009));
      return send(200, { failing: true });
    }
    const accessToken = url.searchParams.get('access_token') ?? '';
    if (!knowsToken(accessToken)) return send(200, { errcode: 40001, errmsg: 'invalid credential' });
    const scene = String(body.scene ?? '');
    received.set(scene, [...(received.get(scene) ?? []), { body, accessToken }]);
    const errcode = refusals.get(scene);
    if (errcode !== undefined) return send(200, { errcode, errmsg: 'refused by the fake' });
    // WeChat labels its code images loosely (often image/jpeg); the service must go by the bytes.
    response.writeHead(200, { 'content-type': 'image/jpeg' });
    response.end(tinyPng(scene));
  }

  /** Takes the requests this fake serves (true), leaving the rest to the caller (false). */
  return function handle(
    request: http.IncomingMessage,
    url: URL,
    send: Send,
    response: http.ServerResponse,
  ): boolean {
    if (url.pathname === '/__fake/codes') {
      send(200, { requests: received.get(url.searchParams.get('scene') ?? '') ?? [] });
      return true;
    }
    if (url.pathname !== '/wxa/getwxacodeunlimit' && url.pathname !== '/__fake/codes/fail') return false;
    withJsonBody(request, send, (body) => answer(url, body, send, response));
    return true;
  };
}
