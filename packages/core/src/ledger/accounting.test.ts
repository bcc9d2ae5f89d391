import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerModel, opArb } from '../../test/ledger/ledger-model.js';
import { assertBalanced, type EntryDraft, reversalParts, UnbalancedPostingError } from './accounting.js';

const sumsByCurrency = (entries: EntryDraft[]) => {
  const m = new Map<string, number>();
  for (const e of entries) m.set(e.account.currency, (m.get(e.account.currency) ?? 0) + e.amountMinor);
  return m;
};

describe('the accounting of placements, reversals, payments and payouts', () => {
  // 10,000 random sequences through the pure model: the same functions `post` writes. The
  // database half (ledger.test.ts) runs a sample of such sequences against PostgreSQL.
  it('keeps every transaction balanced, balances equal to their entries, commission within 0..net', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
        const m = new LedgerModel('p');
        for (const op of ops) m.apply(op);
        for (const tx of m.transactions) {
          expect(tx.length).toBeGreaterThan(0);
          for (const sum of sumsByCurrency(tx).values()) expect(sum).toBe(0);
          for (const e of tx) expect(Number.isSafeInteger(e.amountMinor) && e.amountMinor !== 0).toBe(true);
        }
        const recomputed = new Map<string, number>();
        for (const e of m.transactions.flat()) {
          const k = `${e.account.kind}|${e.account.ownerId ?? ''}|${e.account.currency}`;
          recomputed.set(k, (recomputed.get(k) ?? 0) + e.amountMinor);
        }
        expect(recomputed).toEqual(m.balances);
        for (const o of m.orders) {
          expect(o.commissionMinor).toBeGreaterThanOrEqual(0);
          expect(o.commissionMinor).toBeLessThanOrEqual(o.subtotalMinor);
          expect(o.remaining.commission).toBeGreaterThanOrEqual(0);
          expect(o.remaining.commission).toBeLessThanOrEqual(o.commissionMinor);
          expect(o.remaining.vendor).toBeGreaterThanOrEqual(0);
          expect(o.remaining.tax).toBeGreaterThanOrEqual(0);
          if (o.status === 'cancelled') expect(o.remaining).toEqual({ vendor: 0, commission: 0, tax: 0 });
        }
        for (const [k, balance] of m.balances)
          if (k.startsWith('commission_revenue')) expect(balance).toBeLessThanOrEqual(0); // a credit: revenue never negative
        for (const v of ['ven_1', 'ven_2', 'ven_3'])
          for (const c of ['EUR', 'USD']) expect(m.available(v, c)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('splits a partial reversal exactly, never past what is left of a part', () => {
    fc.assert(
      fc.property(
        fc.record({
          vendor: fc.integer({ min: 0, max: 1e9 }),
          commission: fc.integer({ min: 0, max: 1e9 }),
          tax: fc.integer({ min: 0, max: 1e9 }),
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (remaining, share) => {
          const left = remaining.vendor + remaining.commission + remaining.tax;
          fc.pre(left > 0);
          const amount = Math.max(1, Math.floor(left * share));
          const parts = reversalParts(remaining, amount);
          expect(parts.vendor + parts.commission + parts.tax).toBe(amount);
          for (const k of ['vendor', 'commission', 'tax'] as const) {
            expect(parts[k]).toBeGreaterThanOrEqual(0);
            expect(parts[k]).toBeLessThanOrEqual(remaining[k]);
            // proportional to within one minor unit
            expect(Math.abs(parts[k] - (remaining[k] * amount) / left)).toBeLessThan(1);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('refuses a posting that does not balance, or has a zero entry', () => {
    const acct = { kind: 'cash' as const, ownerId: null, currency: 'EUR' };
    expect(() => assertBalanced([{ account: acct, amountMinor: 5, orderId: null }])).toThrow(
      UnbalancedPostingError,
    );
    expect(() => assertBalanced([])).toThrow(UnbalancedPostingError);
    expect(() =>
      assertBalanced([
        { account: acct, amountMinor: 0, orderId: null },
        { account: acct, amountMinor: 0, orderId: null },
      ]),
    ).toThrow(UnbalancedPostingError);
    expect(() =>
      assertBalanced([
        { account: acct, amountMinor: 5, orderId: null },
        { account: { ...acct, currency: 'USD' }, amountMinor: -5, orderId: null },
      ]),
    ).toThrow(/EUR/);
  });
});
