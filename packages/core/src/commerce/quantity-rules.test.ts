import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PricedProduct } from '../pricing/tiers.js';
import { allowedQuantities, isAllowedQuantity, nextTier, roundUpToAllowed } from './quantity-rules.js';

const gloves: PricedProduct = {
  minOrderQty: 100,
  orderIncrement: 50,
  basePriceMinor: 250,
  tiers: [
    { minQty: 100, unitPriceMinor: 250 },
    { minQty: 1000, unitPriceMinor: 200 },
    { minQty: 2520, unitPriceMinor: 180 },
  ],
};

describe('quantity rules in words', () => {
  it('says what is allowed the way a buyer reads it', () => {
    expect(allowedQuantities(gloves)).toBe('at least 100, in steps of 50');
    expect(allowedQuantities({ minOrderQty: 1200, orderIncrement: 1 })).toBe('at least 1,200');
  });

  it('accepts the minimum and its steps only', () => {
    expect([100, 150, 1000].map((q) => isAllowedQuantity(gloves, q))).toEqual([true, true, true]);
    expect([0, 50, 120, 100.5, Number.NaN].map((q) => isAllowedQuantity(gloves, q))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('names the next cheaper tier at a quantity the buyer can order', () => {
    expect(nextTier(gloves, 100)).toEqual({ minQty: 1000, unitPriceMinor: 200 });
    expect(nextTier(gloves, 1000)).toEqual({ minQty: 2550, unitPriceMinor: 180 }); // 2,520 is off the steps
    expect(nextTier(gloves, 3000)).toBeNull();
  });
});

describe('rounding up to an allowed quantity', () => {
  it('gives the smallest allowed quantity at or above any number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: -10, max: 100_000 }),
        (minOrderQty, orderIncrement, qty) => {
          const p = { minOrderQty, orderIncrement };
          const up = roundUpToAllowed(p, qty);
          expect(isAllowedQuantity(p, up)).toBe(true);
          expect(up).toBeGreaterThanOrEqual(Math.min(qty, up));
          if (qty >= minOrderQty) expect(up - qty).toBeLessThan(orderIncrement);
          if (isAllowedQuantity(p, qty)) expect(up).toBe(qty);
        },
      ),
    );
  });
});
