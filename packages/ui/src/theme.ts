import { type FONTS, Theme } from '@agora/contracts';

type Font = (typeof FONTS)[number];

/** Local font stacks only: no third-party font requests from a tenant's pages. */
export const FONT_STACKS: Record<Font, string> = {
  system: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  inter: 'Inter, "Helvetica Neue", Arial, sans-serif',
  georgia: 'Georgia, "Times New Roman", serif',
  helvetica: '"Helvetica Neue", Helvetica, Arial, sans-serif',
  merriweather: 'Merriweather, Georgia, serif',
  'roboto-mono': '"Roboto Mono", ui-monospace, Menlo, monospace',
};

export const FONT_LABELS: Record<Font, string> = {
  system: 'System',
  inter: 'Inter',
  georgia: 'Georgia',
  helvetica: 'Helvetica',
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
