import { sumAmounts } from '../commerce/money.js';

/**
 * The accounting of ADR 0038, as pure functions: which accounts a business event debits and
 * credits, and by how much. `post` writes what these return; the property tests run them
 * without a database. Amounts are signed integer minor units: debit positive, credit negative.
 *
 *   order placed     Dr company receivable  total
 *                    Cr vendor payable      subtotal + shipping - commission (the vendor ships)
 *                    Cr commission revenue  commission
 *                    Cr tax collected       tax (the marketplace invoices and remits tax)
 *   order reversed   the same accounts the other way, for what is left (full) or a share
 *   invoice paid     Dr cash, Cr company receivable (one entry per order paid)
 *   vendor paid      Dr vendor payable, Cr cash
 */
export const ACCOUNT_KINDS = [
  'company_receivable',
  'vendor_payable',
  'commission_revenue',
  'tax_collected',
  'shipping',
  'cash',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
export type LedgerTransactionKind = 'order_placed' | 'order_reversed' | 'invoice_paid' | 'vendor_paid';

/** An account by what it is: kind, owner (company or vendor; null for the marketplace) and currency. */
export type AccountKey = { kind: AccountKind; ownerId: string | null; currency: string };
export type EntryDraft = { account: AccountKey; amountMinor: number; orderId: string | null };
export type PostingDraft = {
  idempotencyKey: string;
  kind: LedgerTransactionKind;
  reference: string;
  memo?: string;
  occurredAt?: Date;
  actorUserId?: string | null;
  entries: EntryDraft[];
};

export const accountKeyString = (k: AccountKey) => `${k.kind}|${k.ownerId ?? ''}|${k.currency}`;

/** What a posting of an order needs, as frozen on the order. */
export type OrderFigures = {
  orderId: string;
  companyId: string;
  vendorId: string;
  currency: string;
  subtotalMinor: number;
  taxMinor: number;
  shippingMinor: number;
  totalMinor: number;
  commissionMinor: number;
};

/** An order's amounts still on the books, each as a positive magnitude. */
export type OrderParts = { vendor: number; commission: number; tax: number };

export class UnbalancedPostingError extends Error {}

/** Every entry non-zero and a safe integer; every currency sums to zero. */
export function assertBalanced(entries: readonly EntryDraft[]): void {
  if (entries.length === 0) throw new UnbalancedPostingError('a posting needs entries');
  const sums = new Map<string, number[]>();
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amountMinor) || e.amountMinor === 0)
      throw new UnbalancedPostingError(`entry amounts are non-zero integers, got ${e.amountMinor}`);
    const list = sums.get(e.account.currency) ?? [];
    list.push(e.amountMinor);
    sums.set(e.account.currency, list);
  }
  for (const [currency, amounts] of sums) {
    const sum = sumAmounts(amounts);
    if (sum !== 0) throw new UnbalancedPostingError(`the entries in ${currency} sum to ${sum}, not 0`);
  }
}

const entry = (account: AccountKey, amountMinor: number, orderId: string | null): EntryDraft => ({
  account,
  amountMinor,
  orderId,
});
const withoutZeros = (entries: EntryDraft[]) => entries.filter((e) => e.amountMinor !== 0);

export const accounts = {
  receivable: (companyId: string, currency: string): AccountKey => ({
    kind: 'company_receivable',
    ownerId: companyId,
    currency,
  }),
  payable: (vendorId: string, currency: string): AccountKey => ({
    kind: 'vendor_payable',
    ownerId: vendorId,
    currency,
  }),
  commission: (currency: string): AccountKey => ({ kind: 'commission_revenue', ownerId: null, currency }),
  tax: (currency: string): AccountKey => ({ kind: 'tax_collected', ownerId: null, currency }),
  cash: (currency: string): AccountKey => ({ kind: 'cash', ownerId: null, currency }),
};

/** The parts of a freshly placed order. Commission is at most the subtotal (never negative). */
export function placedParts(o: OrderFigures): OrderParts {
  if (o.commissionMinor < 0 || o.commissionMinor > o.subtotalMinor)
    throw new RangeError(
      `commission ${o.commissionMinor} is outside 0..${o.subtotalMinor} (the order's net)`,
    );
  if (o.totalMinor !== o.subtotalMinor + o.taxMinor + o.shippingMinor)
    throw new RangeError('an order total is its subtotal, tax and shipping');
  return {
    vendor: o.subtotalMinor + o.shippingMinor - o.commissionMinor,
    commission: o.commissionMinor,
    tax: o.taxMinor,
  };
}

