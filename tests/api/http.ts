import { type Contract, contracts } from '@ankang/shared';
import { inject } from 'vitest';
import { expectDeclaredError } from '../support/events';

const routes = Object.values(contracts as Record<string, Contract>).map((contract) => ({
  contract,
  pattern: new RegExp(`^${contract.path.replace(/\{\w+\}/g, '[^/]+')}$`),
}));

/** The contract serving a request, if any (a path no contract has is API Gateway's 404). */
function contractFor(method: string, path: string): Contract | undefined {
  const bare = path.split('?')[0]!;
  return routes.find((r) => r.contract.method === method && r.pattern.test(bare))?.contract;
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
