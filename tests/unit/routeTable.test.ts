import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { contracts } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const config = parse(readFileSync(path.join(root, 'serverless.yml'), 'utf8')) as {
  functions: Record<string, { handler: string; events?: { httpApi?: { method: string; path: string } }[] }>;
};

const events = Object.entries(config.functions).flatMap(([name, fn]) =>
  (fn.events ?? []).flatMap((event) => (event.httpApi ? [{ name, ...event.httpApi }] : [])),
);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('Contracts: the single route table', () => {
  it.each(Object.values(contracts).map((c) => [c.name, c] as const))(
    '%s has exactly one httpApi event with its method and path',
    (name, contract) => {
      const matching = events.filter(
        (event) => event.method === contract.method && event.path === contract.path,
      );
      expect(matching).toStrictEqual([{ name, method: contract.method, path: contract.path }]);
    },
  );

  it('has a contract for every httpApi event', () => {
    const declared = new Set(Object.values(contracts).map((c) => `${c.method} ${c.path}`));
    const orphans = events.filter((event) => !declared.has(`${event.method} ${event.path}`));
    expect(orphans).toStrictEqual([]);
  });

  it('has a handler file named after each contract', () => {
    for (const contract of Object.values(contracts)) {
      const fn = config.functions[contract.name];
      expect(fn?.handler).toBe(`functions/src/handlers/${contract.name}.handler`);
      expect(existsSync(path.join(root, `functions/src/handlers/${contract.name}.ts`))).toBe(true);
    }
  });

  it('has no hand-written API paths in the client', () => {
    const paths = Object.values(contracts).map((c) => c.path.replace(/\{\w+\}.*/, ''));
    const offenders = filesUnder(path.join(root, 'client/src'))
      .filter((file) => /\.(ts|tsx)$/.test(file))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return paths
          .filter((p) => text.includes(`'${p}`) || text.includes(`"${p}`) || text.includes(`\`${p}`))
          .map((p) => `${file}: ${p}`);
      });
    expect(offenders).toStrictEqual([]);
  });
});
