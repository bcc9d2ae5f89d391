import { OUTBOX_EVENTS, type OutboxTopic } from '@agora/contracts';
import { platformTables as p, type TenantTx, withTenant } from '@agora/db';
import type { emailSendJob, JobPayload } from '@agora/queue';
import { and, eq } from 'drizzle-orm';
import { signEmailVerificationToken } from '../auth/email-verification-token.js';
import { formatMajorAmount } from '../catalog/currency.js';
import { getCommerceSettings } from '../commerce/commerce-settings.js';
import type { Deps } from '../deps.js';
import { PermanentJobError } from '../permanent-job-error.js';
import { COMMERCE_EMAILS } from './commerce-emails.js';
import { emailDelivered } from './mailer.js';
import { primaryHostname, publicOrigin } from './public-origin.js';
import { type Message, recipients, toEach } from './recipients.js';
import type { SendOutcome } from './send-outbox-email.js';
import {
  companyDecisionEmail,
  companySignedUpEmail,
  companyTermsEmail,
  domainStatusEmail,
  emailVerificationEmail,
  orderDecisionEmail,
  productRejectedEmail,
  vendorApplicationEmail,
  vendorDecisionEmail,
} from './templates.js';

/** Outbox topics that become notification emails (no one-time `user_tokens` link). */
export const NOTIFICATION_TOPICS = [
  'user.email_verification_requested',
  'vendor.application_submitted',
  'vendor.decision_made',
  'product.rejected',
  'domain.status_changed',
  'order.accepted',
  'order.rejected',
  'order.shipped',
  'order.delivered',
  'order.cancelled',
  'company.signed_up',
  'company.decision_made',
  'company.terms_changed',
  'checkout.placed',
  'order.placed',
  'checkout.approval_requested',
  'checkout.declined',
] as const satisfies readonly OutboxTopic[];
type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

export const isNotificationTopic = (topic: string): topic is NotificationTopic =>
  (NOTIFICATION_TOPICS as readonly string[]).includes(topic);

type Context = {
  tx: TenantTx;
  deps: Pick<Deps, 'config'>;
  tenantId: string;
  origin: string;
  marketName: string;
};
/** An order decision, to the buyer who placed the order (ADR 0036). */
async function orderDecision(c: Context, payload: unknown): Promise<Message[]> {
  const e = OUTBOX_EVENTS['order.accepted'].parse(payload);
  // The buyer who confirmed receipt knows: no email telling them what they just did.
  if (e.status === 'delivered' && e.actor === 'buyer') return [];
  const { db, t } = c.tx;
  const [row] = await db
    .select({ email: t.users.email, status: t.users.status, vendorName: t.vendors.name })
    .from(t.orders)
    .innerJoin(t.users, eq(t.users.id, t.orders.buyerUserId))
    .innerJoin(t.vendors, eq(t.vendors.id, t.orders.vendorId))
    .where(eq(t.orders.id, e.orderId));
  if (!row || row.status === 'disabled') return [];
  const [shipment] = e.shipmentId
    ? await db
        .select({ carrier: t.shipments.carrier, trackingNumber: t.shipments.trackingNumber })
        .from(t.shipments)
        .where(eq(t.shipments.id, e.shipmentId))
    : [];
  const status = e.status as 'accepted' | 'rejected' | 'shipped' | 'delivered' | 'cancelled';
  const content = orderDecisionEmail({
    marketName: c.marketName,
    vendorName: row.vendorName,
    orderId: e.orderId,
    status,
    reason: e.reason,
    tracking: shipment ? `${shipment.carrier} ${shipment.trackingNumber}` : null,
    link: `${c.origin}/account/orders/${e.orderId}`,
  });
  return [{ to: row.email, ...content, kind: `order_${status}` }];
}

