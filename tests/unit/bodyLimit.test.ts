import {
  type Contract,
  contracts,
  createCampaign,
  createStation,
  declaredErrors,
  defineContract,
  importHardshipFiles,
  importStations,
  openToAll,
  updateCampaign,
  updateStation,
} from '@ankang/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { route } from '../../functions/src/http/route';
import { httpEvent, invoke } from '../support/events';

// Whether the pipeline read the caller: a refused body must be refused before that.
const getUser = vi.fn(async () => null);
vi.mock('../../functions/src/db/users', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../functions/src/db/users')>()),
  getUser: () => getUser(),
}));

/** Written out apart from the code: 64 KB unless a route says more. */
const DEFAULT_CAP = 64 * 1024;

const textContract = defineContract({
  name: 'text',
  summary: 'test route',
  method: 'POST',
  path: '/text',
  access: 'public',
  authz: openToAll,
  body: z.object({ text: z.string() }),
  output: z.object({ length: z.number() }),
  errors: [],
});
const service = vi.fn(async ({ input }: { input: { body: { text: string } } }) => ({
  length: input.body.text.length,
}));
const handler = route(textContract, service);
const largerHandler = route({ ...textContract, maxBodyBytes: 128 * 1024 }, service);
const signedInHandler = route({ ...textContract, access: ['staff'] as const }, service);

/** A raw JSON body `{"text":"…"}` of exactly `bytes` bytes in UTF-8, made of `char` (1 or 3 bytes). */
function bodyOf(bytes: number, char = 'a'): string {
  const frame = '{"text":""}';
  const width = Buffer.byteLength(char);
  const count = (bytes - frame.length) / width;
  expect(Number.isInteger(count)).toBe(true);
  const body = `{"text":"${char.repeat(count)}"}`;
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
}

const send = (target: Parameters<typeof invoke>[0], rawBody: string, token?: string) =>
  invoke(target, httpEvent({ method: 'POST', path: '/text', rawBody, token }));

const tooLarge = (kb: number) => ({
  status: 413,
  body: { error: { code: 'PAYLOAD_TOO_LARGE', message: `提交的内容过大（最大 ${kb} KB），请精简后重试` } },
});

describe('Pipeline: request body size', () => {
  beforeEach(() => {
    service.mockClear();
    getUser.mockClear();
  });

  it('takes a body of exactly 64 KB and refuses one byte more with 413, before parsing it', async () => {
    expect(await send(handler, bodyOf(DEFAULT_CAP))).toStrictEqual({
      status: 200,
      body: { length: DEFAULT_CAP - 11 },
    });
    expect(await send(handler, bodyOf(DEFAULT_CAP + 1))).toStrictEqual(tooLarge(64));
    // Not even JSON: the size is refused first, the JSON never read.
    expect(await send(handler, `{${'x'.repeat(DEFAULT_CAP)}`)).toStrictEqual(tooLarge(64));
    expect(service).toHaveBeenCalledTimes(1);
  });

  it('counts bytes, not characters: Chinese text is three bytes a character', async () => {
    // 21,842 characters: a third of the cap in characters, over it in bytes.
    const body = bodyOf(DEFAULT_CAP + 1, '安');
    expect(body.length).toBeLessThan(DEFAULT_CAP);
    expect(await send(handler, body)).toStrictEqual(tooLarge(64));
    expect(service).not.toHaveBeenCalled();
  });

  it('counts a base64 body by its decoded bytes', async () => {
    const event = (raw: string) => ({
      ...httpEvent({ method: 'POST', path: '/text' }),
      body: Buffer.from(raw).toString('base64'),
      isBase64Encoded: true,
    });
    expect(await invoke(handler, event(bodyOf(DEFAULT_CAP)))).toStrictEqual({
      status: 200,
      body: { length: DEFAULT_CAP - 11 },
    });
    expect(await invoke(handler, event(bodyOf(DEFAULT_CAP + 1)))).toStrictEqual(tooLarge(64));
  });

  it('refuses before the token is read: no user lookup for a megabyte', async () => {
    expect(await send(signedInHandler, bodyOf(1_000_000), 'any.token.here')).toStrictEqual(tooLarge(64));
    expect(getUser).not.toHaveBeenCalled();
    expect(service).not.toHaveBeenCalled();
  });

  it('takes up to what a route declares, and refuses more', async () => {
    expect((await send(largerHandler, bodyOf(100 * 1024))).status).toBe(200);
    expect(await send(largerHandler, bodyOf(128 * 1024 + 1))).toStrictEqual(tooLarge(128));
  });

  it('is a code every route declares', () => {
    for (const contract of Object.values(contracts as Record<string, Contract>)) {
      expect(declaredErrors(contract).has('PAYLOAD_TOO_LARGE'), contract.name).toBe(true);
    }
  });
});

