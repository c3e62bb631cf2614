import { describe, expect, it } from 'vitest';
import { h5SecurityHeaders } from '../../functions/stack/h5Headers';

const directives = (headers: Record<string, string>) =>
  Object.fromEntries(
    headers['content-security-policy']!.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ');
      return [name!, sources];
    }),
  );

describe('h5SecurityHeaders: the photo bucket', () => {
  it('lets the app send photos to and show them from the bucket, and nothing else more', () => {
    const policy = directives(
      h5SecurityHeaders({
        apiOrigin: 'https://api.example.cn',
        storageOrigin: 'https://photos.example.cn',
        scriptHashes: [],
      }),
    );
    expect(policy['img-src']).toStrictEqual(["'self'", 'data:', 'blob:', 'https://photos.example.cn']);
    expect(policy['connect-src']).toStrictEqual([
      "'self'",
      'https://api.example.cn',
      'https://photos.example.cn',
    ]);
    expect(policy['default-src']).toStrictEqual(["'self'"]);
    expect(policy['script-src']).toStrictEqual(["'self'"]);
  });

  it('names a shared origin once, and adds nothing without a bucket', () => {
    const local = 'http://127.0.0.1:*';
    const shared = directives(
      h5SecurityHeaders({ apiOrigin: local, storageOrigin: local, scriptHashes: [] }),
    );
    expect(shared['connect-src']).toStrictEqual(["'self'", local]);
    expect(shared['img-src']).toStrictEqual(["'self'", 'data:', 'blob:', local]);
    const none = directives(h5SecurityHeaders({ apiOrigin: 'https://api.example.cn', scriptHashes: [] }));
    expect(none['img-src']).toStrictEqual(["'self'", 'data:', 'blob:']);
    expect(none['connect-src']).toStrictEqual(["'self'", 'https://api.example.cn']);
  });
});
