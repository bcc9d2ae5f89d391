import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DEFAULT_THEME, FONTS } from '@agora/contracts';
import { describe, expect, it } from 'vitest';
import { FONT_STACKS, safeLogoUrl, themeCss } from './theme.js';

describe('themeCss', () => {
  it('renders validated colors and the font stack as CSS variables', () => {
    expect(themeCss({ ...DEFAULT_THEME, primaryColor: '#aa0000', font: 'georgia' })).toBe(
      ':root{--color-primary:#aa0000;--color-accent:#b45309;--font-body:Gelasio, Georgia, "Times New Roman", serif}',
    );
  });

  it('refuses anything that could break out of the stylesheet', () => {
    expect(() =>
      themeCss({ ...DEFAULT_THEME, primaryColor: 'red;}</style><script>alert(1)</script>' }),
    ).toThrow();
    expect(() => themeCss({ ...DEFAULT_THEME, font: 'Comic Sans"; x' })).toThrow();
  });
});

describe('safeLogoUrl', () => {
  it('accepts only our own media paths', () => {
    expect(safeLogoUrl('/media/logo/0123abcd.png')).toBe('/media/logo/0123abcd.png');
    expect(safeLogoUrl('https://evil.test/x.png')).toBeNull();
    expect(safeLogoUrl('javascript:alert(1)')).toBeNull();
    expect(safeLogoUrl('/media/logo/../../x.png')).toBeNull();
  });
});

describe('fonts offered in branding', () => {
  it('are all packaged: the first family of every stack has a @font-face in the shared stylesheet', () => {
    const require = createRequire(import.meta.url);
    const styles = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');
    const imports = [...styles.matchAll(/@import "([^"]+)";/g)].map((m) => m[1] as string);
    const declared = new Set(
      imports.flatMap((spec) =>
        [...readFileSync(require.resolve(spec), 'utf8').matchAll(/font-family: '([^']+)'/g)].map((m) => m[1]),
      ),
    );
    for (const font of FONTS.filter((f) => f !== 'system')) {
      const first = FONT_STACKS[font].split(',')[0]?.trim().replace(/"/g, '');
      expect(declared, `${font} -> ${first}`).toContain(first);
    }
  });
});
