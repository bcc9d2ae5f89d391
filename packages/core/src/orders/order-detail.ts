import {
  type OrderDetail,
  type OrderStatus,
  type OrderSummary,
  type OrderTimelineEntry,
  orderActionsFor,
  type TrackingStatus,
} from '@agora/contracts';
import { statusLabel } from '@agora/contracts/labels';
import type { TenantTx } from '@agora/db';
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { CURSOR_TIME } from '../keyset-cursor.js';
import { type OrderScope, orderNotFound, scopeCondition } from './order-scope.js';

const iso = (d: Date) => d.toISOString();

/** The columns of an order summary: the order with its vendor, company, buyer and invoice. */
export function summaryColumns(t: TenantTx['t']) {
  return {
    order: t.orders,
    vendorName: t.vendors.name,
    companyName: t.companies.legalName,
    buyerName: t.users.name,
    buyerEmail: t.users.email,
    invoiceNumber: t.invoices.number,
    // microsecond precision for keyset cursors (JS Dates keep milliseconds only)
    cursorAt: sql<string>`to_char(${t.orders.placedAt} at time zone 'UTC', ${sql.raw(CURSOR_TIME)})`,
  };
}

type SummaryRow = {
  order: TenantTx['t']['orders']['$inferSelect'];
  vendorName: string;
  companyName: string;
  buyerName: string;
  buyerEmail: string;
  invoiceNumber: string | null;
};

export function summaryView(r: SummaryRow): OrderSummary {
  const o = r.order;
  return {
    id: o.id,
    groupId: o.groupId,
    status: o.status,
    vendorId: o.vendorId,
    vendorName: r.vendorName,
    companyId: o.companyId,
    companyName: r.companyName,
    buyerUserId: o.buyerUserId,
    buyerName: r.buyerName || r.buyerEmail,
    currency: o.currency,
    totalMinor: o.totalMinor,
    poNumber: o.poNumber,
    invoiceNumber: r.invoiceNumber,
    placedAt: iso(o.placedAt),
    updatedAt: iso(o.updatedAt),
  };
}

/** The summary query: orders joined with what a list shows. */
export function selectSummaries({ db, t }: TenantTx) {
  return db
    .select(summaryColumns(t))
    .from(t.orders)
    .innerJoin(t.vendors, eq(t.vendors.id, t.orders.vendorId))
    .innerJoin(t.companies, eq(t.companies.id, t.orders.companyId))
    .innerJoin(t.users, eq(t.users.id, t.orders.buyerUserId))
    .leftJoin(t.invoices, eq(t.invoices.orderId, t.orders.id));
}

/** How an audit action of an order reads in its timeline. */
const TIMELINE_TEXT: Record<string, string> = {
  'order.accepted': 'Accepted by the vendor',
  'order.rejected': 'Rejected by the vendor',
  'order.shipped': 'Shipment sent',
  'order.delivered': 'Delivered',
  'order.completed': 'Completed',
  'order.cancelled': 'Cancelled',
};

/**
 * One order as `scope` sees it, with lines (and how much of each has shipped), shipments with
 * their tracking events, the timeline (status changes from the audit log, tracking events),
 * the invoice, and the moves the caller may make. 404 outside the scope.
 */
