import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(__dirname, '../../functions/src');

/** The request order: a layer may import from the layers after it, never from one before it. */
const order = ['handlers', 'http', 'services', 'db', 'lib'] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** The functions/src layer each relative import of a file lands in. */
function importedLayers(file: string): { specifier: string; layer: string }[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map(
    (m) => m[1]!,
  );
  return specifiers.map((specifier) => {
    const target = path.relative(src, path.resolve(path.dirname(file), specifier));
    return { specifier, layer: target.split(path.sep)[0]! };
  });
}

describe('functions/src layer order', () => {
  it.each(order.map((layer, index) => [layer, index] as const))(
    '%s imports only from itself and the layers after it',
    (layer, index) => {
      const above = new Set(order.slice(0, index));
      const offenders = filesUnder(path.join(src, layer)).flatMap((file) =>
        importedLayers(file)
          .filter((i) => above.has(i.layer as (typeof order)[number]))
          .map((i) => `${path.relative(src, file)} → ${i.specifier}`),
      );
      expect(offenders).toStrictEqual([]);
    },
  );

  // A Lambda bundle holds what functions/src imports: the local stack (the fake WeChat, the seed)
  // and the tests must never be reached from it.
  it('imports nothing outside functions/src by relative path', () => {
    const outside = filesUnder(src).flatMap((file) =>
      importedLayers(file)
        .filter((i) => i.layer === '..')
        .map((i) => `${path.relative(src, file)} → ${i.specifier}`),
    );
    expect(outside).toStrictEqual([]);
  });

  it('sees the imports it checks (the check itself is not blind)', () => {
    const route = importedLayers(path.join(src, 'http/route.ts')).map((i) => i.layer);
    expect(route).toContain('lib');
    expect(route).toContain('http');
  });
});