/** The emails an event becomes, read at send time (a vendor or user that is gone sends nothing). */
const BUILDERS: { [T in NotificationTopic]: (c: Context, payload: unknown) => Promise<Message[]> } = {
  ...COMMERCE_EMAILS,
  async 'user.email_verification_requested'(c, payload) {
    const e = OUTBOX_EVENTS['user.email_verification_requested'].parse(payload);
    const { db, t } = c.tx;
    const [user] = await db
      .select({
        email: t.users.email,
        status: t.users.status,
        verifiedAt: t.users.emailVerifiedAt,
        companyId: t.users.companyId,
      })
      .from(t.users)
      .where(eq(t.users.id, e.userId));
    if (!user || user.email !== e.email || user.verifiedAt || user.status === 'disabled') return [];
    const token = await signEmailVerificationToken(c.deps.config.jwtKeys, {
      tenantId: c.tenantId,
      userId: e.userId,
      email: e.email,
    });
    // Buyers verify on the storefront; operators and vendors in the console.
    const link = `${c.origin}${user.companyId ? '/account' : '/console'}/verify-email?token=${token}`;
    return [
      {
        to: user.email,
        ...emailVerificationEmail({ marketName: c.marketName, link }),
        kind: 'email_verification',
      },
    ];
  },

  async 'vendor.application_submitted'(c, payload) {
    const e = OUTBOX_EVENTS['vendor.application_submitted'].parse(payload);
    const { db, t } = c.tx;
    const [vendor] = await db.select().from(t.vendors).where(eq(t.vendors.id, e.vendorId));
    if (!vendor) return [];
    const operators = await recipients(c.tx, { roles: ['owner', 'operator'] });
    const content = vendorApplicationEmail({
      marketName: c.marketName,
      vendorName: vendor.name,
      legalName: vendor.legalName,
      country: vendor.country,
      resubmitted: e.resubmitted,
      autoApproved: vendor.status === 'approved' && !e.resubmitted,
      link: `${c.origin}/console/vendors/${vendor.id}`,
    });
    return toEach(operators, content, 'vendor_application');
  },

  async 'vendor.decision_made'(c, payload) {
    const e = OUTBOX_EVENTS['vendor.decision_made'].parse(payload);
    const { db, t } = c.tx;
    const [vendor] = await db
      .select({ name: t.vendors.name, contactEmail: t.vendors.contactEmail })
      .from(t.vendors)
      .where(eq(t.vendors.id, e.vendorId));
    if (!vendor) return [];
    const content = vendorDecisionEmail({
      marketName: c.marketName,
      vendorName: vendor.name,
      action: e.action,
      reason: e.reason,
      // Events queued before `verified` existed came from approvals that always verified.
      verified: e.verified ?? true,
      link: `${c.origin}/console`,
    });
    return [{ to: vendor.contactEmail, ...content, kind: 'vendor_decision' }];
  },

  async 'product.rejected'(c, payload) {
    const e = OUTBOX_EVENTS['product.rejected'].parse(payload);
    const { db, t } = c.tx;
    const [row] = await db
      .select({
        title: t.products.title,
        sku: t.products.sku,
        vendorName: t.vendors.name,
        contactEmail: t.vendors.contactEmail,
      })
      .from(t.products)
      .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
      .where(and(eq(t.products.id, e.productId), eq(t.products.vendorId, e.vendorId)));
    if (!row) return [];
    const content = productRejectedEmail({
      marketName: c.marketName,
      vendorName: row.vendorName,
      productTitle: row.title,
      sku: row.sku,
      reason: e.reason,
      link: `${c.origin}/console/products/${e.productId}`,
    });
    return [{ to: row.contactEmail, ...content, kind: 'product_rejected' }];
  },

  async 'domain.status_changed'(c, payload) {
    const e = OUTBOX_EVENTS['domain.status_changed'].parse(payload);
    const owners = await recipients(c.tx, { roles: ['owner'], statuses: ['active', 'invited'] });
    const content = domainStatusEmail({
      marketName: c.marketName,
      domain: e.domain,
      status: e.to,
      previous: e.from,
      problem: e.problem,
      disableAt: e.disableAt,
      link: `${c.origin}/console/domains`,
    });
    return toEach(owners, content, 'domain_status');
  },

  'order.accepted': orderDecision,
  'order.rejected': orderDecision,
  'order.shipped': orderDecision,
  'order.delivered': orderDecision,
  'order.cancelled': orderDecision,
  async 'company.signed_up'(c, payload) {
    const e = OUTBOX_EVENTS['company.signed_up'].parse(payload);
    const { db, t } = c.tx;
    const [company] = await db.select().from(t.companies).where(eq(t.companies.id, e.companyId));
    if (!company) return [];
    const operators = await recipients(c.tx, { roles: ['owner', 'operator'] });
    const content = companySignedUpEmail({
      marketName: c.marketName,
      legalName: company.legalName,
      country: company.country,
      resubmitted: e.resubmitted,
      autoApproved: company.status === 'approved' && !e.resubmitted,
      link: `${c.origin}/console/companies/${company.id}`,
    });
    return toEach(operators, content, 'company_signed_up');
  },

  async 'company.decision_made'(c, payload) {
    const e = OUTBOX_EVENTS['company.decision_made'].parse(payload);
    const { db, t } = c.tx;
    const [company] = await db
      .select({ legalName: t.companies.legalName })
      .from(t.companies)
      .where(eq(t.companies.id, e.companyId));
    if (!company) return [];
    const content = companyDecisionEmail({
      marketName: c.marketName,
      legalName: company.legalName,
      action: e.action,
      reason: e.reason,
      link: `${c.origin}/account`,
    });
    return toEach(await companyAdmins(c.tx, e.companyId), content, 'company_decision');
  },

  async 'company.terms_changed'(c, payload) {
    const e = OUTBOX_EVENTS['company.terms_changed'].parse(payload);
    const { db, t } = c.tx;
    const [company] = await db
      .select({ legalName: t.companies.legalName })
      .from(t.companies)
      .where(eq(t.companies.id, e.companyId));
    if (!company) return [];
    const { currency } = await getCommerceSettings(c.tx);
    const content = companyTermsEmail({
      marketName: c.marketName,
      legalName: company.legalName,
      terms: e.paymentTerms === 'net' ? `invoice, ${e.netDays} days` : 'bank transfer in advance',
      creditLimit:
        e.creditLimitMinor === null
          ? 'none'
          : `${currency} ${formatMajorAmount(e.creditLimitMinor, currency)}`,
      link: `${c.origin}/account/company`,
    });
    return toEach(await companyAdmins(c.tx, e.companyId), content, 'company_terms');
  },
};

