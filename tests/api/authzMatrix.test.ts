import { type AuthzCaller, authzCallers, buildPath, type Contract, contracts } from '@ankang/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { type MatrixWorld, matrixWorld } from './authz/callers';
import type { FixtureContext, MatrixRequest } from './authz/fixture';
import { fixtures } from './authz/fixtures';
import { request } from './http';

/**
 * The authorization matrix: every route, sent a valid request as each kind of caller over HTTP,
 * must answer what its contract's `authz` declares ('ok' for its success status, else the refusal's
 * code). The expectation lives on the contract and the request in ./authz, so a new route without
 * either fails here (and does not compile).
 */

const routes = Object.entries(contracts as Record<string, Contract>);
const CALLERS_AT_ONCE = 3;

let world: MatrixWorld;
const made = new Map<string, Promise<unknown>>();

function context(): FixtureContext {
  return {
    ...world,
    token(caller) {
      const token = world.callers[caller].token;
      if (!token) throw new Error(`${caller} has no token`);
      return token;
    },
    once<T>(key: string, make: () => Promise<T>) {
      if (!made.has(key)) made.set(key, make());
      return made.get(key) as Promise<T>;
    },
  };
}

/** What the answer was, in the declaration's terms. */
function outcomeOf(contract: Contract, answer: { status: number; body: unknown }): string {
  if (answer.status === (contract.successStatus ?? 200)) {
    const shaped = contract.output.safeParse(answer.body);
    return shaped.success ? 'ok' : `ok but not its output: ${shaped.error.issues[0]?.message}`;
  }
  const code = (answer.body as { error?: { code?: string } } | undefined)?.error?.code;
  return code ?? `status ${answer.status}`;
}

async function send(contract: Contract, caller: AuthzCaller, input: MatrixRequest): Promise<string> {
  const query = input.query ? `?${new URLSearchParams(input.query)}` : '';
  const answer = await request(contract.method, `${buildPath(contract.path, input.params)}${query}`, {
    token: input.token ?? world.callers[caller].token,
    body: input.body,
  });
  return outcomeOf(contract, answer);
}

beforeAll(async () => {
  world = await matrixWorld();
}, 120_000);

describe('authorization matrix', () => {
  it('has a declaration for every caller and a fixture for every route', () => {
    for (const [name, contract] of routes) {
      expect(Object.keys(contract.authz).sort(), name).toStrictEqual([...authzCallers].sort());
      expect(fixtures[name as keyof typeof fixtures], `no fixture for ${name}`).toBeTypeOf('function');
    }
  });

  for (const [name, contract] of routes) {
    it(`${name}: ${contract.method} ${contract.path}`, { timeout: 120_000 }, async () => {
      const fixture = fixtures[name as keyof typeof fixtures];
      const ctx = context();
      const answers: [AuthzCaller, string][] = [];
      // A few callers at once, not all nine: nine first calls of a heavy route together (each a cold
      // handler in serverless-offline's one process) outlasted its 10 s timeout on a busy machine.
      for (let i = 0; i < authzCallers.length; i += CALLERS_AT_ONCE) {
        const group = authzCallers.slice(i, i + CALLERS_AT_ONCE);
        answers.push(
          ...(await Promise.all(
            group.map(
              async (caller): Promise<[AuthzCaller, string]> => [
                caller,
                await send(contract, caller, await fixture(caller, ctx)),
              ],
            ),
          )),
        );
      }
      expect(Object.fromEntries(answers)).toStrictEqual({ ...contract.authz });
    });
  }
});
