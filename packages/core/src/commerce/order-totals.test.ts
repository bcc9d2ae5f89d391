import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupForCheckout, shippingFor, vendorOrderTotals } from './order-totals.js';

describe('a vendor order, by example', () => {
  it('adds lines at their unit prices, tax per line and the flat shipping rate', () => {
    const totals = vendorOrderTotals(
      [
        { productId: 'prd_a', qty: 100, unitPriceMinor: 189 },
        { productId: 'prd_b', qty: 3, unitPriceMinor: 1005 },
      ],
      { taxBps: 1900, shipping: { flatMinor: 1500, freeFromMinor: 50_000 } },
    );
    expect(totals.lines.map((l) => [l.netMinor, l.taxMinor])).toEqual([
      [18_900, 3591],
      [3015, 573], // 572.85 -> 573
    ]);
    expect(totals).toMatchObject({
      subtotalMinor: 21_915,
      taxMinor: 4164,
      shippingMinor: 1500,
      totalMinor: 27_579,
    });
  });

  it('ships free from the threshold on, and free when the vendor set no rate', () => {
    const rate = { flatMinor: 900, freeFromMinor: 10_000 };
    expect(shippingFor(rate, 9_999)).toBe(900);
    expect(shippingFor(rate, 10_000)).toBe(0);
    expect(shippingFor({ flatMinor: 900, freeFromMinor: null }, 10 ** 9)).toBe(900);
    expect(shippingFor(null, 5)).toBe(0);
  });
});

const line = fc.record({
  productId: fc.string({ minLength: 1, maxLength: 4 }),
  qty: fc.integer({ min: 1, max: 1_000_000 }),
  unitPriceMinor: fc.integer({ min: 0, max: 10_000_000 }),
});

describe('vendor order totals, for any cart', () => {
  it('total = subtotal + tax + shipping, each the sum of its lines, tax within half a unit per line', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.option(
          fc.record({
            flatMinor: fc.integer({ min: 0, max: 100_000 }),
            freeFromMinor: fc.option(fc.integer({ min: 0, max: 10 ** 9 })),
          }),
        ),
        (lines, taxBps, shipping) => {
          const t = vendorOrderTotals(lines, { taxBps, shipping });
          expect(t.subtotalMinor).toBe(lines.reduce((s, l) => s + l.qty * l.unitPriceMinor, 0));
          expect(t.taxMinor).toBe(t.lines.reduce((s, l) => s + l.taxMinor, 0));
          expect(t.totalMinor).toBe(t.subtotalMinor + t.taxMinor + t.shippingMinor);
          for (const l of t.lines) {
            const exact = (l.netMinor * taxBps) / 10_000;
            expect(Math.abs(l.taxMinor - exact)).toBeLessThanOrEqual(0.5);
            expect(Number.isInteger(l.taxMinor)).toBe(true);
          }
          expect(t.shippingMinor).toBe(
            shipping && (shipping.freeFromMinor === null || t.subtotalMinor < shipping.freeFromMinor)
              ? shipping.flatMinor
              : 0,
          );
        },
      ),
    );
  });
});

describe('splitting a cart for checkout', () => {
  it('groups by currency, then vendor, keeping every line once and in first-seen order', () => {
    const arb = fc.array(
      fc.record({
        id: fc.nat(),
        vendorId: fc.constantFrom('ven_a', 'ven_b', 'ven_c'),
        currency: fc.constantFrom('EUR', 'USD'),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (lines) => {
        const groups = groupForCheckout(lines);
        const flat = [...groups.entries()].flatMap(([currency, byVendor]) =>
          [...byVendor.entries()].flatMap(([vendorId, ls]) => {
            for (const l of ls) expect([l.currency, l.vendorId]).toEqual([currency, vendorId]);
            return ls;
          }),
        );
        expect(flat.length).toBe(lines.length);
        expect(new Set(flat)).toEqual(new Set(lines));
        for (const byVendor of groups.values())
          for (const ls of byVendor.values())
            expect(ls.map((l) => lines.indexOf(l))).toEqual(
              [...ls.map((l) => lines.indexOf(l))].sort((a, b) => a - b),
            );
      }),
    );
  });
});