export async function loadOrderDetail(
  tx: TenantTx,
  scope: OrderScope,
  orderId: string,
): Promise<OrderDetail> {
  const { db, t } = tx;
  const [row] = await selectSummaries(tx).where(and(eq(t.orders.id, orderId), scopeCondition(t, scope)));
  if (!row) throw orderNotFound();
  const o = row.order;

  const lines = await db
    .select()
    .from(t.orderLines)
    .where(eq(t.orderLines.orderId, o.id))
    .orderBy(asc(t.orderLines.lineNo));
  const shipments = await db
    .select()
    .from(t.shipments)
    .where(eq(t.shipments.orderId, o.id))
    .orderBy(asc(t.shipments.shippedAt), asc(t.shipments.id));
  const shipmentIds = shipments.map((s) => s.id);
  const shipmentLines = shipmentIds.length
    ? await db.select().from(t.shipmentLines).where(inArray(t.shipmentLines.shipmentId, shipmentIds))
    : [];
  const events = shipmentIds.length
    ? await db
        .select()
        .from(t.trackingEvents)
        .where(inArray(t.trackingEvents.shipmentId, shipmentIds))
        .orderBy(asc(t.trackingEvents.occurredAt), asc(t.trackingEvents.id))
    : [];
  const audit = await db
    .select({ action: t.auditLog.action, data: t.auditLog.data, at: t.auditLog.createdAt })
    .from(t.auditLog)
    .where(
      and(
        eq(t.auditLog.subjectType, 'order'),
        eq(t.auditLog.subjectId, o.id),
        like(t.auditLog.action, 'order.%'),
      ),
    )
    .orderBy(asc(t.auditLog.createdAt), asc(t.auditLog.id));
  const [invoice] = await db.select().from(t.invoices).where(eq(t.invoices.orderId, o.id));

  const shipped = new Map<number, number>();
  for (const l of shipmentLines) shipped.set(l.lineNo, (shipped.get(l.lineNo) ?? 0) + l.qty);
  const lineViews = lines.map((l) => ({
    lineNo: l.lineNo,
    productId: l.productId,
    sku: l.sku,
    title: l.title,
    unit: l.unit,
    qty: l.qty,
    shippedQty: shipped.get(l.lineNo) ?? 0,
    unitPriceMinor: l.unitPriceMinor,
    netMinor: l.netMinor,
    taxBps: l.taxBps,
    taxMinor: l.taxMinor,
  }));
  const fullyShipped = lineViews.every((l) => l.shippedQty >= l.qty);

  const trackingByShipment = new Map<string, typeof events>();
  for (const e of events)
    trackingByShipment.set(e.shipmentId, [...(trackingByShipment.get(e.shipmentId) ?? []), e]);
  const eventView = (e: (typeof events)[number]) => ({
    id: e.id,
    occurredAt: iso(e.occurredAt),
    status: e.status as TrackingStatus,
    location: e.location,
    note: e.note,
    source: e.source,
  });

  const timeline: OrderTimelineEntry[] = [
    { at: iso(o.placedAt), kind: 'status' as const, status: 'placed', text: 'Order placed' },
    ...audit.map((a) => {
      const status = a.action.slice('order.'.length);
      const reason = typeof a.data.reason === 'string' && a.data.reason ? `: ${a.data.reason}` : '';
      const tracking =
        typeof a.data.trackingNumber === 'string' ? ` (${a.data.carrier} ${a.data.trackingNumber})` : '';
      return {
        at: iso(a.at),
        kind: 'status' as const,
        status,
        text: `${TIMELINE_TEXT[a.action] ?? statusLabel(status)}${tracking}${reason}`,
      };
    }),
    ...events.map((e) => ({
      at: iso(e.occurredAt),
      kind: 'tracking' as const,
      status: e.status,
      text: [statusLabel(e.status), e.location, e.note].filter(Boolean).join(' · '),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  const actions = orderActionsFor(scope.actor, o.status as OrderStatus).filter(
    // Delivery needs every line shipped; a fully shipped order has nothing left to ship.
    (a) => (a === 'deliver' ? fullyShipped : a === 'ship' ? !fullyShipped : true),
  );

  return {
    ...summaryView(row),
    statusReason: o.statusReason,
    subtotalMinor: o.subtotalMinor,
    taxMinor: o.taxMinor,
    shippingMinor: o.shippingMinor,
    paymentTerms: o.paymentTerms,
    netDays: o.netDays,
    paidAt: o.paidAt ? iso(o.paidAt) : null,
    shippingAddress: o.shippingAddress,
    note: o.note,
    lines: lineViews,
    shipments: shipments.map((s) => ({
      id: s.id,
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      shippedAt: iso(s.shippedAt),
      lines: shipmentLines
        .filter((l) => l.shipmentId === s.id)
        .map((l) => ({ lineNo: l.lineNo, qty: l.qty }))
        .sort((a, b) => a.lineNo - b.lineNo),
      events: (trackingByShipment.get(s.id) ?? []).map(eventView),
    })),
    fullyShipped,
    timeline,
    invoice: invoice
      ? { number: invoice.number, issuedAt: iso(invoice.issuedAt), dueAt: iso(invoice.dueAt) }
      : null,
    actions,
  };
}
