import {
  AppError,
  mayTakeOrderAction,
  ORDER_TRANSITIONS,
  type OrderAction,
  type OrderStatus,
} from '@agora/contracts';
import { statusLabel } from '@agora/contracts/labels';
import type { TenantTx } from '@agora/db';
import { and, eq, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { postOrderReversed } from '../ledger/post-orders.js';
import { emitEvent } from '../outbox/emit-event.js';
import { issueInvoice } from './issue-invoice.js';
import { orderNotFound, type StatusScope, scopeCondition } from './order-scope.js';

export type LockedOrder = TenantTx['t']['orders']['$inferSelect'];

/**
 * Lock an order the caller reaches (`FOR UPDATE`): every change of one order runs after the
 * last one committed, so a status is checked and changed atomically and stock goes back once.
 */
export async function lockOrder(
  { db, t }: TenantTx,
  scope: StatusScope,
  orderId: string,
): Promise<LockedOrder> {
  const [order] = await db
    .select()
    .from(t.orders)
    .where(and(eq(t.orders.id, orderId), scopeCondition(t, scope)))
    .for('update');
  if (!order) throw orderNotFound();
  return order;
}

/** Refuse a move the transition table does not give this caller, saying what the order is. */
export function assertMayTake(action: OrderAction, scope: StatusScope, status: OrderStatus): void {
  if (mayTakeOrderAction(action, scope.actor, status)) return;
  const who = ORDER_TRANSITIONS[action].by[scope.actor];
  throw new AppError(
    who ? 'invalid_state' : 'forbidden',
    who
      ? `This order is ${statusLabel(status)}: it can be ${action === 'ship' ? 'shipped' : `${ORDER_TRANSITIONS[action].to}`} only when ${who.map((s) => statusLabel(s)).join(' or ')}`
      : `A ${scope.actor} cannot ${action} an order`,
    { status, action },
  );
}

/** Give back the stock placement took, for the lines that took it (stock-tracked products). */
async function returnStock({ db, t }: TenantTx, orderId: string): Promise<void> {
  const lines = await db
    .select({ productId: t.orderLines.productId, qty: t.orderLines.qty })
    .from(t.orderLines)
    .where(and(eq(t.orderLines.orderId, orderId), eq(t.orderLines.stockTaken, true)));
  const byProduct = new Map<string, number>();
  for (const l of lines) byProduct.set(l.productId, (byProduct.get(l.productId) ?? 0) + l.qty);
  // product id order, as placement takes it: no deadlock between a checkout and a cancellation
  for (const productId of [...byProduct.keys()].sort())
    await db
      .update(t.products)
      .set({ stockQty: sql`coalesce(${t.products.stockQty}, 0) + ${byProduct.get(productId) as number}` })
      .where(eq(t.products.id, productId));
}

export type StatusChange = {
  orderId: string;
  action: Exclude<OrderAction, 'ship'>;
  scope: StatusScope;
  reason?: string | null;
  now?: Date;
};

/**
 * The one place an order's status changes (except shipping, ship-order.ts): under the order's
 * row lock, checked against ORDER_TRANSITIONS for the caller, with the stock returned (reject,
 * cancel), the invoice issued (accept), an audit row and an `order.<status>` outbox event, all in
 * the caller's transaction.
 * A rejection or cancellation also reverses the order in the ledger (commission at its frozen
 * rate), in this same transaction.
 */
export async function changeOrderStatus(tx: TenantTx, change: StatusChange): Promise<LockedOrder> {
  const { db, t } = tx;
  const order = await lockOrder(tx, change.scope, change.orderId);
  const transition = ORDER_TRANSITIONS[change.action];
  assertMayTake(change.action, change.scope, order.status);
  const reason = change.reason?.trim() || null;
  if (transition.reason === 'required' && !reason)
    throw new AppError('validation_failed', 'Say why: the reason is shown to the other side', {
      fields: [{ path: 'reason', message: 'is required: say why' }],
    });
  if (change.action === 'deliver') {
    const [row] = await db
      .execute<{ short: boolean }>(sql`
      select exists (
        select 1 from ${t.orderLines} l
        where l.order_id = ${order.id}
          and l.qty > coalesce((select sum(s.qty) from ${t.shipmentLines} s
                                where s.order_id = l.order_id and s.line_no = l.line_no), 0)
      ) as short`)
      .then((r) => r.rows);
    if (row?.short)
      throw new AppError('invalid_state', 'Not every line has shipped yet: ship the rest before delivery', {
        status: order.status,
        action: change.action,
      });
  }
  const now = change.now ?? new Date();
  const [updated] = await db
    .update(t.orders)
    .set({ status: transition.to, statusReason: reason ?? order.statusReason, updatedAt: now })
    .where(eq(t.orders.id, order.id))
    .returning();
  if (transition.returnsStock) await returnStock(tx, order.id);
  // Called off: the ledger reverses the order at its frozen amounts, commission included (ADR 0038).
  if (transition.to === 'rejected' || transition.to === 'cancelled')
    await postOrderReversed(
      tx,
      order.id,
      { full: true },
      { actorUserId: change.scope.userId, memo: reason ?? '' },
    );
  const invoice = change.action === 'accept' ? await issueInvoice(tx, order, now) : null;
  await recordTenantAudit(tx, {
    actorUserId: change.scope.userId,
    action: `order.${transition.to}`,
    subjectType: 'order',
    subjectId: order.id,
    data: {
      from: order.status,
      actor: change.scope.actor,
      ...(reason ? { reason } : {}),
      ...(invoice ? { invoiceNumber: invoice.number } : {}),
    },
  });
  await emitEvent(tx, `order.${transition.to}`, {
    orderId: order.id,
    vendorId: order.vendorId,
    buyerUserId: order.buyerUserId,
    status: transition.to,
    reason,
    actor: change.scope.actor,
  });
  return updated as LockedOrder;
}
