import { AppError } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { and, eq, inArray, type SQLWrapper, sql } from 'drizzle-orm';
import {
  type OrderFigures,
  type OrderParts,
  orderPlacedPosting,
  orderReversalPosting,
} from './accounting.js';
import { ledgerPostingsSkipped } from './bench-switch.js';
import { type PostResult, postMany } from './post.js';

const figuresColumns = (tx: TenantTx) => ({
  orderId: tx.t.orders.id,
  companyId: tx.t.orders.companyId,
  vendorId: tx.t.orders.vendorId,
  currency: tx.t.orders.currency,
  subtotalMinor: tx.t.orders.subtotalMinor,
  taxMinor: tx.t.orders.taxMinor,
  shippingMinor: tx.t.orders.shippingMinor,
  totalMinor: tx.t.orders.totalMinor,
  commissionMinor: tx.t.orders.commissionMinor,
});

/**
 * Book newly placed orders (inside the placement's transaction, after their rows and their
 * frozen commission are written): receivable, vendor payable, commission, tax. The figures are
 * the ones placement just wrote (no read back). Idempotent per order (`order_placed:<id>`).
 */
export async function postOrdersPlaced(
  tx: TenantTx,
  orders: readonly (OrderFigures & { placedAt: Date })[],
  /** A write of the caller's to run in the same statement (placement's order lines). */
  alongside?: SQLWrapper,
): Promise<PostResult[]> {
  if (orders.length === 0 || ledgerPostingsSkipped()) {
    if (alongside) await tx.db.execute(alongside.getSQL());
    return [];
  }
  const sorted = [...orders].sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
  // Booked when the order was placed (the placement's clock), not when this runs.
  return postMany(
    tx,
    sorted.map((o) => ({ ...orderPlacedPosting(o), occurredAt: o.placedAt })),
    alongside,
  );
}

/** Orders' figures as stored, for postings made after placement (and for tests). */
export async function loadOrderFigures(
  tx: TenantTx,
  orderIds: readonly string[],
): Promise<(OrderFigures & { placedAt: Date })[]> {
  const found = await tx.db
    .select({ ...figuresColumns(tx), placedAt: tx.t.orders.placedAt })
    .from(tx.t.orders)
    .where(inArray(tx.t.orders.id, [...orderIds]));
  if (found.length !== new Set(orderIds).size) throw new Error('loadOrderFigures: an order id was not found');
  return found;
}

/** What the ledger still holds for an order, per part (positive magnitudes). */
export async function remainingOrderParts(tx: TenantTx, orderId: string): Promise<OrderParts> {
  const { db, t } = tx;
  const rows = await db
    .select({ kind: t.ledgerAccounts.kind, sum: sql<string>`sum(${t.ledgerEntries.amountMinor})` })
    .from(t.ledgerEntries)
    .innerJoin(t.ledgerAccounts, eq(t.ledgerAccounts.id, t.ledgerEntries.accountId))
    .where(
      and(
        eq(t.ledgerEntries.orderId, orderId),
        inArray(t.ledgerAccounts.kind, ['vendor_payable', 'commission_revenue', 'tax_collected']),
      ),
    )
    .groupBy(t.ledgerAccounts.kind);
  const of = (kind: string) => 0 - Number(rows.find((r) => r.kind === kind)?.sum ?? 0);
  return { vendor: of('vendor_payable'), commission: of('commission_revenue'), tax: of('tax_collected') };
}

export type ReversalAmount =
  /** Everything still on the books for the order (a cancellation or rejection). */
  | { full: true }
  /** Part of the buyer's total (a partial refund, later): `key` makes it idempotent. */
  | { amountMinor: number; key: string };

/**
 * Reverse an order at its frozen amounts, with new entries (never edits): in full when it is
 * cancelled or rejected, or a part of it, split proportionally between vendor, commission and
 * tax (`reversalParts`). Locks the order row, so two reversals of one order run one after the
 * other. A full reversal of an order with nothing left (or never posted) posts nothing.
 * Idempotent: `order_reversed:<id>` for full, `order_reversed:<id>:<key>` for a part.
 */
export async function postOrderReversed(
  tx: TenantTx,
  orderId: string,
  amount: ReversalAmount,
  meta: { actorUserId?: string | null; memo?: string } = {},
): Promise<PostResult | null> {
  if (ledgerPostingsSkipped()) return null;
  const { db, t } = tx;
  const [order] = await db
    .select(figuresColumns(tx))
    .from(t.orders)
    .where(eq(t.orders.id, orderId))
    .for('update');
  if (!order) throw new AppError('not_found', 'No such order');
  const key = 'full' in amount ? `order_reversed:${orderId}` : `order_reversed:${orderId}:${amount.key}`;
  const [done] = await db
    .select({ id: t.ledgerTransactions.id })
    .from(t.ledgerTransactions)
    .where(eq(t.ledgerTransactions.idempotencyKey, key));
  if (done) return { transactionId: done.id, idempotencyKey: key, replayed: true };
  const remaining = await remainingOrderParts(tx, orderId);
  const left = remaining.vendor + remaining.commission + remaining.tax;
  if (!('full' in amount) && amount.amountMinor > left)
    throw new AppError('validation_failed', `At most ${left} of this order is left to reverse`, {
      fields: [{ path: 'amountMinor', message: `must be at most ${left}` }],
    });
  const posting = orderReversalPosting(order, remaining, amount, key);
  if (!posting) return null;
  const [result] = await postMany(tx, [
    { ...posting, actorUserId: meta.actorUserId ?? null, memo: meta.memo ?? '' },
  ]);
  return result as PostResult;
}
