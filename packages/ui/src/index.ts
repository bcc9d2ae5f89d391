export { FONT_LABELS, FONT_STACKS, safeLogoUrl, themeCss } from './theme.js';
