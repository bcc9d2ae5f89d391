import { OUTBOX_EVENTS, type OutboxTopic } from '@agora/contracts';
import { platformTables as p, type TenantTx, withTenant } from '@agora/db';
import type { emailSendJob, JobPayload } from '@agora/queue';
import { and, eq, inArray } from 'drizzle-orm';
import { signEmailVerificationToken } from '../auth/email-verification-token.js';
import type { Deps } from '../deps.js';
import { PermanentJobError } from '../permanent-job-error.js';
import { COMMERCE_EMAILS } from './commerce-emails.js';
import { emailDelivered, type OutgoingEmail } from './mailer.js';
import { primaryHostname, publicOrigin } from './public-origin.js';
import type { SendOutcome } from './send-outbox-email.js';
import {
  emailVerificationEmail,
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
type Message = Omit<OutgoingEmail, 'tenantId' | 'dedupeKey'> & { recipientKey?: string };

/** The emails an event becomes, read at send time (a vendor or user that is gone sends nothing). */
const BUILDERS: { [T in NotificationTopic]: (c: Context, payload: unknown) => Promise<Message[]> } = {
  ...COMMERCE_EMAILS,
  async 'user.email_verification_requested'(c, payload) {
    const e = OUTBOX_EVENTS['user.email_verification_requested'].parse(payload);
    const { db, t } = c.tx;
    const [user] = await db
      .select({ email: t.users.email, status: t.users.status, verifiedAt: t.users.emailVerifiedAt })
      .from(t.users)
      .where(eq(t.users.id, e.userId));
    if (!user || user.email !== e.email || user.verifiedAt || user.status === 'disabled') return [];
    const token = await signEmailVerificationToken(c.deps.config.jwtKeys, {
      tenantId: c.tenantId,
      userId: e.userId,
      email: e.email,
    });
    const link = `${c.origin}/console/verify-email?token=${token}`;
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
    const operators = await db
      .select({ id: t.users.id, email: t.users.email })
      .from(t.users)
      .where(and(inArray(t.users.role, ['owner', 'operator']), eq(t.users.status, 'active')))
      .orderBy(t.users.createdAt, t.users.id);
    const content = vendorApplicationEmail({
      marketName: c.marketName,
      vendorName: vendor.name,
      legalName: vendor.legalName,
      country: vendor.country,
      resubmitted: e.resubmitted,
      autoApproved: vendor.status === 'approved' && !e.resubmitted,
      link: `${c.origin}/console/vendors/${vendor.id}`,
    });
    return operators.map((op) => ({
      to: op.email,
      ...content,
      kind: 'vendor_application',
      recipientKey: op.id,
    }));
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
};

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
