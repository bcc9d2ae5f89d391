import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBps } from '../commerce/money.js';
import {
  type CommissionCandidate,
  type CommissionLine,
  candidatesFor,
  chooseCommission,
  commissionFor,
  compareCandidates,
} from './choose-commission.js';
import { reverseCommission } from './reverse-commission.js';

const RUNS = 5_000;
const PATHS = ['/a/', '/a/b/', '/a/b/c/', '/d/'];
const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

const money = (max: number) => fc.dictionary(fc.constantFrom('EUR', 'USD'), fc.integer({ min: 0, max }));
const line: fc.Arbitrary<CommissionLine> = fc
  .record({
    productId: fc.constantFrom('prd_1', 'prd_2', 'prd_3'),
    vendorId: fc.constantFrom('ven_1', 'ven_2'),
    categoryPath: fc.option(fc.constantFrom(...PATHS)),
    currency: fc.constantFrom('EUR', 'USD'),
    qty: fc.integer({ min: 1, max: 10_000 }),
    unit: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map(({ unit, ...l }) => ({ ...l, netMinor: unit * l.qty }));

const candidate: fc.Arbitrary<CommissionCandidate> = fc
  .record({
    ruleId: fc.constantFrom('cmr_a', 'cmr_b', 'cmr_c', 'cmr_d', 'cmr_e'),
    version: fc.integer({ min: 1, max: 3 }),
    scope: fc.constantFrom('marketplace', 'vendor', 'category', 'vendor_category', 'product'),
    vendorId: fc.constantFrom('ven_1', 'ven_2'),
    categoryPath: fc.constantFrom(...PATHS),
    productId: fc.constantFrom('prd_1', 'prd_2', 'prd_3'),
    kind: fc.constantFrom('percent', 'flat_per_unit', 'flat_per_line'),
    rateBps: fc.integer({ min: 0, max: 10_000 }),
    amounts: money(100_000),
    minAmounts: money(50_000),
    maxAmounts: money(500_000),
    validFrom: fc.option(fc.integer({ min: -30, max: 30 })),
    validDays: fc.option(fc.integer({ min: 1, max: 60 })),
    priority: fc.integer({ min: -2, max: 2 }),
    enabled: fc.boolean(),
    gmv: fc.option(money(1_000_000)),
    createdAt: fc.integer({ min: 0, max: 5 }),
  })
  .map((r): CommissionCandidate => {
    const from = r.validFrom === null ? null : new Date(T0 + r.validFrom * DAY);
    return {
      ruleId: r.ruleId,
      version: r.version,
      scope: r.scope,
      vendorId: r.scope === 'vendor' || r.scope === 'vendor_category' ? r.vendorId : null,
      categoryId: r.scope === 'category' || r.scope === 'vendor_category' ? `cat${r.categoryPath}` : null,
      categoryPath: r.scope === 'category' || r.scope === 'vendor_category' ? r.categoryPath : null,
      productId: r.scope === 'product' ? r.productId : null,
      kind: r.kind,
      rateBps: r.kind === 'percent' ? r.rateBps : null,
      amounts: r.amounts,
      // Validation refuses a minimum above the maximum; generate what can be stored.
      minAmounts: Object.fromEntries(
        Object.entries(r.minAmounts).filter(([cur, min]) => (r.maxAmounts[cur] ?? Infinity) >= min),
      ),
      maxAmounts: r.maxAmounts,
      validFrom: from,
      validTo: r.validDays === null ? null : new Date((from?.getTime() ?? T0) + r.validDays * DAY),
      priority: r.priority,
      enabled: r.enabled,
      vendorGmv30dMinMinor: r.gmv,
      createdAt: new Date(T0 + r.createdAt * 1000),
    };
  });
const candidates = fc.uniqueArray(candidate, { maxLength: 12, selector: (c) => `${c.ruleId}:${c.version}` });
const context = fc
  .record({ day: fc.integer({ min: -40, max: 90 }), gmv: fc.integer({ min: 0, max: 1_000_000 }) })
  .map(({ day, gmv }) => ({ at: new Date(T0 + day * DAY), vendorGmv30dMinor: () => gmv }));

describe('chooseCommission', () => {
  it('is never negative, never above the line base, and within the winner’s caps', () => {
    fc.assert(
      fc.property(line, candidates, context, (l, cs, ctx) => {
        const { winner } = chooseCommission(l, cs, ctx);
        expect(winner.amountMinor).toBeGreaterThanOrEqual(0);
        expect(winner.amountMinor).toBeLessThanOrEqual(l.netMinor);
        expect(Number.isInteger(winner.amountMinor)).toBe(true);
        const rule = cs.find((c) => c.ruleId === winner.ruleId && c.version === winner.ruleVersion);
        if (!rule) return;
        const min = rule.minAmounts[l.currency];
        const max = rule.maxAmounts[l.currency];
        if (max !== undefined) expect(winner.amountMinor).toBeLessThanOrEqual(max);
        // The minimum holds unless the line is smaller than it (the base caps first).
        if (min !== undefined) expect(winner.amountMinor).toBeGreaterThanOrEqual(Math.min(min, l.netMinor));
        if (winner.cap === 'none') {
          const raw =
            rule.kind === 'percent'
              ? applyBps(l.netMinor, rule.rateBps ?? 0)
              : rule.kind === 'flat_per_unit'
                ? (rule.amounts[l.currency] ?? 0) * l.qty
                : (rule.amounts[l.currency] ?? 0);
          expect(winner.amountMinor).toBe(raw);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('picks an applicable candidate that no other applicable candidate outranks', () => {
    fc.assert(
      fc.property(line, candidates, context, (l, cs, ctx) => {
        const { winner, verdicts } = chooseCommission(l, cs, ctx);
        expect(verdicts).toHaveLength(cs.length);
        const applicable = cs.filter((_, i) => verdicts[i]?.outcome !== 'not_applicable');
        const won = verdicts.filter((v) => v.outcome === 'won');
        expect(won).toHaveLength(applicable.length ? 1 : 0);
        if (!applicable.length) {
          expect(winner.ruleId).toBeNull();
          expect(winner.amountMinor).toBe(0);
          return;
        }
        const best = applicable.find((c) => c.ruleId === winner.ruleId && c.version === winner.ruleVersion);
        expect(best).toBeDefined();
        for (const c of applicable) if (c !== best) expect(compareCandidates(best!, c).order).toBeLessThan(0);
        // Every applicable candidate is one the scope, validity and condition rules allow.
        for (const c of applicable) {
          expect(c.enabled).toBe(true);
          if (c.validFrom) expect(ctx.at >= c.validFrom).toBe(true);
          if (c.validTo) expect(ctx.at < c.validTo).toBe(true);
          if (c.productId) expect(c.productId).toBe(l.productId);
          if (c.vendorId) expect(c.vendorId).toBe(l.vendorId);
          if (c.categoryPath) expect(l.categoryPath?.startsWith(c.categoryPath)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('does not depend on the order candidates come in; commissionFor and narrowing agree', () => {
    fc.assert(
      fc.property(line, candidates, context, fc.func(fc.integer()), (l, cs, ctx, key) => {
        const shuffled = [...cs].sort((a, b) => key(a.ruleId + a.version) - key(b.ruleId + b.version));
        const a = chooseCommission(l, cs, ctx).winner;
        expect(chooseCommission(l, shuffled, ctx).winner).toEqual(a);
        expect(commissionFor(l, cs, ctx)).toEqual(a);
        // Narrowing to the candidates whose scope covers the product changes nothing.
        expect(commissionFor(l, candidatesFor(l, cs), ctx)).toEqual(a);
      }),
      { numRuns: RUNS },
    );
  });

  it('orders scopes product > vendor and category > category (deeper first) > vendor > marketplace', () => {
    const base: CommissionCandidate = {
      ruleId: 'x',
      version: 1,
      scope: 'marketplace',
      vendorId: null,
      categoryId: null,
      categoryPath: null,
      productId: null,
      kind: 'percent',
      rateBps: 100,
      amounts: {},
      minAmounts: {},
      maxAmounts: {},
      validFrom: null,
      validTo: null,
      priority: 0,
      enabled: true,
      vendorGmv30dMinMinor: null,
      createdAt: new Date(T0),
    };
    const l: CommissionLine = {
      productId: 'prd_1',
      vendorId: 'ven_1',
      categoryPath: '/a/b/',
      currency: 'EUR',
      qty: 1,
      netMinor: 10_000,
    };
    // Higher priority and newer on the less specific ones: scope still decides.
    const ladder: CommissionCandidate[] = [
      { ...base, ruleId: 'm', priority: 9, createdAt: new Date(T0 + 9) },
      { ...base, ruleId: 'v', scope: 'vendor', vendorId: 'ven_1', priority: 8, createdAt: new Date(T0 + 8) },
      { ...base, ruleId: 'c1', scope: 'category', categoryId: 'a', categoryPath: '/a/', priority: 7 },
      { ...base, ruleId: 'c2', scope: 'category', categoryId: 'b', categoryPath: '/a/b/', priority: 6 },
      {
        ...base,
        ruleId: 'vc',
        scope: 'vendor_category',
        vendorId: 'ven_1',
        categoryId: 'a',
        categoryPath: '/a/',
        priority: 5,
      },
      { ...base, ruleId: 'p', scope: 'product', productId: 'prd_1', priority: -1 },
    ];
    fc.assert(
      fc.property(fc.subarray(ladder, { minLength: 1 }), (cs) => {
        const expected = cs[cs.length - 1]!.ruleId;
        const { winner, verdicts } = chooseCommission(l, [...cs].reverse(), { at: new Date(T0) });
        expect(winner.ruleId).toBe(expected);
        for (const v of verdicts) if (v.outcome === 'lost') expect(v.reason).toBe('less_specific');
      }),
    );
    // Same scope: priority, then the newest.
    const a = { ...base, ruleId: 'a', priority: 1 };
    const b = { ...base, ruleId: 'b', priority: 0, createdAt: new Date(T0 + 1) };
    expect(chooseCommission(l, [a, b], { at: new Date(T0) }).verdicts[1]?.reason).toBe('lower_priority');
    const c = { ...base, ruleId: 'c', priority: 1, createdAt: new Date(T0 + 5) };
    const r = chooseCommission(l, [a, c], { at: new Date(T0) });
    expect(r.winner.ruleId).toBe('c');
    expect(r.verdicts[0]).toMatchObject({ outcome: 'lost', reason: 'older', lostTo: 'c' });
  });

  it('rounds per line half away from zero, and applies min, max and the base', () => {
    const rule: CommissionCandidate = {
      ruleId: 'r',
      version: 1,
      scope: 'marketplace',
      vendorId: null,
      categoryId: null,
      categoryPath: null,
      productId: null,
      kind: 'percent',
      rateBps: 1_250,
      amounts: {},
      minAmounts: { EUR: 50 },
      maxAmounts: { EUR: 1_000 },
      validFrom: null,
      validTo: null,
      priority: 0,
      enabled: true,
      vendorGmv30dMinMinor: null,
      createdAt: new Date(T0),
    };
    const at = { at: new Date(T0) };
    const l = (netMinor: number, currency = 'EUR'): CommissionLine => ({
      productId: 'p',
      vendorId: 'v',
      categoryPath: null,
      currency,
      qty: 1,
      netMinor,
    });
    expect(chooseCommission(l(1_004), [rule], at).winner).toMatchObject({ amountMinor: 126, cap: 'none' }); // 125.5
    expect(chooseCommission(l(1_003), [rule], at).winner).toMatchObject({ amountMinor: 125, cap: 'none' }); // 125.375
    expect(chooseCommission(l(200), [rule], at).winner).toMatchObject({ amountMinor: 50, cap: 'min' });
    expect(chooseCommission(l(30), [rule], at).winner).toMatchObject({ amountMinor: 30, cap: 'base' });
    expect(chooseCommission(l(100_000), [rule], at).winner).toMatchObject({ amountMinor: 1_000, cap: 'max' });
    expect(chooseCommission(l(100_000, 'USD'), [rule], at).winner).toMatchObject({
      amountMinor: 12_500,
      cap: 'none',
    });
    const flat = { ...rule, kind: 'flat_per_unit' as const, rateBps: null, amounts: { EUR: 7 } };
    expect(chooseCommission({ ...l(10_000), qty: 20 }, [flat], at).winner).toMatchObject({
      amountMinor: 140,
      flatMinor: 7,
    });
    expect(chooseCommission(l(10_000, 'USD'), [flat], at).verdicts[0]?.reason).toBe('no_amount_in_currency');
    const tiered = { ...rule, vendorGmv30dMinMinor: { EUR: 10_000_000 } };
    expect(
      chooseCommission(l(10_000), [tiered], { at: new Date(T0), vendorGmv30dMinor: () => 9_999_999 })
        .verdicts[0]?.reason,
    ).toBe('condition_not_met');
    expect(
      chooseCommission(l(10_000), [tiered], { at: new Date(T0), vendorGmv30dMinor: () => 10_000_000 }).winner
        .ruleId,
    ).toBe('r');
  });
});

describe('reverseCommission', () => {
  it('reverses, in any partial steps, exactly the frozen commission and never more', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000 }), { maxLength: 20 }),
        (qty, commissionMinor, steps) => {
          const line = { commissionMinor, qty, netMinor: qty * 1_000 };
          let done = 0;
          let reversed = 0;
          for (const s of steps) {
            const part = Math.min(s, qty - done);
            const r = reverseCommission(line, { qty: part, previouslyReversedQty: done });
            expect(r).toBeGreaterThanOrEqual(0);
            reversed += r;
            done += part;
            expect(reversed).toBeLessThanOrEqual(commissionMinor);
          }
          reversed += reverseCommission(line, { qty: qty - done, previouslyReversedQty: done });
          expect(reversed).toBe(commissionMinor);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('is proportional at the frozen rate, by quantity or by amount', () => {
    const line = { commissionMinor: 1_001, qty: 4, netMinor: 10_000 };
    expect(reverseCommission(line, { qty: 1 })).toBe(250); // 250.25
    expect(reverseCommission(line, { qty: 2 })).toBe(501); // 500.5 rounds away from zero
    expect(reverseCommission(line, { amountMinor: 2_500 })).toBe(250);
    expect(reverseCommission(line, { qty: 4 })).toBe(1_001);
    expect(() => reverseCommission(line, { qty: 3, previouslyReversedQty: 2 })).toThrow(RangeError);
  });
});
