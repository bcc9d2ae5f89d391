import { z } from 'zod';
import { ORDER_ACTIONS, ORDER_STATUSES, TRACKING_STATUSES } from './order-transitions.js';
import { NextCursor, PageCursor, PageLimit } from './page-query.js';

/**
 * Orders after placement (ADR 0036): the vendor lifecycle, shipments, tracking, invoices.
 * The transitions themselves are data in `order-transitions.ts`.
 */

// zod twins of the plain lists in order-transitions.ts (whose types carry the names)
const OrderStatus = z.enum(ORDER_STATUSES);
const OrderAction = z.enum(ORDER_ACTIONS);
const TrackingStatus = z.enum(TRACKING_STATUSES);

const DateBound = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}($|T)/.test(v) && !Number.isNaN(Date.parse(v)), {
    message: 'must be a date (YYYY-MM-DD) or an ISO 8601 timestamp',
  });
const Id = z.string().trim().min(1).max(64);

/**
 * `GET /vendor/orders`, `/orders`, `/operator/orders`: newest first, keyset-paginated. `from`/`to`
 * bound the placement date (a date `to` includes that whole day, UTC). `vendorId` and
 * `companyId` narrow the operator's list; `q` finds an order id or PO number.
 */
export const OrderListQuery = z.object({
  status: OrderStatus.optional(),
  from: DateBound.optional(),
  to: DateBound.optional(),
  vendorId: Id.optional(),
  companyId: Id.optional(),
  q: z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters').optional(),
  cursor: PageCursor.optional(),
  limit: PageLimit,
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;
export type OrderListInput = z.input<typeof OrderListQuery>;

/** `GET /vendor/orders/export`: the same filters, every matching order (no page). */
export const OrderExportQuery = OrderListQuery.omit({ cursor: true, limit: true });
export type OrderExportQuery = z.infer<typeof OrderExportQuery>;

export const OrderSummary = z.object({
  id: z.string(),
  groupId: z.string(),
  status: OrderStatus,
  vendorId: z.string(),
  vendorName: z.string(),
  companyId: z.string(),
  companyName: z.string(),
  buyerUserId: z.string(),
  buyerName: z.string(),
  currency: z.string(),
  totalMinor: z.number().int(),
  poNumber: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  placedAt: z.string(),
  updatedAt: z.string(),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const OrderPage = z.object({ data: z.array(OrderSummary), nextCursor: NextCursor });
export type OrderPage = z.infer<typeof OrderPage>;

export const OrderLineView = z.object({
  lineNo: z.number().int(),
  productId: z.string(),
  sku: z.string(),
  title: z.string(),
  unit: z.string(),
  qty: z.number().int(),
  /** How much of the line has left in shipments so far. */
  shippedQty: z.number().int(),
  unitPriceMinor: z.number().int(),
  netMinor: z.number().int(),
  taxBps: z.number().int(),
  taxMinor: z.number().int(),
});
export type OrderLineView = z.infer<typeof OrderLineView>;

export const TrackingEventView = z.object({
  id: z.string(),
  occurredAt: z.string(),
  status: TrackingStatus,
  location: z.string(),
  note: z.string(),
  source: z.enum(['vendor', 'webhook']),
});
export type TrackingEventView = z.infer<typeof TrackingEventView>;

export const ShipmentView = z.object({
  id: z.string(),
  carrier: z.string(),
  trackingNumber: z.string(),
  shippedAt: z.string(),
  lines: z.array(z.object({ lineNo: z.number().int(), qty: z.number().int() })),
  events: z.array(TrackingEventView),
});
export type ShipmentView = z.infer<typeof ShipmentView>;

/** One entry of an order's history: a status change (with its reason) or a tracking event. */
export const OrderTimelineEntry = z.object({
  at: z.string(),
  kind: z.enum(['status', 'tracking']),
  /** An order status for `status`, a tracking status for `tracking`. */
  status: z.string(),
  text: z.string(),
});
export type OrderTimelineEntry = z.infer<typeof OrderTimelineEntry>;

export const InvoiceRef = z.object({
  number: z.string(),
  issuedAt: z.string(),
  dueAt: z.string(),
});

export const OrderDetail = OrderSummary.extend({
  statusReason: z.string().nullable(),
  subtotalMinor: z.number().int(),
  taxMinor: z.number().int(),
  shippingMinor: z.number().int(),
  paymentTerms: z.enum(['prepay', 'net']),
  netDays: z.number().int(),
  paidAt: z.string().nullable(),
  shippingAddress: z.record(z.string(), z.string()),
  note: z.string(),
  lines: z.array(OrderLineView),
  shipments: z.array(ShipmentView),
  /** Every line's quantity has left in shipments. */
  fullyShipped: z.boolean(),
  timeline: z.array(OrderTimelineEntry),
  invoice: InvoiceRef.nullable(),
  /** The moves the caller may make now (order-transitions.ts), so pages offer only those. */
  actions: z.array(OrderAction),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

/** Reject or cancel: the reason is shown to the other side. */
export const OrderReasonBody = z.object({
  reason: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required: say why')
    .max(2000, 'must be at most 2,000 characters'),
});
export type OrderReasonBody = z.infer<typeof OrderReasonBody>;

const Qty = z.coerce
  .number<string | number>({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(1_000_000_000, 'is too large');

/** `POST /vendor/orders/{id}/shipments`: what leaves in one parcel (lines with 0 are left out). */
export const ShipOrderBody = z.object({
  carrier: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(80, 'must be at most 80 characters'),
  trackingNumber: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(100, 'must be at most 100 characters'),
  lines: z
    .array(z.object({ lineNo: z.coerce.number<string | number>().int().min(1), qty: Qty }))
    .min(1, 'ship at least one line')
    .max(500),
});
export type ShipOrderBody = z.infer<typeof ShipOrderBody>;

const TrackingFields = {
  occurredAt: z
    .string()
    .trim()
    .refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date and time')
    .optional(),
  status: TrackingStatus,
  location: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  note: z.string().trim().max(1000, 'must be at most 1,000 characters').optional(),
};

/** `POST /vendor/orders/{id}/shipments/{shipmentId}/events`: the vendor adds a tracking event. */
export const AddTrackingEventBody = z.object(TrackingFields);
export type AddTrackingEventBody = z.infer<typeof AddTrackingEventBody>;

/**
 * `POST /tracking/webhook`: a carrier (or an aggregator) reports an event of a shipment, found by
 * its tracking number. `eventId` is the sender's id of the event: a second post of it is refused.
 */
export const TrackingWebhookBody = z.object({
  eventId: z.string().trim().min(1).max(200),
  trackingNumber: z.string().trim().min(1).max(100),
  ...TrackingFields,
});
export type TrackingWebhookBody = z.infer<typeof TrackingWebhookBody>;

export const TrackingWebhookResult = z.object({ shipmentId: z.string(), eventId: z.string() });

/** The marketplace's tracking webhook: where to post and the HMAC secret (operators only). */
export const TrackingWebhookSettings = z.object({
  url: z.string(),
  secret: z.string(),
  signatureHeader: z.string(),
});
export type TrackingWebhookSettings = z.infer<typeof TrackingWebhookSettings>;

/** `POST /orders/{id}/buy-again`: what went into the cart and what could not. */
export const BuyAgainResult = z.object({
  added: z.array(z.object({ productId: z.string(), qty: z.number().int() })),
  skipped: z.array(z.object({ productId: z.string(), title: z.string(), reason: z.string() })),
});
export type BuyAgainResult = z.infer<typeof BuyAgainResult>;

/** The signature header of the tracking webhook: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const TRACKING_SIGNATURE_HEADER = 'X-Agora-Signature';

const Party = z.object({
  name: z.string(),
  taxId: z.string(),
  country: z.string(),
  address: z.record(z.string(), z.string()),
});

/** `GET .../orders/{id}/invoice`: everything the printable invoice and its PDF show. */
export const InvoiceDocument = z.object({
  number: z.string(),
  issuedAt: z.string(),
  dueAt: z.string(),
  orderId: z.string(),
  poNumber: z.string().nullable(),
  currency: z.string(),
  marketplaceName: z.string(),
  /** The marketplace's time zone: the issue and due dates are its calendar days. */
  timeZone: z.string(),
  seller: Party,
  buyer: Party,
  shipTo: z.record(z.string(), z.string()),
  lines: z.array(
    z.object({
      sku: z.string(),
      title: z.string(),
      unit: z.string(),
      qty: z.number().int(),
      unitPriceMinor: z.number().int(),
      netMinor: z.number().int(),
      taxBps: z.number().int(),
      taxMinor: z.number().int(),
    }),
  ),
  subtotalMinor: z.number().int(),
  taxMinor: z.number().int(),
  shippingMinor: z.number().int(),
  totalMinor: z.number().int(),
  paymentTerms: z.enum(['prepay', 'net']),
  netDays: z.number().int(),
  paidAt: z.string().nullable(),
});
export type InvoiceDocument = z.infer<typeof InvoiceDocument>;
