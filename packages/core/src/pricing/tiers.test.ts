import { MAX_QUANTITY } from '@agora/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveTiers, type PricedProduct, quote, resolveTier, tierTable, validateTiers } from './tiers.js';

const bolts: PricedProduct = {
  minOrderQty: 10,
  orderIncrement: 5,
  basePriceMinor: 250,
  tiers: [
    { minQty: 100, unitPriceMinor: 200 },
    { minQty: 10, unitPriceMinor: 250 },
    { minQty: 500, unitPriceMinor: 180 },
  ],
};

describe('volume pricing, by example', () => {
  it('uses the tier with the greatest bound at or below the quantity', () => {
    expect(quote(bolts, 10)).toMatchObject({ ok: true, unitPriceMinor: 250, totalMinor: 2500, savingBps: 0 });
    expect(quote(bolts, 95)).toMatchObject({ ok: true, unitPriceMinor: 250 });
    expect(quote(bolts, 100)).toMatchObject({
      ok: true,
      unitPriceMinor: 200,
      totalMinor: 20_000,
      savingMinor: 5000,
      savingBps: 2000,
    });
    expect(quote(bolts, 500)).toMatchObject({ ok: true, unitPriceMinor: 180, savingBps: 2800 });
  });

  it('refuses quantities below the minimum or off the increment, saying why', () => {
    expect(quote(bolts, 5)).toEqual({ ok: false, qty: 5, reason: 'The minimum order is 10' });
    expect(quote(bolts, 12)).toEqual({ ok: false, qty: 12, reason: 'Order in steps of 5 from 10' });
    expect(quote(bolts, 0)).toMatchObject({ ok: false });
    expect(quote(bolts, 10.5)).toMatchObject({ ok: false });
  });

  it('falls back to the list price from the minimum order when there are no tiers', () => {
    expect(effectiveTiers({ ...bolts, tiers: [] })).toEqual([{ minQty: 10, unitPriceMinor: 250 }]);
    expect(quote({ ...bolts, tiers: [] }, 1000)).toMatchObject({ ok: true, unitPriceMinor: 250 });
  });

  it('builds the buyer-facing table with ranges and savings (rounded down)', () => {
    expect(tierTable({ ...bolts, basePriceMinor: 300 })).toEqual([
      { minQty: 10, maxQty: 99, unitPriceMinor: 250, savingBps: 1666 },
      { minQty: 100, maxQty: 499, unitPriceMinor: 200, savingBps: 3333 },
      { minQty: 500, maxQty: null, unitPriceMinor: 180, savingBps: 4000 },
    ]);
  });

  it('names each invalid tier field', () => {
    expect(
      validateTiers({
        minOrderQty: 10,
        orderIncrement: 1,
        basePriceMinor: 100,
        tiers: [
          { minQty: 20, unitPriceMinor: 90 },
          { minQty: 50, unitPriceMinor: 95 },
          { minQty: 50, unitPriceMinor: 80 },
        ],
      }),
    ).toEqual([
      { path: 'tiers.0.minQty', message: 'the first tier must start at the minimum order quantity (10)' },
      { path: 'tiers.1.unitPriceMinor', message: 'must not be above the price for fewer units (90)' },
      { path: 'tiers.2.minQty', message: 'duplicates the bound 50 of another tier' },
    ]);
    expect(validateTiers({ ...bolts, tiers: [{ minQty: 10, unitPriceMinor: 300 }] })).toEqual([
      { path: 'tiers.0.unitPriceMinor', message: 'must not be above the list price' },
    ]);
    expect(
      validateTiers({ ...bolts, tiers: [{ minQty: 0, unitPriceMinor: 1.5 }] }).map((i) => i.path),
    ).toEqual(['tiers.0.minQty', 'tiers.0.unitPriceMinor']);
    expect(validateTiers(bolts)).toEqual([]);
  });
});

