import { type FONTS, Theme } from '@agora/contracts';

type Font = (typeof FONTS)[number];

/**
 * Each font's stack. Every named font is packaged with the apps (`@fontsource*`, declared in
 * styles.css) and listed first, so buyers see the same font on every system, from our own host:
 * no third-party font requests from a tenant's pages. Georgia and Helvetica cannot be shipped;
 * their metric-compatible open twins (Gelasio, Arimo) stand in for them.
 */
export const FONT_STACKS: Record<Font, string> = {
  system: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  inter: '"Inter Variable", Inter, system-ui, sans-serif',
  georgia: 'Gelasio, Georgia, "Times New Roman", serif',
  helvetica: 'Arimo, "Helvetica Neue", Helvetica, Arial, sans-serif',
  merriweather: '"Merriweather Variable", Merriweather, Georgia, serif',
  'roboto-mono': '"Roboto Mono Variable", "Roboto Mono", ui-monospace, Menlo, monospace',
};

export const FONT_LABELS: Record<Font, string> = {
  system: "System (the visitor's own)",
  inter: 'Inter',
  georgia: 'Gelasio (Georgia style)',
  helvetica: 'Arimo (Helvetica style)',
  merriweather: 'Merriweather',
  'roboto-mono': 'Roboto Mono',
};

/**
 * CSS custom properties for a tenant theme. The theme is parsed again here, so only validated
 * values (hex colors, a font from the fixed list) can ever reach the stylesheet.
 */
export function themeCss(input: unknown): string {
  const theme = Theme.parse(input);
  return `:root{--color-primary:${theme.primaryColor};--color-accent:${theme.accentColor};--font-body:${FONT_STACKS[theme.font]}}`;
}

/** A logo URL we serve ourselves (tenant media), or null. */
export function safeLogoUrl(url: string | null | undefined): string | null {
  return url && /^\/media\/logo\/[0-9a-f]{8,64}\.(png|jpe?g|svg)$/.test(url) ? url : null;
}