/** Non-overlapping periods through the day, `count` of them. */
const periods = (count: number) =>
  Array.from({ length: count }, (_, n) => ({
    open: `${String(n * 4).padStart(2, '0')}:00`,
    close: `${String(n * 4 + 3).padStart(2, '0')}:00`,
  }));

describe('Routes that carry more than the default declare enough', () => {
  it('a station with a year of dated exceptions (366 days, six periods and a note each)', () => {
    const start = Date.parse('2028-01-01T00:00:00Z');
    const exceptions = Array.from({ length: 366 }, (_, n) => ({
      date: new Date(start + n * 86_400_000).toISOString().slice(0, 10),
      closed: false,
      periods: periods(6),
      note: '设'.repeat(30),
    }));
    const body = {
      name: '驿'.repeat(60),
      address: '址'.repeat(120),
      district: '张家港市',
      orgPath: '320000/320500/320582',
      location: { lng: 120.55, lat: 31.87 },
      hostType: 'union',
      amenities: ['water', 'toilet'],
      hours: { alwaysOpen: false, weekly: [], exceptions },
    };
    expect(createStation.body.safeParse(body).success).toBe(true);
    const bytes = Buffer.byteLength(JSON.stringify({ ...body, version: 1 }));
    expect(bytes).toBeGreaterThan(DEFAULT_CAP);
    expect(bytes).toBeLessThanOrEqual(createStation.maxBodyBytes);
    expect(bytes).toBeLessThanOrEqual(updateStation.maxBodyBytes);
  });

  it('a campaign with six kinds of fifty items, every name at its longest', () => {
    const kinds = Array.from({ length: 6 }, (_, k) => ({
      code: `kind-${k}`,
      name: '类'.repeat(10),
      items: Array.from({ length: 50 }, (_, i) => ({
        code: `item-${k}-${i}-${'x'.repeat(20)}`,
        name: '物'.repeat(20),
        unit: '单'.repeat(6),
        unitCostFen: 10_000_000,
      })),
    }));
    const body = {
      orgPath: '320000/320500/320582',
      title: '活'.repeat(40),
      season: { from: '2026-06-15', to: '2026-09-15' },
      signup: { from: '2026-06-01', to: '2026-08-31' },
      kinds,
      targetGroups: ['sanitation', 'courier'],
      coolingAllowance: { kind: 'kind-0', item: `item-0-0-${'x'.repeat(20)}`, perWorkerPerDay: 10 },
      requestId: '0123456789abcdef0123456789abcdef',
    };
    expect(createCampaign.body.safeParse(body).error?.issues).toBeUndefined();
    // As a client that escapes every non-ASCII character (\uXXXX, six bytes for three) sends it.
    const escaped = JSON.stringify({ ...body, version: 1 }).replace(
      /[^\p{ASCII}]/gu,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    expect(JSON.parse(escaped)).toStrictEqual({ ...body, version: 1 });
    const bytes = Buffer.byteLength(escaped);
    expect(bytes).toBeGreaterThan(DEFAULT_CAP);
    expect(bytes).toBeLessThanOrEqual(createCampaign.maxBodyBytes);
    expect(bytes).toBeLessThanOrEqual(updateCampaign.maxBodyBytes);
  });

  it('an import carrying a 4 MB file in base64', () => {
    const content = Buffer.alloc(4 * 1024 * 1024, 7).toString('base64');
    const body = {
      orgPath: '320000/320500/320582',
      format: 'xlsx',
      fileName: '名'.repeat(120),
      content,
      dryRun: false,
    };
    expect(importStations.body.safeParse(body).success).toBe(true);
    const bytes = Buffer.byteLength(JSON.stringify(body));
    expect(bytes).toBeLessThanOrEqual(importStations.maxBodyBytes);
    expect(bytes).toBeLessThanOrEqual(importHardshipFiles.maxBodyBytes);
  });
});
