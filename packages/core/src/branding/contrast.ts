import type { BrandingWarning, Theme } from '@agora/contracts';

/** WCAG 2.x AA for normal text. */
export const MIN_TEXT_CONTRAST = 4.5;

/** `#rgb` or `#rrggbb` to [r, g, b] in 0..255; throws on anything else. */
export function parseHexColor(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) throw new RangeError(`not a hex color: ${JSON.stringify(hex)}`);
  const digits = m[1].length === 3 ? [...m[1]].map((d) => d + d).join('') : m[1];
  return [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHexColor(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colors, 1 (same) to 21 (black on white); symmetric. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

// Rounded down, so a ratio shown as "4.5:1" really is at least 4.5.
const formatRatio = (ratio: number) => `${(Math.floor(ratio * 10) / 10).toFixed(1)}:1`;

/**
 * Advice on a theme. The storefront puts white text on the primary and accent colors (buttons,
 * header, badges), so each needs enough contrast with white to stay readable.
 */
export function brandingWarnings(theme: Pick<Theme, 'primaryColor' | 'accentColor'>): BrandingWarning[] {
  const warnings: BrandingWarning[] = [];
  for (const field of ['primaryColor', 'accentColor'] as const) {
    const ratio = contrastRatio(theme[field], '#ffffff');
    if (ratio < MIN_TEXT_CONTRAST) {
      warnings.push({
        field,
        message: `Low contrast with white text (${formatRatio(ratio)}; at least ${MIN_TEXT_CONTRAST}:1 is recommended)`,
      });
    }
  }
  return warnings;
}
