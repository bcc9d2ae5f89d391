/**
 * Currencies: ISO 4217 codes and their minor-unit exponents. Prices are stored in minor units;
 * only the CSV format writes major units ("2.50"), so only it needs the exponent.
 * ISO 4217 exponents other than 2 (the default); the list changes rarely.
 */
const EXPONENTS: Record<string, number> = {
  // no minor unit
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  // thousandths
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  // ten-thousandths
  CLF: 4,
  UYW: 4,
};

export const currencyExponent = (currency: string) => EXPONENTS[currency] ?? 2;

let known: Set<string> | undefined;
/** An active ISO 4217 code, as the runtime's ICU data knows them (EUR, USD, JPY...). */
export function isKnownCurrency(code: string): boolean {
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known.has(code);
}

/**
 * "2.50" in EUR -> 250; "1200" in JPY -> 1200. A dot is the only decimal separator; no signs,
 * no thousands separators, at most as many decimals as the currency has. Returns a message
 * for anything else.
 */
export function parseMajorAmount(text: string, currency: string): number | { error: string } {
  const exp = currencyExponent(currency);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return { error: 'must be an amount like 12.50 (digits and a dot, no currency sign or commas)' };
  const [, whole = '', fraction = ''] = m;
  if (fraction.length > exp)
    return {
      error:
        exp === 0
          ? `${currency} has no minor unit; use a whole amount`
          : `${currency} has ${exp} decimals; use at most ${exp}`,
    };
  const minor = Number(whole + fraction.padEnd(exp, '0'));
  if (!Number.isSafeInteger(minor)) return { error: 'is too large' };
  return minor;
}

/** 250 in EUR -> "2.50"; 1200 in JPY -> "1200". */
export function formatMajorAmount(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  if (exp === 0) return String(minor);
  const digits = String(minor).padStart(exp + 1, '0');
  return `${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}
