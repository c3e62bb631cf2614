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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// Where a URL's path starts inside code: a string's opening quote, the end of a `${…}` in a
// template literal, or a host (`//api.example.com:3000`). A page route such as '/pages/stations/index'
// holds `/stations` too, but mid-path, so it is not taken for one.
const pathStart = String.raw`(?:['"\`}]|//[\w.-]+(?::\d+)?)`;
// A fragment ending in a name must end there: '/me' is the API, '/meeting' is not.
const pathEnd = (fragment: string) => (/[\w-]$/.test(fragment) ? String.raw`(?![\w-])` : '');

/**
 * Every API path fragment a client file must not spell out: each contract path with its `{param}`s
 * matching anything (an interpolation, a concatenation), and each static piece of it on its own
 * (`/staff/stations/`, then `/verify` after a `${…}`).
 */
const apiPathPatterns = Object.values(contracts).flatMap((contract) => {
  const pieces = contract.path.split(/\{\w+\}/).filter(Boolean);
  const whole = `${pathStart}${pieces.map(escapeRegExp).join('[^\\n]*?')}${pathEnd(contract.path)}`;
  return [contract.path, ...pieces].map((source, index) => ({
    source,
    pattern: new RegExp(index === 0 ? whole : `${pathStart}${escapeRegExp(source)}${pathEnd(source)}`),
  }));
});

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
    const offenders = filesUnder(path.join(root, 'client/src'))
      .filter((file) => /\.(ts|tsx)$/.test(file))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        const found = apiPathPatterns.filter(({ pattern }) => pattern.test(text)).map(({ source }) => source);
        return [...new Set(found)].map((source) => `${path.relative(root, file)}: ${source}`);
      });
    expect(offenders).toStrictEqual([]);
  });

  // biome-ignore-start lint/suspicious/noTemplateCurlyInString: the samples are client code with template literals.
  it.each([
    ["'/stations/nearby'", true],
    ['"/districts?all=1"', true],
    ['`/stations/${id}/feedback`', true],
    ['`${apiBase}/staff/stations/${id}`', true],
    ["apiBase + '/staff/problems/' + id", true],
    ["'/stations/' + id + '/reports'", true],
    ['`${stationUrl}/verify`', true],
    ["'https://api.example.com/me'", true],
    ["'/pages/stations/index'", false],
    ["'/staff/pages/reports/index'", false],
    ["'/pages/me/index'", false],
    ['// POST /auth/login, then GET /me', false],
    ["'/meeting'", false],
  ] as const)('spots an API path in %s: %s', (code, spotted) => {
    expect(apiPathPatterns.some(({ pattern }) => pattern.test(code))).toBe(spotted);
  });
  // biome-ignore-end lint/suspicious/noTemplateCurlyInString: see above.
});
