import fc from 'fast-check';
import { applyBps } from '../../src/commerce/money.js';
import {
  type AccountKey,
  accountKeyString,
  type EntryDraft,
  invoicePaidEntries,
  type OrderFigures,
  type OrderParts,
  orderPlacedPosting,
  orderReversalPosting,
  placedParts,
  subtractParts,
  vendorPaidEntries,
} from '../../src/ledger/accounting.js';

/**
 * An in-memory marketplace driven by the same accounting functions the database postings use:
 * the property tests run thousands of random sequences through it, and a sample of the same
 * sequences through the real functions and PostgreSQL, comparing balances.
 */
export const COMPANIES = ['cmp_1', 'cmp_2'] as const;
export const VENDORS = ['ven_1', 'ven_2', 'ven_3'] as const;
export const CURRENCIES = ['EUR', 'USD'] as const;

export type Op =
  | {
      op: 'place';
      company: number;
      vendor: number;
      currency: number;
      subtotal: number;
      tax: number;
      shipping: number;
      rateBps: number;
    }
  | { op: 'deliver'; order: number }
  | { op: 'cancel'; order: number }
  | { op: 'partial'; order: number; share: number }
  | { op: 'pay'; company: number; currency: number }
  | { op: 'payout'; vendor: number; currency: number; share: number };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('place' as const),
      company: fc.nat(COMPANIES.length - 1),
      vendor: fc.nat(VENDORS.length - 1),
      currency: fc.nat(CURRENCIES.length - 1),
      subtotal: fc.oneof(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 50_000_000 })),
      tax: fc.integer({ min: 0, max: 5_000_000 }),
      shipping: fc.integer({ min: 0, max: 100_000 }),
      rateBps: fc.oneof(fc.constant(0), fc.constant(10_000), fc.integer({ min: 0, max: 10_000 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deliver' as const), order: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), order: fc.nat(30) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('partial' as const),
      order: fc.nat(30),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('pay' as const),
      company: fc.nat(COMPANIES.length - 1),
      currency: fc.nat(CURRENCIES.length - 1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('payout' as const),
      vendor: fc.nat(VENDORS.length - 1),
      currency: fc.nat(CURRENCIES.length - 1),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
);

export type ModelOrder = OrderFigures & {
  status: 'placed' | 'delivered' | 'cancelled';
  remaining: OrderParts;
  outstanding: number;
  paid: boolean;
};

/** What one op turned into: a posting of these entries (or nothing when the op does not apply). */
export type Step =
  | { kind: 'place'; order: ModelOrder }
  | { kind: 'deliver'; orderId: string }
  | { kind: 'cancel'; orderId: string }
  | { kind: 'partial'; orderId: string; amountMinor: number; key: string }
  | { kind: 'pay'; companyId: string; currency: string; orderIds: string[]; amountMinor: number; key: string }
  | { kind: 'payout'; vendorId: string; currency: string; amountMinor: number; key: string };

export class LedgerModel {
  orders: ModelOrder[] = [];
  balances = new Map<string, number>();
  transactions: EntryDraft[][] = [];
  paidOut = new Map<string, number>();
  private seq = 0;

  constructor(private readonly prefix: string) {}

  private book(entries: EntryDraft[]) {
    this.transactions.push(entries);
    for (const e of entries) {
      const k = accountKeyString(e.account);
      this.balances.set(k, (this.balances.get(k) ?? 0) + e.amountMinor);
    }
  }

  balance(k: AccountKey) {
    return this.balances.get(accountKeyString(k)) ?? 0;
  }

  /** Earned on delivered orders minus paid out: what a payout may take. */
  available(vendorId: string, currency: string) {
    const earned = this.orders
      .filter((o) => o.vendorId === vendorId && o.currency === currency && o.status === 'delivered')
      .reduce((s, o) => s + o.remaining.vendor, 0);
    return earned - (this.paidOut.get(`${vendorId}|${currency}`) ?? 0);
  }

  apply(op: Op): Step | null {
    const key = () => `${this.prefix}-${++this.seq}`;
    switch (op.op) {
      case 'place': {
        const subtotalMinor = op.subtotal;
        const o: OrderFigures = {
          orderId: `ord_${this.prefix}_${this.orders.length}`,
          companyId: COMPANIES[op.company] as string,
          vendorId: VENDORS[op.vendor] as string,
          currency: CURRENCIES[op.currency] as string,
          subtotalMinor,
          taxMinor: op.tax,
          shippingMinor: op.shipping,
          totalMinor: subtotalMinor + op.tax + op.shipping,
          commissionMinor: applyBps(subtotalMinor, op.rateBps),
        };
        const order: ModelOrder = {
          ...o,
          status: 'placed',
          remaining: placedParts(o),
          outstanding: o.totalMinor,
          paid: false,
        };
        this.orders.push(order);
        this.book(orderPlacedPosting(o).entries);
        return { kind: 'place', order };
      }
      case 'deliver': {
        const o = this.orders[op.order % Math.max(1, this.orders.length)];
        if (o?.status !== 'placed') return null;
        o.status = 'delivered';
        return { kind: 'deliver', orderId: o.orderId };
      }
      case 'cancel': {
        const o = this.orders[op.order % Math.max(1, this.orders.length)];
        if (o?.status !== 'placed') return null;
        const p = orderReversalPosting(o, o.remaining, { full: true }, 'x');
        o.status = 'cancelled';
        if (p) this.settle(o, p.entries);
        return { kind: 'cancel', orderId: o.orderId };
      }
      case 'partial': {
        const o = this.orders[op.order % Math.max(1, this.orders.length)];
        if (o?.status !== 'placed') return null;
        const left = o.remaining.vendor + o.remaining.commission + o.remaining.tax;
        const amountMinor = Math.min(left, Math.max(1, Math.floor(left * op.share)));
        if (left === 0) return null;
        const p = orderReversalPosting(o, o.remaining, { amountMinor }, 'x');
        if (p) this.settle(o, p.entries);
        return { kind: 'partial', orderId: o.orderId, amountMinor, key: key() };
      }
      case 'pay': {
        const companyId = COMPANIES[op.company] as string;
        const currency = CURRENCIES[op.currency] as string;
        const open = this.orders.filter(
          (o) => o.companyId === companyId && o.currency === currency && !o.paid && o.outstanding > 0,
        );
        if (open.length === 0) return null;
        const lines = open.map((o) => ({ orderId: o.orderId, amountMinor: o.outstanding }));
        this.book(invoicePaidEntries(companyId, currency, lines));
        for (const o of open) {
          o.outstanding = 0;
          o.paid = true;
        }
        return {
          kind: 'pay',
          companyId,
          currency,
          orderIds: open.map((o) => o.orderId),
          amountMinor: lines.reduce((s, l) => s + l.amountMinor, 0),
          key: key(),
        };
      }
      case 'payout': {
        const vendorId = VENDORS[op.vendor] as string;
        const currency = CURRENCIES[op.currency] as string;
        const available = this.available(vendorId, currency);
        const amountMinor = Math.floor(available * op.share);
        if (amountMinor <= 0) return null;
        this.book(vendorPaidEntries(vendorId, currency, amountMinor));
        const k = `${vendorId}|${currency}`;
        this.paidOut.set(k, (this.paidOut.get(k) ?? 0) + amountMinor);
        return { kind: 'payout', vendorId, currency, amountMinor, key: key() };
      }
    }
  }

  /** Book a reversal and take its parts off the order. */
  private settle(o: ModelOrder, entries: EntryDraft[]) {
    this.book(entries);
    const part = (kind: AccountKey['kind']) =>
      -entries.filter((e) => e.account.kind === kind).reduce((s, e) => s + e.amountMinor, 0);
    const taken = {
      vendor: -part('vendor_payable'),
      commission: -part('commission_revenue'),
      tax: -part('tax_collected'),
    };
    o.remaining = subtractParts(o.remaining, taken);
    o.outstanding -= part('company_receivable');
  }
}
