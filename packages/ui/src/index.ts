export { currencyDigits, formatBps, formatMoney, minorToInput, parseMoney } from './money.js';
export { FONT_LABELS, FONT_STACKS, safeLogoUrl, themeCss } from './theme.js';