const partsTotal = (p: OrderParts) => p.vendor + p.commission + p.tax;

/** Entries that book `parts` of an order (sign 1) or take them back (sign -1). */
export function orderEntries(o: OrderFigures, parts: OrderParts, sign: 1 | -1): EntryDraft[] {
  return withoutZeros([
    entry(accounts.receivable(o.companyId, o.currency), sign * partsTotal(parts), o.orderId),
    entry(accounts.payable(o.vendorId, o.currency), -sign * parts.vendor, o.orderId),
    entry(accounts.commission(o.currency), -sign * parts.commission, o.orderId),
    entry(accounts.tax(o.currency), -sign * parts.tax, o.orderId),
  ]);
}

export function orderPlacedPosting(o: OrderFigures): PostingDraft {
  return {
    idempotencyKey: `order_placed:${o.orderId}`,
    kind: 'order_placed',
    reference: o.orderId,
    entries: orderEntries(o, placedParts(o), 1),
  };
}

/**
 * The share of `remaining` that a reversal of `amountMinor` (of the buyer's total still on the
 * books) takes back: proportional, split by largest remainder so the parts add up to exactly
 * `amountMinor` and none goes past what is left of it (nor below zero). Ties go to the vendor,
 * then tax, then commission, a fixed order. The whole remaining amount reverses every part in full.
 */
export function reversalParts(remaining: OrderParts, amountMinor: number): OrderParts {
  const left = partsTotal(remaining);
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > left)
    throw new RangeError(`a reversal is 1..${left} (what is left of the order), got ${amountMinor}`);
  if (amountMinor === left) return { ...remaining };
  const names = ['vendor', 'tax', 'commission'] as const;
  const a = BigInt(amountMinor);
  const l = BigInt(left);
  const exact = names.map((n) => BigInt(remaining[n]) * a);
  const floors = exact.map((x) => x / l);
  const share: OrderParts = { vendor: 0, commission: 0, tax: 0 };
  names.forEach((n, i) => {
    share[n] = Number(floors[i]);
  });
  let leftover = amountMinor - partsTotal(share);
  const byRemainder = names
    .map((n, i) => ({ n, r: (exact[i] as bigint) % l, i }))
    .sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (const { n, r } of byRemainder) {
    if (leftover === 0) break;
    if (r === 0n) continue;
    share[n] += 1;
    leftover -= 1;
  }
  return share;
}

export function subtractParts(a: OrderParts, b: OrderParts): OrderParts {
  return { vendor: a.vendor - b.vendor, commission: a.commission - b.commission, tax: a.tax - b.tax };
}

/**
 * Reverse an order (cancelled, rejected, or a partial amount of it) at its frozen amounts.
 * `remaining` is what the ledger still holds for it; `full` takes all of it back.
 */
export function orderReversalPosting(
  o: OrderFigures,
  remaining: OrderParts,
  amount: { full: true } | { amountMinor: number },
  idempotencyKey: string,
): PostingDraft | null {
  const left = partsTotal(remaining);
  if (left === 0) return null;
  const parts = 'full' in amount ? { ...remaining } : reversalParts(remaining, amount.amountMinor);
  return {
    idempotencyKey,
    kind: 'order_reversed',
    reference: o.orderId,
    entries: orderEntries(o, parts, -1),
  };
}

/** A bank transfer from a buyer company settling orders: cash in, each order's receivable out. */
export function invoicePaidEntries(
  companyId: string,
  currency: string,
  orders: readonly { orderId: string; amountMinor: number }[],
): EntryDraft[] {
  const total = sumAmounts(orders.map((o) => o.amountMinor));
  return withoutZeros([
    entry(accounts.cash(currency), total, null),
    ...orders.map((o) => entry(accounts.receivable(companyId, currency), -o.amountMinor, o.orderId)),
  ]);
}

/** A payout to a vendor: what the marketplace owes it goes down, and so does cash. */
export function vendorPaidEntries(vendorId: string, currency: string, amountMinor: number): EntryDraft[] {
  return [
    entry(accounts.payable(vendorId, currency), amountMinor, null),
    entry(accounts.cash(currency), -amountMinor, null),
  ];
}

/** Order statuses after which a vendor's earnings on the order can be paid out. */
export const EARNED_STATUSES = ['delivered', 'completed'] as const;
