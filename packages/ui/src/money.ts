// Building an Intl.NumberFormat costs far more than formatting with one (a product grid formats
// dozens of prices per page), so one formatter per (locale, currency) is kept.
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    const digits = currencyDigits(currency);
    f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits });
    // Currency codes come from validated data (ISO 4217, a short list), so these maps stay small.
    formatters.set(key, f);
  }
  return f;
}

const digitsByCurrency = new Map<string, number>();

/** Digits after the decimal point for a currency (2 for EUR, 0 for JPY), from Intl. */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** `1234` EUR minor units -> `€12.34`. Amounts are integers in minor units everywhere else. */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  return formatter(locale, currency).format(minor / 10 ** currencyDigits(currency));
}

/** Basis points -> `12.5%` (one decimal at most). */
export const formatBps = (bps: number) => `${Number((bps / 100).toFixed(1))}%`;

/** `"2.50"` EUR -> 250 minor units, exactly (no floating point); null when not a plain amount. */
export function parseMoney(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const m = text.trim().match(digits > 0 ? new RegExp(`^(\\d+)(?:\\.(\\d{1,${digits}}))?$`) : /^(\d+)$/);
  if (!m) return null;
  const fraction = (m[2] ?? '').padEnd(digits, '0');
  const minor = Number(m[1]) * 10 ** digits + (fraction ? Number(fraction) : 0);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units -> the plain amount a form field shows (`250` EUR -> `2.50`). */
export function minorToInput(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(minor).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
