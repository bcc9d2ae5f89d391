import { z } from 'zod';

/**
 * Outbox events: written in the same transaction as the change they describe (see
 * `emitEvent` in @agora/core) and relayed to the queues by the worker. The topic names the
 * fact; the payload is what a handler needs, validated on both sides.
 */
const OrderDecided = z.object({
  orderId: z.string(),
  vendorId: z.string(),
  buyerUserId: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  /** The shipment that left, for `order.shipped`. */
  shipmentId: z.string().optional(),
  /**
   * Who made the change (`carrier`: a delivered tracking event). A buyer who confirmed receipt
   * is not emailed about it. Absent in events written before the field.
   */
  actor: z.enum(['vendor', 'buyer', 'operator', 'carrier']).optional(),
});
type OrderDecidedStatus = 'accepted' | 'rejected' | 'shipped' | 'delivered' | 'cancelled';
/** The payload of every `order.<status>` event. */
export type OrderDecidedEvent = z.infer<typeof OrderDecided>;

export const OUTBOX_EVENTS = {
  'user.invited': z.object({ userId: z.string(), email: z.string(), role: z.string() }),
  'user.password_reset_requested': z.object({ userId: z.string(), email: z.string() }),
  /** A new account's email address needs confirming (a signed 24 h link, see core/auth). */
  'user.email_verification_requested': z.object({ userId: z.string(), email: z.string() }),
  /** A vendor applied or resubmitted after an information request: operators are told. */
  'vendor.application_submitted': z.object({ vendorId: z.string(), resubmitted: z.boolean() }),
  /** An operator (or auto-approval) decided about a vendor: its contact is told. */
  'vendor.decision_made': z.object({
    vendorId: z.string(),
    action: z.enum(['approve', 'verify', 'reject', 'request_info', 'suspend', 'reinstate']),
    status: z.string(),
    reason: z.string().nullable(),
    /** Whether the vendor is verified after the decision (events queued before this field: absent). */
    verified: z.boolean().optional(),
  }),
  /** An operator sent a product under review back to its vendor: the vendor's contact is told why. */
  'product.rejected': z.object({ productId: z.string(), vendorId: z.string(), reason: z.string() }),
  /** A buyer company signed up or resubmitted after an information request: operators are told. */
  'company.signed_up': z.object({ companyId: z.string(), resubmitted: z.boolean() }),
  /** An operator (or automatic approval) decided about a buyer company: its admins are told. */
  'company.decision_made': z.object({
    companyId: z.string(),
    action: z.enum(['approve', 'reject', 'request_info', 'suspend', 'reinstate']),
    status: z.string(),
    reason: z.string().nullable(),
  }),
  /** The operator changed a company's payment terms or credit limit: its admins are told. */
  'company.terms_changed': z.object({
    companyId: z.string(),
    paymentTerms: z.enum(['prepay', 'net']),
    netDays: z.number().int(),
    creditLimitMinor: z.number().int().nullable(),
  }),
  /** The marketplace rules changed in a way every page shows (who sees prices): CDN purge. */
  'settings.marketplace_updated': z.object({ changed: z.array(z.string()) }),
  /** Products were created, edited, published, archived or deleted: search re-reads them. */
  'product.changed': z.object({ productIds: z.array(z.string()).min(1) }),
  /** A vendor's status changed (approval, suspension, ...): search re-reads all its products. */
  'vendor.status_changed': z.object({ vendorId: z.string(), status: z.string() }),
  /** A vendor's profile changed (name, country, ...): search re-reads all its products. */
  'vendor.updated': z.object({ vendorId: z.string() }),
  /** Categories were renamed, moved or archived: search re-reads the products of their subtrees. */
  'category.changed': z.object({ categoryIds: z.array(z.string()).min(1) }),
  /**
   * Stored files the change stopped using (a replaced or removed logo, a deleted product image):
   * the files job deletes each one that nothing in the marketplace references when it runs.
   */
  'file.orphaned': z.object({ keys: z.array(z.string()).min(1).max(100) }),
  /** The marketplace's name, tagline, theme or logo changed: every page shows them (CDN purge). */
  'settings.branding_updated': z.object({
    userId: z.string(),
    changed: z.array(z.string()),
    branding: z.record(z.string(), z.unknown()),
  }),
  /**
   * A custom domain's status changed (verified, failing, disabled, or verified again): the
   * marketplace's owner is told by email, with the records the check saw.
   */
  'domain.status_changed': z.object({
    domainId: z.string(),
    domain: z.string(),
    from: z.string(),
    to: z.string(),
    problem: z.string().nullable(),
    /** When a failing domain will be disabled (ISO time), else null. */
    disableAt: z.string().nullable(),
  }),
  /**
   * A vendor order was accepted, rejected, shipped (a shipment left), delivered (marked by the
   * vendor, or by the carrier's tracking) or cancelled (ADR 0036): the buyer is emailed.
   * `order.completed` is written with the same payload as a plain record (`RECORD_ONLY_TOPICS`).
   */
  ...(Object.fromEntries(
    (['accepted', 'rejected', 'shipped', 'delivered', 'cancelled'] as const).map((s) => [
      `order.${s}`,
      OrderDecided,
    ]),
  ) as Record<`order.${OrderDecidedStatus}`, typeof OrderDecided>),
  /** A checkout placed its orders (at once or on approval): the buyer gets a confirmation. */
  'checkout.placed': z.object({ groupId: z.string(), approved: z.boolean() }),
  /** One vendor's order of a checkout: the vendor's administrators are told. */
  'order.placed': z.object({ orderId: z.string(), groupId: z.string(), vendorId: z.string() }),
  /** A checkout crossed the member's spending limit: the company's approvers are asked. */
  'checkout.approval_requested': z.object({ groupId: z.string(), companyId: z.string() }),
  /** An approver declined a waiting checkout: the member is told why. */
  'checkout.declined': z.object({
    groupId: z.string(),
    buyerUserId: z.string(),
    reason: z.string().optional(),
  }),
} as const;

export type OutboxTopic = keyof typeof OUTBOX_EVENTS;
export type OutboxPayload<T extends OutboxTopic> = z.infer<(typeof OUTBOX_EVENTS)[T]>;

export const isOutboxTopic = (topic: string): topic is OutboxTopic => Object.hasOwn(OUTBOX_EVENTS, topic);

/**
 * Topics written as plain records on purpose: the outbox is their audit trail and no job
 * consumes them (yet; a consumer adds the topic to OUTBOX_EVENTS with a route). The relay marks
 * them published quietly; any other topic without a route is reported, since it is most likely
 * a typo or a missing route.
 */
export const RECORD_ONLY_TOPICS = [
  'order.completed',
  'shipment.tracking_added',
  'product.approved',
  'commission_rule.changed',
  'ledger.invoice_paid',
  'ledger.vendor_paid',
  'domain.added',
  'domain.removed',
  'domain.primary_changed',
] as const;
export type RecordOnlyTopic = (typeof RECORD_ONLY_TOPICS)[number];

export const isRecordOnlyTopic = (topic: string): topic is RecordOnlyTopic =>
  (RECORD_ONLY_TOPICS as readonly string[]).includes(topic);
