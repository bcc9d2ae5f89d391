/**
 * Money arithmetic for orders. Amounts are integer minor units, rates integer basis points.
 * Products of an amount and a rate can pass 2^53 for large B2B orders, so they are computed in
 * BigInt and brought back only when the result is a safe integer.
 *
 * Rounding (written once, used by tax now and commission later): per line, half away from zero
 * to the minor unit. 0.5 -> 1, -0.5 -> -1, 0.49 -> 0.
 */

export class AmountOverflowError extends Error {
  constructor(what: string) {
    super(`${what} is too large to represent exactly`);
  }
}

/** `numerator / denominator` rounded half away from zero; denominator > 0. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = (n * 2n + denominator) / (denominator * 2n);
  return negative ? -q : q;
}

/** A BigInt result as a number, refusing anything past Number.MAX_SAFE_INTEGER. */
export function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
    throw new AmountOverflowError(what);
  return Number(value);
}

/** `amount * bps / 10,000`, rounded half away from zero (a tax or commission on one line). */
export function applyBps(amountMinor: number, bps: number): number {
  return toSafeNumber(
    divideRounded(BigInt(amountMinor) * BigInt(bps), 10_000n),
    'a rate applied to an amount',
  );
}

/** `unit * qty` exactly, or an error when the line's amount cannot be represented. */
export function lineAmount(unitMinor: number, qty: number): number {
  return toSafeNumber(BigInt(unitMinor) * BigInt(qty), 'a line amount');
}

/** A sum of amounts, refusing to lose precision. */
export function sumAmounts(amounts: readonly number[]): number {
  return toSafeNumber(
    amounts.reduce((s, a) => s + BigInt(a), 0n),
    'a total',
  );
}

/** `1234` EUR -> `€12.34`, as `@agora/ui` shows money (emails and messages from core). */
export function formatAmount(minor: number, currency: string): string {
  const options = { style: 'currency', currency } as const;
  const digits = new Intl.NumberFormat('en-US', options).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat('en-US', { ...options, minimumFractionDigits: digits }).format(
    minor / 10 ** digits,
  );
}