/** Valid products: a minimum, an increment, and tiers with rising bounds and falling prices. */
const validSorted = fc
  .record({
    minOrderQty: fc.integer({ min: 1, max: 1000 }),
    orderIncrement: fc.integer({ min: 1, max: 50 }),
    basePriceMinor: fc.integer({ min: 0, max: 10_000_000 }),
    steps: fc.array(
      fc.record({ gap: fc.integer({ min: 1, max: 10_000 }), cut: fc.integer({ min: 0, max: 100_000 }) }),
      { maxLength: 6 },
    ),
  })
  .map(({ minOrderQty, orderIncrement, basePriceMinor, steps }) => {
    const tiers = [{ minQty: minOrderQty, unitPriceMinor: basePriceMinor }];
    for (const { gap, cut } of steps) {
      const last = tiers[tiers.length - 1] as { minQty: number; unitPriceMinor: number };
      tiers.push({ minQty: last.minQty + gap, unitPriceMinor: Math.max(0, last.unitPriceMinor - cut) });
    }
    return { minOrderQty, orderIncrement, basePriceMinor, tiers };
  });

/** Stored order is arbitrary: the same product with its tiers shuffled. */
const shuffled = <P extends PricedProduct>(p: P) =>
  fc.shuffledSubarray(p.tiers, { minLength: p.tiers.length }).map((tiers) => ({ ...p, tiers }));

/** Valid products, tiers in any order. */
const validProduct = validSorted.chain(shuffled);

type Tier = PricedProduct['tiers'][number];
/**
 * A valid product with exactly one rule broken, and the tiers the validator may blame for it
 * (the broken tier, or for a pair, either of the two).
 */
const brokenProduct = fc
  .tuple(
    validSorted.filter((p) => p.tiers.length >= 2),
    fc.constantFrom(
      'price rises',
      'duplicate bound',
      'first bound off the minimum',
      'first price above list',
    ),
    fc.nat(),
    fc.integer({ min: 1, max: 1000 }),
  )
  .chain(([p, rule, pick, delta]) => {
    const tiers = p.tiers.map((t) => ({ ...t }));
    const k = 1 + (pick % (tiers.length - 1)); // a tier after the first
    const [first, prev, cur] = [tiers[0], tiers[k - 1], tiers[k]] as [Tier, Tier, Tier];
    let blamed: Tier[];
    let product = { ...p, tiers };
    if (rule === 'price rises') {
      cur.unitPriceMinor = prev.unitPriceMinor + delta;
      blamed = [cur];
    } else if (rule === 'duplicate bound') {
      cur.minQty = prev.minQty;
      blamed = [prev, cur];
    } else if (rule === 'first bound off the minimum') {
      // Every bound moves up: the lowest no longer equals the minimum order quantity.
      for (const t of tiers) t.minQty += delta;
      blamed = [first];
    } else {
      product = { ...p, tiers, basePriceMinor: first.unitPriceMinor - 1 };
      blamed = [first];
      if (product.basePriceMinor < 0) return fc.constant(null);
    }
    return shuffled(product).map((q) => ({ product: q, rule, blamed }));
  })
  .filter((x): x is NonNullable<typeof x> => x !== null);

