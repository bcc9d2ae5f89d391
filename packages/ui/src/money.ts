/** Digits after the decimal point for a currency (2 for EUR, 0 for JPY), from Intl. */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** `1234` EUR minor units -> `€12.34`. Amounts are integers in minor units everywhere else. */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits }).format(
    minor / 10 ** digits,
  );
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
