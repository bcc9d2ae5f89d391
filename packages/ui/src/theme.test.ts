import { DEFAULT_THEME } from '@agora/contracts';
import { describe, expect, it } from 'vitest';
import { safeLogoUrl, themeCss } from './theme.js';

describe('themeCss', () => {
  it('renders validated colors and the font stack as CSS variables', () => {
    expect(themeCss({ ...DEFAULT_THEME, primaryColor: '#aa0000', font: 'georgia' })).toBe(
      ':root{--color-primary:#aa0000;--color-accent:#b45309;--font-body:Georgia, "Times New Roman", serif}',
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
