import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveStatic } from '../../functions/local/serveStatic';

/**
 * A small H5 build (`files`: path under the build's root → its text) written to a temporary
 * folder and served by the local H5 server, with the API at http://127.0.0.1:3999. `close` stops
 * the server and removes the folder.
 */
export async function serveH5Build(
  files: Record<string, string>,
): Promise<{ url: string; close(): Promise<void> }> {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'ankang-h5-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dist, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const web = await serveStatic(dist, { apiBase: 'http://127.0.0.1:3999/' });
  return {
    url: web.url,
    close: async () => {
      await web.close();
      rmSync(dist, { recursive: true, force: true });
    },
  };
}
