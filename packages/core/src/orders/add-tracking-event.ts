import {
  type AddTrackingEventBody,
  AppError,
  mayTakeOrderAction,
  newId,
  type OrderDetail,
  TrackingWebhookBody,
} from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import { emitEvent } from '../outbox/emit-event.js';
import { changeOrderStatus, lockOrder } from './change-order-status.js';
import { loadOrderDetail } from './order-detail.js';
import { CARRIER_SCOPE, type OrderScope, type StatusScope, scopeCondition } from './order-scope.js';
import { verifyTrackingSignature } from './tracking-signature.js';
import { peekTrackingSecret } from './tracking-webhook-secret.js';

const sqlState = (e: unknown) => (e as { code?: unknown } | null)?.code;
const isUniqueViolation = (e: unknown) =>
  sqlState(e) === '23505' || sqlState((e as { cause?: unknown } | null)?.cause) === '23505';

async function insertEvent(
  tx: TenantTx,
  shipmentId: string,
  body: AddTrackingEventBody,
  source: { kind: 'vendor'; userId: string } | { kind: 'webhook'; externalId: string },
  now: Date,
): Promise<string> {
  const id = newId('trk');
  await tx.db.insert(tx.t.trackingEvents).values({
    id,
    shipmentId,
    occurredAt: body.occurredAt ? new Date(body.occurredAt) : now,
    status: body.status,
    location: body.location ?? '',
    note: body.note ?? '',
    source: source.kind,
    externalId: source.kind === 'webhook' ? source.externalId : null,
  });
  await recordTenantAudit(tx, {
    actorUserId: source.kind === 'vendor' ? source.userId : null,
    action: 'shipment.tracking_added',
    subjectType: 'shipment',
    subjectId: shipmentId,
    data: { eventId: id, status: body.status, source: source.kind },
  });
  await emitEvent(tx, 'shipment.tracking_added', { shipmentId, eventId: id, status: body.status });
  return id;
}

/**
 * After a `delivered` tracking event: when every line of the order has shipped and every
 * shipment has a `delivered` event, the order is marked delivered through `changeOrderStatus`
 * (the same transition as the vendor's "Mark delivered": audit row, `order.delivered` event and
 * email), by `scope` (the vendor who entered the event, or the carrier). Under the order's row
 * lock: of two last events arriving at once, the second to lock sees both. An order that is no
 * longer `shipped` (already delivered, completed) is left as it is, so a repeated event changes
 * nothing. Returns whether the order moved.
 */
async function deliverIfAllDelivered(
  tx: TenantTx,
  orderId: string,
  scope: StatusScope,
  now: Date,
): Promise<boolean> {
  const { db, t } = tx;
  const order = await lockOrder(tx, scope, orderId);
  // Already delivered or completed (a repeated event), or a caller who may not deliver: nothing.
  if (!mayTakeOrderAction('deliver', scope.actor, order.status)) return false;
  const [row] = await db
    .execute<{ done: boolean }>(sql`
      select not exists (
        select 1 from ${t.orderLines} l
        where l.order_id = ${orderId}
          and l.qty > coalesce((select sum(s.qty) from ${t.shipmentLines} s
                                where s.order_id = l.order_id and s.line_no = l.line_no), 0)
      ) and not exists (
        select 1 from ${t.shipments} sh
        where sh.order_id = ${orderId}
          and not exists (select 1 from ${t.trackingEvents} e
                          where e.shipment_id = sh.id and e.status = 'delivered')
      ) as done`)
    .then((r) => r.rows);
  if (!row?.done) return false;
  await changeOrderStatus(tx, { orderId, action: 'deliver', scope, now });
  return true;
}

/** The vendor adds a tracking event to one of its order's shipments. */
export async function addTrackingEvent(
  database: Database,
  tenant: TenantRef,
  input: { orderId: string; shipmentId: string; scope: OrderScope; body: AddTrackingEventBody; now?: Date },
): Promise<OrderDetail> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const [shipment] = await db
      .select({ id: t.shipments.id })
      .from(t.shipments)
      .innerJoin(t.orders, eq(t.orders.id, t.shipments.orderId))
      .where(
        and(
          eq(t.shipments.id, input.shipmentId),
          eq(t.shipments.orderId, input.orderId),
          scopeCondition(t, input.scope),
        ),
      );
    if (!shipment) throw new AppError('not_found', 'No such shipment of this order');
    const now = input.now ?? new Date();
    await insertEvent(tx, shipment.id, input.body, { kind: 'vendor', userId: input.scope.userId }, now);
    if (input.body.status === 'delivered') await deliverIfAllDelivered(tx, input.orderId, input.scope, now);
    return loadOrderDetail(tx, input.scope, input.orderId);
  });
}

/**
 * Check a post to the tracking webhook (ADR 0036): signed with the marketplace's secret over
 * the exact body, within 5 minutes. 401 `unauthenticated` otherwise, before the body is read.
 */
export async function verifyTrackingWebhook(
  database: Database,
  tenant: TenantRef,
  input: { signature: string | null | undefined; rawBody: string; now?: Date },
): Promise<void> {
  const secret = await peekTrackingSecret(database, tenant);
  const check = secret
    ? verifyTrackingSignature(secret, input.signature, input.rawBody, input.now)
    : { ok: false as const, reason: 'this marketplace has no tracking webhook secret yet' };
  if (!check.ok) throw new AppError('unauthenticated', `Tracking webhook refused: ${check.reason}`);
}

/**
 * Record a verified webhook event on the shipment with its tracking number; a `delivered` one
 * may mark the order delivered (`deliverIfAllDelivered`). Refused: an event id seen before (409
 * `conflict`: a replay, which changes nothing), a tracking number no shipment has (404).
 */
export async function recordWebhookTrackingEvent(
  database: Database,
  tenant: TenantRef,
  body: TrackingWebhookBody,
  now: Date = new Date(),
): Promise<{ shipmentId: string; eventId: string }> {
  try {
    return await withTenant(database, tenant, async (tx) => {
      const { db, t } = tx;
      const [shipment] = await db
        .select({ id: t.shipments.id, orderId: t.shipments.orderId })
        .from(t.shipments)
        .where(eq(t.shipments.trackingNumber, body.trackingNumber))
        .orderBy(desc(t.shipments.shippedAt))
        .limit(1);
      if (!shipment) throw new AppError('not_found', 'No shipment has this tracking number');
      const eventId = await insertEvent(
        tx,
        shipment.id,
        body,
        { kind: 'webhook', externalId: body.eventId },
        now,
      );
      if (body.status === 'delivered') await deliverIfAllDelivered(tx, shipment.orderId, CARRIER_SCOPE, now);
      return { shipmentId: shipment.id, eventId };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('conflict', `Event ${body.eventId} was received before: a replay is refused`);
    throw e;
  }
}

/** A whole webhook post: signature first, then the body, then the event. */
export async function receiveTrackingWebhook(
  database: Database,
  tenant: TenantRef,
  input: { signature: string | null | undefined; rawBody: string; now?: Date },
): Promise<{ shipmentId: string; eventId: string }> {
  await verifyTrackingWebhook(database, tenant, input);
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody);
  } catch {
    throw new AppError('validation_failed', 'The body is not JSON', {
      fields: [{ path: '(body)', message: 'is not JSON' }],
    });
  }
  const parsed = TrackingWebhookBody.safeParse(json);
  if (!parsed.success)
    throw new AppError('validation_failed', 'The tracking event is not valid', {
      fields: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
    });
  return recordWebhookTrackingEvent(database, tenant, parsed.data, input.now);
}
