import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brandingWarnings, contrastRatio, parseHexColor, relativeLuminance } from './contrast.js';

const hexColor = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map(([r, g, b]) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`);

describe('contrast ratio (WCAG)', () => {
  it('is 21 for black on white and 1 for a color on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#1f4f8b', '#1F4F8B')).toBe(1);
  });

  it('matches published reference values', () => {
    // WebAIM contrast checker: #777777 on white is 4.47:1, #767676 is 4.54:1.
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(relativeLuminance('#000000')).toBe(0);
  });

  it('is symmetric and between 1 and 21 for any two colors', () => {
    fc.assert(
      fc.property(hexColor, hexColor, (a, b) => {
        const ab = contrastRatio(a, b);
        expect(ab).toBe(contrastRatio(b, a));
        expect(ab).toBeGreaterThanOrEqual(1);
        expect(ab).toBeLessThanOrEqual(21 + 1e-9);
      }),
    );
  });

  it('is 1 exactly when the luminances are equal, and grows as they move apart', () => {
    fc.assert(
      fc.property(hexColor, (a) => {
        expect(contrastRatio(a, a)).toBe(1);
        expect(contrastRatio(a, '#000000')).toBeLessThanOrEqual(21 + 1e-9);
        expect(Math.max(contrastRatio(a, '#000000'), contrastRatio(a, '#ffffff'))).toBeGreaterThanOrEqual(
          4.58,
        );
      }),
    );
  });

  it('rejects things that are not hex colors', () => {
    for (const bad of ['red', '#12345', '#gggggg', '1f4f8b', ''])
      expect(() => parseHexColor(bad)).toThrow(RangeError);
  });
});

describe('brandingWarnings', () => {
  it('warns about a light primary color, naming the field and the ratio', () => {
    expect(brandingWarnings({ primaryColor: '#ffcc00', accentColor: '#1f4f8b' })).toEqual([
      {
        field: 'primaryColor',
        message: 'Low contrast with white text (1.5:1; at least 4.5:1 is recommended)',
      },
    ]);
  });

  it('has nothing to say about dark colors', () => {
    expect(brandingWarnings({ primaryColor: '#000000', accentColor: '#1f4f8b' })).toEqual([]);
  });

  it('rounds the ratio down, so a warning never shows the recommended ratio itself', () => {
    const [warning] = brandingWarnings({ primaryColor: '#777777', accentColor: '#000000' });
    expect(warning?.message).toContain('(4.4:1;');
  });

  it('warns about each field independently', () => {
    expect(brandingWarnings({ primaryColor: '#eeeeee', accentColor: '#f0f0f0' }).map((w) => w.field)).toEqual(
      ['primaryColor', 'accentColor'],
    );
  });
});
