import { isWithinOrg, orgPathChain, orgPathSchema, parentOrgPath } from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const segment = fc.stringMatching(/^[0-9a-z]{2,8}$/);

describe('Domain: org scope', () => {
  it.each([
    ['320000/320500/320582', '320000/320500/320582', true],
    ['320000/320500/320582/daxin', '320000/320500/320582', true],
    ['320000/320500/320582/daxin', '320000', true],
    ['320000/320500/320571', '320000/320500/320582', false], // beside
    ['320000/320500', '320000/320500/320582', false], // above
    ['320000/3205001', '320000/320500', false], // a shared prefix is not a parent
  ])('isWithinOrg(%s, %s) is %s', (path, scope, expected) => {
    expect(isWithinOrg(path, scope)).toBe(expected);
  });

  it('puts every descendant inside its ancestor and no sibling inside another', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 3 }), segment, segment, (below, a, b) => {
        fc.pre(a !== b && !a.startsWith(b) && !b.startsWith(a));
        const parent = `320000/${a}`;
        expect(isWithinOrg([parent, ...below].join('/'), parent)).toBe(true);
        expect(isWithinOrg(`320000/${b}`, parent)).toBe(false);
        expect(isWithinOrg('320000', parent)).toBe(false);
      }),
    );
  });

  it('walks the chain from the root down', () => {
    expect(orgPathChain('320000/320500/320582')).toStrictEqual([
      '320000',
      '320000/320500',
      '320000/320500/320582',
    ]);
    expect(parentOrgPath('320000/320500')).toBe('320000');
    expect(parentOrgPath('320000')).toBeNull();
  });

  it('accepts division-code paths and refuses malformed ones', () => {
    expect(orgPathSchema.safeParse('320000/320500/320582/daxin').success).toBe(true);
    for (const bad of ['', '32000', '320000/', '320000//320500', '320000/大新', '../320000']) {
      expect(orgPathSchema.safeParse(bad).success).toBe(false);
    }
  });
});
