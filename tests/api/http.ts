import { randomUUID } from 'node:crypto';
import { type Contract, contracts, type PhotoUploadTicket } from '@ankang/shared';
import { expect, inject } from 'vitest';
import { expectDeclaredError } from '../support/events';

const routes = Object.values(contracts as Record<string, Contract>).map((contract) => ({
  contract,
  pattern: new RegExp(`^${contract.path.replace(/\{\w+\}/g, '[^/]+')}$`),
}));

/**
 * The contract serving a request, if any (a path no contract has is API Gateway's 404). As API
 * Gateway routes, a path with fewer parameters wins: `/staff/stations/import-template` is its own
 * route, not `/staff/stations/{id}`.
 */
function contractFor(method: string, path: string): Contract | undefined {
  const bare = path.split('?')[0]!;
  const parametersIn = (contract: Contract) => (contract.path.match(/\{/g) ?? []).length;
  return routes
    .filter((r) => r.contract.method === method && r.pattern.test(bare))
    .map((r) => r.contract)
    .sort((a, b) => parametersIn(a) - parametersIn(b))[0];
}

/** Any Chinese character: every refusal's message is written in Chinese. */
export const HAN = /\p{Script=Han}/u;

/** An answer as `request` gives it, headers aside. */
export type Answer = { status: number; body: unknown };

/** The answer is this refusal: exactly this status and error code, with a Chinese message. */
export function expectRefused(answer: Answer, status: number, code: string): void {
  const error = (answer.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  expect({ status: answer.status, code: error?.code }).toStrictEqual({ status, code });
  expect(error?.message).toMatch(HAN);
}

/**
 * What no answer may carry, on any route: a stack frame or source position, an exception's or
 * library's own name, or the table's keys (the only id an error gives is the request id).
 */
const leaks: [string, RegExp][] = [
  ['a stack frame', /\bat [\w.<>$]+ \(/],
  ['a source position', /\.(ts|js|mjs|cjs):\d+/],
  ['a module path', /node_modules|\/src\/(services|db|http|lib)\//],
  ['a stack', /"stack"\s*:/],
  ['a table key', /"(pk|sk|gsi\dpk|gsi\dsk)"\s*:/],
  [
    'an exception name',
    /\b(ConditionalCheckFailed|TransactionCanceled|ValidationException|ResourceNotFound|ZodError|TypeError|SyntaxError)\b/,
  ],
];

/**
 * No answer leaks anything above; a route's refusal (not the gateway's own 404 for a path no route
 * has) is `{ error: { code, message, details? } }`.
 */
function expectNothingInternal(status: number, text: string, body: unknown, routed: boolean): void {
  for (const [what, pattern] of leaks)
    expect(text, `the answer carries ${what}: ${text.slice(0, 300)}`).not.toMatch(pattern);
  if (!routed || status < 400 || body === undefined) return;
  expect(Object.keys(body as object)).toStrictEqual(['error']);
  const error = (body as { error: object }).error;
  expect(Object.keys(error).filter((key) => !['code', 'message', 'details'].includes(key))).toStrictEqual([]);
}

/** One real HTTP request to serverless-offline; the JSON body parsed. */
export async function request(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${inject('apiBase')}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined || options.rawBody ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  const contract = contractFor(method, path);
  expectNothingInternal(response.status, text, body, contract !== undefined);
  if (contract) expectDeclaredError(contract, response.status, body);
  return { status: response.status, body, headers: response.headers };
}

export async function loginWithCode(code: string): Promise<{ token: string; me: { id: string } }> {
  const result = await request('POST', '/auth/login', { body: { code } });
  if (result.status !== 200) throw new Error(`login failed: ${JSON.stringify(result.body)}`);
  return result.body as { token: string; me: { id: string } };
}

/** Signs in as the seeded demo account with this nickname. */
export async function loginAsDemo(nickname: string): Promise<string> {
  const { body } = await request('GET', '/auth/dev-accounts');
  const account = (body as { accounts: { userId: string; nickname: string }[] }).accounts.find(
    (a) => a.nickname === nickname,
  );
  if (!account) throw new Error(`no demo account ${nickname}`);
  const session = await request('POST', '/auth/dev-login', { body: { userId: account.userId } });
  return (session.body as { token: string }).token;
}

/**
 * A PNG sent as a phone sends a photo, short of its last step: ask for room (POST /photos/uploads)
 * and PUT the bytes to the bucket with the ticket's method and headers. The new photo's id.
 */
export async function sendPhoto(
  token: string,
  owner: { kind: string; id: string },
  png: Uint8Array,
): Promise<string> {
  const id = `ph_${randomUUID().replace(/-/g, '')}`;
  const issued = await request('POST', '/photos/uploads', {
    token,
    body: { id, owner, contentType: 'image/png', size: png.length },
  });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  const ticket = issued.body as PhotoUploadTicket;
  const put = await fetch(ticket.uploadUrl, {
    method: ticket.method,
    headers: ticket.headers,
    body: new Uint8Array(png),
  });
  await put.arrayBuffer();
  expect(put.status).toBe(200);
  return id;
}

/** A photo sent (sendPhoto) and then completed (POST /photos/{id}/complete). The new photo's id. */
export async function uploadPhoto(
  token: string,
  owner: { kind: string; id: string },
  png: Uint8Array,
): Promise<string> {
  const id = await sendPhoto(token, owner, png);
  const completed = await request('POST', `/photos/${id}/complete`, { token });
  expect(completed.status, JSON.stringify(completed.body)).toBe(200);
  return id;
}

/** The messages the fake WeChat delivered to one openid (a login code `ok-x` is openid `openid-ok-x`). */
export async function messagesTo(
  openid: string,
): Promise<({ template_id: string; page: string } & Record<string, unknown>)[]> {
  const response = await fetch(
    `${inject('apiWechatBase')}/__fake/messages?touser=${encodeURIComponent(openid)}`,
  );
  return (
    (await response.json()) as {
      messages: ({ template_id: string; page: string } & Record<string, unknown>)[];
    }
  ).messages;
}
