import { AppError, newId, type OrderDetail, type ShipOrderBody } from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { eq, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { emitEvent } from '../outbox/emit-event.js';
import { assertMayTake, lockOrder } from './change-order-status.js';
import { loadOrderDetail } from './order-detail.js';
import type { OrderScope } from './order-scope.js';

/**
 * A shipment leaves (ADR 0036): some quantity of some lines, with carrier and tracking
 * number. Under the order's row lock each quantity is checked against what is left to ship
 * (ordered minus shipped so far; a trigger refuses it too). The first shipment makes the order
 * `shipped`; later ones leave the status as it is, until every line has shipped.
 */
export async function recordShipment(
  tx: TenantTx,
  input: { orderId: string; scope: OrderScope; body: ShipOrderBody; now?: Date },
): Promise<{ shipmentId: string }> {
  const { db, t } = tx;
  const order = await lockOrder(tx, input.scope, input.orderId);
  assertMayTake('ship', input.scope, order.status);
  const rows = await db.execute<{ line_no: number; qty: number; shipped: string }>(sql`
    select l.line_no, l.qty,
      coalesce((select sum(s.qty) from ${t.shipmentLines} s
                where s.order_id = l.order_id and s.line_no = l.line_no), 0)::text as shipped
    from ${t.orderLines} l where l.order_id = ${order.id}`);
  const left = new Map(rows.rows.map((r) => [Number(r.line_no), Number(r.qty) - Number(r.shipped)]));

  const issues: { path: string; message: string }[] = [];
  const wanted = new Map<number, number>();
  input.body.lines.forEach((l, i) => {
    if (l.qty === 0) return;
    const remaining = left.get(l.lineNo);
    if (remaining === undefined)
      issues.push({ path: `lines.${i}.lineNo`, message: 'is not a line of this order' });
    else if (wanted.has(l.lineNo)) issues.push({ path: `lines.${i}.lineNo`, message: 'is listed twice' });
    else if (l.qty > remaining)
      issues.push({
        path: `lines.${i}.qty`,
        message:
          remaining === 0 ? 'has all shipped already' : `must be at most ${remaining} (what is left to ship)`,
      });
    else wanted.set(l.lineNo, l.qty);
  });
  if (!issues.length && wanted.size === 0) issues.push({ path: 'lines', message: 'ship at least one unit' });
  if (issues.length)
    throw new AppError('validation_failed', 'Check the quantities to ship', { fields: issues });

  const now = input.now ?? new Date();
  const shipmentId = newId('shp');
  await db.insert(t.shipments).values({
    id: shipmentId,
    orderId: order.id,
    carrier: input.body.carrier,
    trackingNumber: input.body.trackingNumber,
    shippedAt: now,
  });
  await db
    .insert(t.shipmentLines)
    .values([...wanted].map(([lineNo, qty]) => ({ shipmentId, orderId: order.id, lineNo, qty })));
  await db.update(t.orders).set({ status: 'shipped', updatedAt: now }).where(eq(t.orders.id, order.id));
  await recordTenantAudit(tx, {
    actorUserId: input.scope.userId,
    action: 'order.shipped',
    subjectType: 'order',
    subjectId: order.id,
    data: {
      from: order.status,
      shipmentId,
      carrier: input.body.carrier,
      trackingNumber: input.body.trackingNumber,
      lines: Object.fromEntries(wanted),
    },
  });
  await emitEvent(tx, 'order.shipped', {
    orderId: order.id,
    vendorId: order.vendorId,
    buyerUserId: order.buyerUserId,
    status: 'shipped',
    reason: null,
    shipmentId,
  });
  return { shipmentId };
}

/** `recordShipment` in its own transaction; the order as the vendor sees it afterwards. */
export async function shipOrder(
  database: Database,
  tenant: TenantRef,
  input: { orderId: string; scope: OrderScope; body: ShipOrderBody; now?: Date },
): Promise<OrderDetail> {
  return withTenant(database, tenant, async (tx) => {
    await recordShipment(tx, input);
    return loadOrderDetail(tx, input.scope, input.orderId);
  });
}