describe('volume pricing, properties', () => {
  it('accepts every well-formed tier list', () => {
    fc.assert(fc.property(validProduct, (p) => validateTiers(p).length === 0));
  });

  it('refuses every tier list that breaks one rule, naming the tier that breaks it', () => {
    fc.assert(
      fc.property(brokenProduct, ({ product, blamed }) => {
        const issues = validateTiers(product);
        const blamedPaths = blamed.map((t) => `tiers.${product.tiers.indexOf(t)}.`);
        return issues.length > 0 && issues.some((i) => blamedPaths.some((b) => i.path.startsWith(b)));
      }),
    );
  });

  it('never charges more per unit for buying more', () => {
    fc.assert(
      fc.property(validProduct, fc.nat(100), fc.nat(100), (p, a, b) => {
        const qa = p.minOrderQty + Math.min(a, b) * p.orderIncrement;
        const qb = p.minOrderQty + Math.max(a, b) * p.orderIncrement;
        const [x, y] = [quote(p, qa), quote(p, qb)];
        return x.ok && y.ok && y.unitPriceMinor <= x.unitPriceMinor;
      }),
    );
  });

  it('prices with the tier whose bound is the greatest at or below the quantity, and totals exactly', () => {
    fc.assert(
      fc.property(validProduct, fc.nat(10_000), (p, n) => {
        const qty = p.minOrderQty + n * p.orderIncrement;
        const q = quote(p, qty);
        const tier = resolveTier(p.tiers, qty);
        const bound = Math.max(...p.tiers.filter((t) => t.minQty <= qty).map((t) => t.minQty));
        return (
          q.ok &&
          tier?.minQty === bound &&
          q.unitPriceMinor === tier.unitPriceMinor &&
          q.totalMinor === q.unitPriceMinor * qty
        );
      }),
    );
  });

  it('covers every quantity from the minimum on with exactly one band of the table', () => {
    fc.assert(
      fc.property(validProduct, fc.nat(50_000), (p, n) => {
        const qty = p.minOrderQty + n;
        const bands = tierTable(p).filter((r) => r.minQty <= qty && (r.maxQty === null || qty <= r.maxQty));
        return bands.length === 1 && bands[0]?.unitPriceMinor === resolveTier(p.tiers, qty)?.unitPriceMinor;
      }),
    );
  });

  it('never reports a saving above the real one, nor a negative one', () => {
    fc.assert(
      fc.property(validProduct, (p) =>
        tierTable(p).every(
          (r) =>
            r.savingBps >= 0 &&
            r.savingBps <= 10_000 &&
            (p.basePriceMinor === 0 ||
              (r.savingBps * p.basePriceMinor) / 10_000 <= p.basePriceMinor - r.unitPriceMinor),
        ),
      ),
    );
  });
});

describe('quotes for huge quantities', () => {
  const costly: PricedProduct = { minOrderQty: 1, orderIncrement: 1, basePriceMinor: 18_900, tiers: [] };

  it('totals exactly up to MAX_QUANTITY', () => {
    expect(quote(costly, MAX_QUANTITY)).toEqual({
      ok: true,
      qty: MAX_QUANTITY,
      unitPriceMinor: 18_900,
      totalMinor: 18_900_000_000_000,
      savingMinor: 0,
      savingBps: 0,
    });
  });

  it('refuses quantities beyond MAX_QUANTITY, even ones whose float product would look plausible', () => {
    for (const qty of [MAX_QUANTITY + 1, 9_007_199_254_740_991, 123_456_789_012_345])
      expect(quote(costly, qty)).toEqual({
        ok: false,
        qty,
        reason: 'At most 1,000,000,000 units can be ordered',
      });
  });

  it('refuses a total beyond exact integers instead of rounding it', () => {
    const dear = { ...costly, basePriceMinor: 1_000_000_000_000 };
    expect(quote(dear, 9_008)).toMatchObject({ ok: false, reason: /too large/ });
    expect(quote(dear, 9_007)).toMatchObject({ ok: true, totalMinor: 9_007_000_000_000_000 });
  });

  it('is exact or refused for every price and quantity in range (BigInt reference)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.integer({ min: 1, max: MAX_QUANTITY }),
        (price, qty) => {
          const q = quote({ ...costly, basePriceMinor: price }, qty);
          const exact = BigInt(price) * BigInt(qty);
          if (exact > BigInt(Number.MAX_SAFE_INTEGER)) return !q.ok;
          return q.ok && BigInt(q.totalMinor) === exact && Number.isSafeInteger(q.totalMinor);
        },
      ),
    );
  });
});
