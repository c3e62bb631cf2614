import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const weappDist = path.resolve(__dirname, '../../client/dist/weapp');

export interface PackageSizes {
  /** Bytes per package: `main`, then each subpackage root as named in app.json. */
  bytes: Record<string, number>;
}

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, found);
    else found.push(full);
  }
  return found;
}

/**
 * Sizes as WeChat counts them: files under a subpackage root belong to it, everything else to the
 * main package. project.config.json is DevTools' file, not part of the upload.
 */
export function measurePackages(dist = weappDist): PackageSizes {
  const app = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>;
  };
  const roots = (app.subPackages ?? []).map((sub) => sub.root.replace(/\/+$/, ''));
  const bytes: Record<string, number> = { main: 0 };
  for (const root of roots) bytes[root] = 0;
  for (const file of walk(dist)) {
    const relative = path.relative(dist, file).split(path.sep).join('/');
    if (relative === 'project.config.json') continue;
    const owner = roots.find((root) => relative.startsWith(`${root}/`)) ?? 'main';
    bytes[owner] = (bytes[owner] ?? 0) + statSync(file).size;
  }
  return { bytes };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
