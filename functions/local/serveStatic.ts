import http from 'node:http';
import sirv from 'sirv';

/** Serves a built folder (the H5 app) on 127.0.0.1; a free port unless one is given. */
export async function serveStatic(root: string, port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const handler = sirv(root, { single: true, dev: true, etag: true });
  const server = http.createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
