import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pngImage } from '../../functions/local/pngImage';
import { IMAGE_SIGNATURE_BYTES, sniffImageType } from '../../functions/src/lib/imageType';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(
    parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)),
  );

describe('sniffImageType', () => {
  it.each([
    ['a real PNG', new Uint8Array(pngImage(3, 2, () => [1, 2, 3])), 'image/png'],
    ['a JFIF JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0]), 'image/jpeg'],
    [
      'an Exif JPEG (a phone camera)',
      bytes([0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34], 'Exif', [0, 0]),
      'image/jpeg',
    ],
    ['a WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
  ])('recognises %s', (_label, file, type) => {
    expect(sniffImageType(file)).toBe(type);
  });

  it.each([
    ['nothing', new Uint8Array()],
    ['a GIF', bytes('GIF89a', [1, 0, 1, 0])],
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['an HTML page', bytes('<!doctype html><script>')],
    ['a WAV (RIFF but not WEBP)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['a RIFF cut before its form', bytes('RIFF', [0x24, 0, 0, 0], 'WEB')],
    ['a PNG signature cut short', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a])],
    ['a PNG signature with one byte wrong', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0b])],
    ['two bytes of a JPEG', bytes([0xff, 0xd8])],
    ['a PDF', bytes('%PDF-1.7')],
  ])('refuses %s', (_label, file) => {
    expect(sniffImageType(file)).toBeNull();
  });

  it('needs no more than IMAGE_SIGNATURE_BYTES bytes to decide', () => {
    const webp = bytes('RIFF', [0x24, 0, 0, 0], 'WEBP');
    expect(webp.length).toBe(IMAGE_SIGNATURE_BYTES);
    expect(sniffImageType(webp)).toBe('image/webp');
  });

  it('decides by the leading bytes whatever follows them', () => {
    const signatures = [
      [[0xff, 0xd8, 0xff], 'image/jpeg'],
      [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
    ] as const;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(...signatures), (tail, [head, type]) => {
        expect(sniffImageType(new Uint8Array([...head, ...tail]))).toBe(type);
      }),
    );
  });

  it('refuses every file whose first byte starts no accepted format', () => {
    const firstBytes = fc.integer({ min: 0, max: 255 }).filter((b) => b !== 0xff && b !== 0x89 && b !== 0x52);
    fc.assert(
      fc.property(firstBytes, fc.uint8Array({ maxLength: 64 }), (first, rest) => {
        expect(sniffImageType(new Uint8Array([first, ...rest]))).toBeNull();
      }),
    );
  });
});
