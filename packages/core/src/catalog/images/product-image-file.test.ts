import { tinyJpeg, tinyPng } from '@agora/testing';
import { describe, expect, it } from 'vitest';
import { productImageKey, productImageUrl, sniffProductImage } from './product-image-file.js';

describe('sniffProductImage', () => {
  it('knows PNG and JPEG by their bytes', () => {
    expect(sniffProductImage(tinyPng()).ext).toBe('png');
    expect(sniffProductImage(tinyJpeg())).toEqual({ ext: 'jpg', contentType: 'image/jpeg' });
  });

  it.each([
    ['an empty file', new Uint8Array(), /empty/],
    ['a GIF', new TextEncoder().encode('GIF89a\u0001\u0000'), /not a PNG or JPEG/],
    ['an SVG', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), /not a PNG or JPEG/],
    [
      'a PNG signature without a header',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      /not a PNG/,
    ],
  ])('refuses %s, naming the file field', (_, bytes, message) => {
    expect(() => sniffProductImage(bytes)).toThrow(message);
    try {
      sniffProductImage(bytes);
    } catch (e) {
      expect((e as { details: unknown }).details).toEqual({
        fields: [{ path: 'file', message: expect.any(String) }],
      });
    }
  });

  it('refuses files over 2 MB', () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(tinyPng());
    expect(() => sniffProductImage(big)).toThrow(/larger than the 2 MB limit/);
  });

  it('serves files by name under the tenant prefix', () => {
    const key = productImageKey('ten_abc', '0123456789abcdef01234567.png');
    expect(key).toBe('tenants/ten_abc/products/0123456789abcdef01234567.png');
    expect(productImageUrl(key)).toBe('/media/products/0123456789abcdef01234567.png');
  });
});
