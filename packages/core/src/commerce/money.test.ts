import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmountOverflowError, applyBps, divideRounded, lineAmount, sumAmounts } from './money.js';

describe('rounding half away from zero', () => {
  it('rounds halves away from zero and everything else to the nearest unit', () => {
    expect(divideRounded(5n, 10n)).toBe(1n);
    expect(divideRounded(-5n, 10n)).toBe(-1n);
    expect(divideRounded(4n, 10n)).toBe(0n);
    expect(divideRounded(-4n, 10n)).toBe(0n);
    expect(divideRounded(15n, 10n)).toBe(2n);
    expect(divideRounded(25n, 10n)).toBe(3n);
  });

  it('is within half a unit of the exact quotient and symmetric in sign', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          const q = divideRounded(n, d);
          // |n - q*d| <= d/2, i.e. |2n - 2qd| <= d
          const diff = 2n * n - 2n * q * d;
          expect(diff <= d && diff >= -d).toBe(true);
          expect(divideRounded(-n, d)).toBe(-q);
        },
      ),
    );
  });
});

describe('rates and amounts', () => {
  it('applies basis points with the written rounding (19% of 1.05 is 0.1995 -> 0.20)', () => {
    expect(applyBps(105, 1900)).toBe(20);
    expect(applyBps(250, 2000)).toBe(50);
    expect(applyBps(1, 5000)).toBe(1); // half a cent rounds up
    expect(applyBps(1, 4999)).toBe(0);
    expect(applyBps(0, 2500)).toBe(0);
  });

  it('is exact up to the largest safe integer, where floats start to round silently', () => {
    expect(lineAmount(3, 3_002_399_751_580_330)).toBe(9_007_199_254_740_990);
    // 3 * 3,002,399,751,580,331 = 9,007,199,254,740,993, which a float stores as ...992
    expect(() => lineAmount(3, 3_002_399_751_580_331)).toThrow(AmountOverflowError);
    expect(applyBps(9_007_199_254_740_991, 10_000)).toBe(9_007_199_254_740_991);
  });

  it('refuses amounts it cannot represent instead of rounding them', () => {
    expect(() => lineAmount(10_000_000_000, 1_000_000)).toThrow(AmountOverflowError);
    expect(() => sumAmounts([Number.MAX_SAFE_INTEGER, 1])).toThrow(AmountOverflowError);
  });
});
