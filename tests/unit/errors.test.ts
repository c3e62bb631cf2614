import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Contract, contracts, declaredErrors, errorCatalog, errorCodes } from '@ankang/shared';
import { describe, expect, it } from 'vitest';

const all = Object.values(contracts as Record<string, Contract>);
const functionsSrc = path.resolve(__dirname, '../../functions/src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Every code the server code raises by name: `new AppError('CODE'`. */
function raisedCodes(): Map<string, string[]> {
  const raised = new Map<string, string[]>();
  for (const file of filesUnder(functionsSrc)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/new AppError\(\s*'([A-Z_]+)'/g)) {
      raised.set(match[1]!, [...(raised.get(match[1]!) ?? []), path.relative(functionsSrc, file)]);
    }
  }
  return raised;
}

describe('Errors: codes the server raises and the contracts declare', () => {
  it('raises only codes of the catalog, and each is declared by some route or the pipeline', () => {
    const declaredAnywhere = new Set(all.flatMap((contract) => [...declaredErrors(contract)]));
    const raised = raisedCodes();
    // The scan must see the server's codes, or this test proves nothing.
    expect(raised.has('STATION_NOT_FOUND')).toBe(true);
    const undeclared = [...raised].filter(([code]) => !declaredAnywhere.has(code as never));
    expect(undeclared).toStrictEqual([]);
    const unknown = [...raised.keys()].filter((code) => !(code in errorCatalog));
    expect(unknown).toStrictEqual([]);
  });

  it('declares no 5xx on any route but the WeChat outage on the routes that call WeChat', () => {
    const serverErrors = all.flatMap((contract) =>
      contract.errors
        .filter((code) => errorCatalog[code].status >= 500)
        .map((code) => `${contract.name}:${code}`),
    );
    expect(serverErrors).toStrictEqual([
      'login:WECHAT_UNAVAILABLE',
      'getStationCode:WECHAT_UNAVAILABLE',
      'getCampaignSignupCode:WECHAT_UNAVAILABLE',
    ]);
  });

  it('adds the token codes only to signed-in routes and OUT_OF_SCOPE only to scoped ones', () => {
    const health = all.find((c) => c.access === 'public' && !c.orgScope)!;
    const scoped = all.find((c) => c.access !== 'public' && c.orgScope)!;
    expect(declaredErrors(health).has('UNAUTHENTICATED')).toBe(false);
    expect(declaredErrors(health).has('VALIDATION_FAILED')).toBe(true);
    expect(declaredErrors(scoped).has('UNAUTHENTICATED')).toBe(true);
    expect(declaredErrors(scoped).has('OUT_OF_SCOPE')).toBe(true);
    expect(declaredErrors(scoped).has('INTERNAL')).toBe(false);
  });

  it('gives every code a Chinese message and a 4xx/5xx status', () => {
    for (const code of errorCodes) {
      expect(errorCatalog[code].message, code).toMatch(/[\u4e00-\u9fff]/);
      expect(errorCatalog[code].status, code).toBeGreaterThanOrEqual(400);
    }
  });
});
