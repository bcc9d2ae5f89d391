import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { demoPng } from './png.js';

describe('demoPng', () => {
  it('writes a valid PNG of the asked size whose pixels follow the gradient', () => {
    const png = demoPng(40, 30, [255, 0, 0], [0, 0, 255]);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(40);
    expect(png.readUInt32BE(20)).toBe(30);
    const idatLength = png.readUInt32BE(33);
    const pixels = inflateSync(png.subarray(41, 41 + idatLength));
    expect(pixels.length).toBe((40 * 3 + 1) * 30);
    expect([pixels[1], pixels[2], pixels[3]]).toEqual([255, 0, 0]); // top-left starts at `from`
  });
});
