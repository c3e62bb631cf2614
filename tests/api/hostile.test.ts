import { randomUUID } from 'node:crypto';
import { buildPath, type Contract, contracts } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { loginAsDemo, loginWithCode, request } from './http';

/**
 * Every route, as every kind of caller, with hostile input: the answer is a success or a 4xx with a
 * stable code declared by the route (request() checks the code against the contract), never a 5xx.
 * Routes added later are swept without anyone remembering to.
 */
const routes = Object.values(contracts as Record<string, Contract>);

const callers = {
  anonymous: null,
  worker: '刘师傅（环卫工）',
  volunteer: '赵磊',
  'staff beside (苏州工业园区)': '沈佳怡',
  'staff below (大新镇)': '顾晓东',
  admin: '周建国',
} as const;

/** Path parameters that look like ids but are not, or are far too long. */
const forgedParams = ['st_00000000000000000000', `rp_${'f'.repeat(24)}`, 'x'.repeat(400), '%F0%9F%92%A9'];

const hostileQueries = [
  '?lat=NaN&lng=Infinity&radius=-1&limit=1e309&cursor=eyJhIjoxfQ&org=..%2F..%2F&q=%00%E2%80%AE&state=<script>',
  // Plausible in every field but the cursor, so the forged cursor reaches the listing itself.
  '?org=320000&root=320000&lat=31.87&lng=120.55&radius=3000&state=new&cursor=eyJhIjoxfQ',
];

const hostileBodies: { name: string; raw: string }[] = [
  { name: 'empty object', raw: '{}' },
  { name: 'malformed JSON', raw: '{"a":' },
  { name: 'wrong types', raw: '{"version":"1","stars":"五","code":7,"content":[],"dryRun":"yes"}' },
  { name: 'deep JSON', raw: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  { name: 'lone surrogate and bidi', raw: '{"name":"\\ud800\\u202e","text":"\\u0000\\u001b"}' },
  { name: 'SQL and script', raw: `{"name":"'; DROP TABLE x; --","comment":"<img src=x onerror=alert(1)>"}` },
  { name: '1 MB string', raw: JSON.stringify({ name: 'a'.repeat(1_000_000), text: 'b'.repeat(1000) }) },
];

function pathFor(contract: Contract, param: string): string {
  const names = [...contract.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  // buildPath encodes; the forged values are already URL-safe, so undo its escaping of '%'.
  return buildPath(contract.path, Object.fromEntries(names.map((n) => [n, param]))).replace(/%25/g, '%');
}

describe('API: hostile input on every route', () => {
  it.each(routes.map((c) => [`${c.method} ${c.path}`, c] as const))(
    '%s never answers 5xx',
    async (_name, contract) => {
      for (const [who, nickname] of Object.entries(callers)) {
        // Sign-out revokes every token of its user: sweep it as a fresh user, never a shared demo one.
        const token = !nickname
          ? undefined
          : contract.name === 'logout'
            ? (await loginWithCode(`ok-${randomUUID()}`)).token
            : await loginAsDemo(nickname);
        // request() also fails the test on an error code the contract does not declare.
        const send = async (path: string, rawBody?: string, headers?: Record<string, string>) => {
          const result = await request(contract.method, path, { token, rawBody, headers });
          expect(result.status, `${who} ${contract.method} ${path.slice(0, 80)}`).toBeLessThan(500);
        };
        for (const param of contract.path.includes('{') ? forgedParams : ['']) {
          const path = pathFor(contract, param);
          for (const query of hostileQueries) await send(path + query);
          if (contract.method === 'GET' || contract.name === 'logout') continue;
          // The 1 MB body as admin only, not for every caller: it is slow to send.
          const bodies =
            who === 'admin' ? hostileBodies : hostileBodies.filter((b) => !b.name.includes('MB'));
          for (const body of bodies) await send(path, body.raw);
          await send(path, 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
        }
      }
    },
    // Some 250 requests one after another, four of them 1 MB: more than the tier's 30 s default.
    120_000,
  );
});