/** The active admins of a company (the people its emails go to). */
const companyAdmins = (tx: TenantTx, companyId: string) =>
  recipients(tx, { roles: ['buyer_admin'], companyId });

/**
 * The `email.send.v1` job for notification topics: one outbox event becomes one email per
 * recipient (the operators, for a vendor application). Idempotent per event and recipient:
 * the dedupe key is `outbox:<tenant>:<event>` (plus `:<user id>` for emails to the
 * operators), and recipients already sent to are skipped on a retry.
 */
export async function sendNotificationEmail(
  deps: Pick<Deps, 'config' | 'database' | 'mailer'>,
  job: JobPayload<typeof emailSendJob>,
): Promise<SendOutcome> {
  if (!isNotificationTopic(job.topic)) throw new PermanentJobError(`no email for outbox topic ${job.topic}`);
  const topic = job.topic;
  const parsed = OUTBOX_EVENTS[topic].safeParse(job.payload);
  if (!parsed.success) throw new PermanentJobError(`invalid ${topic} payload: ${parsed.error.message}`);
  const { database } = deps;
  const [tenant] = await database.platform
    .select({ id: p.tenants.id, schemaName: p.tenants.schemaName, status: p.tenants.status })
    .from(p.tenants)
    .where(eq(p.tenants.id, job.tenantId));
  if (!tenant) return { status: 'skipped', reason: 'the tenant no longer exists' };
  if (tenant.status !== 'active') return { status: 'skipped', reason: `the tenant is ${tenant.status}` };
  const hostname = await primaryHostname(database, tenant.id);
  if (!hostname) throw new Error(`tenant ${tenant.id} has no domain yet`); // retried

  const base = `outbox:${job.tenantId}:${job.outboxId}`;
  const messages = await withTenant(database, tenant, async (tx) => {
    const [settings] = await tx.db
      .select({ publicName: tx.t.settings.publicName })
      .from(tx.t.settings)
      .limit(1);
    const context = {
      tx,
      deps,
      tenantId: tenant.id,
      origin: publicOrigin(deps.config, hostname),
      marketName: settings?.publicName ?? 'your marketplace',
    };
    return BUILDERS[topic](context, parsed.data);
  });
  if (!messages.length) return { status: 'skipped', reason: 'nobody to send this email to' };

  let last: string | undefined;
  for (const { recipientKey, ...message } of messages) {
    const dedupeKey = recipientKey ? `${base}:${recipientKey}` : base;
    if (await emailDelivered(database, dedupeKey)) continue;
    last = (await deps.mailer.send({ ...message, tenantId: tenant.id, dedupeKey })).id;
  }
  return last ? { status: 'sent', emailId: last } : { status: 'skipped', reason: 'already sent' };
}
