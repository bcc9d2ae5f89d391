import { divideRounded, toSafeNumber } from '../commerce/money.js';

/**
 * The commission to reverse when part or all of a placed line is called off (cancellation,
 * rejection, later refunds), at the rate frozen on the line (ADR 0037). Rules changed since
 * placement play no part.
 *
 * Proportional, by quantity or by amount of the line's net, rounded half away from zero, and
 * computed cumulatively: the reversal of this step is `round(C x (before + now) / total) -
 * round(C x before / total)`, so partial reversals never add up to more (or less) than the
 * frozen commission, and reversing everything gives back exactly `C`.
 */
export type FrozenLineCommission = {
  /** The commission frozen on the line (`order_lines.commission_minor`). */
  commissionMinor: number;
  qty: number;
  netMinor: number;
};

export type Reversal =
  /** Units called off now, and units already reversed earlier (default 0). */
  | { qty: number; previouslyReversedQty?: number }
  /** An amount of the line's net called off now (a partial refund), and earlier ones. */
  | { amountMinor: number; previouslyReversedMinor?: number };

export function reverseCommission(line: FrozenLineCommission, reversal: Reversal): number {
  const [part, before, total] =
    'qty' in reversal
      ? [reversal.qty, reversal.previouslyReversedQty ?? 0, line.qty]
      : [reversal.amountMinor, reversal.previouslyReversedMinor ?? 0, line.netMinor];
  if (!Number.isInteger(part) || !Number.isInteger(before) || part < 0 || before < 0)
    throw new RangeError('a reversal is a whole, non-negative quantity or amount');
  if (before + part > total) throw new RangeError('cannot reverse more than the line holds');
  if (total === 0 || part === 0) return 0;
  const c = BigInt(line.commissionMinor);
  const t = BigInt(total);
  const upTo = (n: number) => divideRounded(c * BigInt(n), t);
  return toSafeNumber(upTo(before + part) - upTo(before), 'a commission reversal');
}

/** The whole commission of a fully cancelled or rejected order line: exactly what was frozen. */
export const reverseWholeLine = (line: FrozenLineCommission) => reverseCommission(line, { qty: line.qty });
