import { describe, expect, it } from 'vitest';
import { decodedOrEmpty } from '../../client/src/services/pageUrl';

describe('decodedOrEmpty (the login page’s `back`)', () => {
  it('decodes a well-formed parameter', () => {
    expect(decodedOrEmpty('%2Fpages%2Fstation%2Findex%3Fid%3Dst_12345678')).toBe(
      '/pages/station/index?id=st_12345678',
    );
  });

  it('answers an empty string for a malformed one instead of throwing', () => {
    expect(decodedOrEmpty('%E0%A4%A')).toBe('');
    expect(decodedOrEmpty('%')).toBe('');
  });
});
