import { isOutboxTopic, newId, OUTBOX_EVENTS } from '@agora/contracts';
import { platformTables as p, withTenant } from '@agora/db';
import type { emailSendJob, JobPayload } from '@agora/queue';
import { eq, sql } from 'drizzle-orm';
import { LINK_TTL_MS, type LinkPurpose, newLinkToken } from '../auth/link-tokens.js';
import type { Deps } from '../deps.js';
import { failpoint } from '../failpoint.js';
import { PermanentJobError } from '../permanent-job-error.js';
import { emailDelivered } from './mailer.js';
import { primaryHostname, publicOrigin } from './public-origin.js';
import { isNotificationTopic, sendNotificationEmail } from './send-notification-email.js';
import { invitationEmail, passwordResetEmail } from './templates.js';

export type SendOutcome = { status: 'sent'; emailId: string } | { status: 'skipped'; reason: string };

const EMAILS = {
  'user.invited': { purpose: 'invite', userStatus: 'invited', path: '/console/accept-invite' },
  'user.password_reset_requested': {
    purpose: 'reset',
    userStatus: 'active',
    path: '/console/reset-password',
  },
} as const satisfies Record<string, { purpose: LinkPurpose; userStatus: string; path: string }>;

/**
 * The `email.send.v1` job: turn one outbox event into one email with a one-time link.
 * Idempotent per event: an email already stored or sent for it (dedupe key
 * `outbox:<tenant>:<event>`) ends the job; otherwise the event's token is created or, on a
 * retry, replaced (one live token per event, keyed by the outbox id), then the email is sent.
 * Events for users who are gone, or no longer in the state the email is for, send nothing.
 */
export async function sendOutboxEmail(
  deps: Pick<Deps, 'config' | 'database' | 'mailer'>,
  job: JobPayload<typeof emailSendJob>,
): Promise<SendOutcome> {
  if (isNotificationTopic(job.topic)) return sendNotificationEmail(deps, job);
  if (!isOutboxTopic(job.topic) || !(job.topic in EMAILS))
    throw new PermanentJobError(`no email for outbox topic ${job.topic}`);
  const topic = job.topic as keyof typeof EMAILS;
  const parsed = OUTBOX_EVENTS[topic].safeParse(job.payload);
  if (!parsed.success) throw new PermanentJobError(`invalid ${topic} payload: ${parsed.error.message}`);
  const spec = EMAILS[topic];
  const { database } = deps;

  const [tenant] = await database.platform
    .select({ id: p.tenants.id, schemaName: p.tenants.schemaName, status: p.tenants.status })
    .from(p.tenants)
    .where(eq(p.tenants.id, job.tenantId));
  if (!tenant) return { status: 'skipped', reason: 'the tenant no longer exists' };
  if (tenant.status !== 'active') return { status: 'skipped', reason: `the tenant is ${tenant.status}` };

  const dedupeKey = `outbox:${job.tenantId}:${job.outboxId}`;
  if (await emailDelivered(database, dedupeKey)) return { status: 'skipped', reason: 'already sent' };

  const hostname = await primaryHostname(database, tenant.id);
  if (!hostname) throw new Error(`tenant ${tenant.id} has no domain yet`); // retried

  const prepared = await withTenant(database, tenant, async ({ db, t }) => {
    const [user] = await db
      .select({
        id: t.users.id,
        email: t.users.email,
        role: t.users.role,
        status: t.users.status,
        companyId: t.users.companyId,
      })
      .from(t.users)
      .where(eq(t.users.id, parsed.data.userId));
    if (!user || user.status !== spec.userStatus) return null;
    const [settings] = await db.select({ publicName: t.settings.publicName }).from(t.settings).limit(1);
    const { raw, hash } = newLinkToken();
    const expiresAt = new Date(Date.now() + LINK_TTL_MS[spec.purpose]);
    const [token] = await db
      .insert(t.userTokens)
      .values({
        id: newId('tok'),
        userId: user.id,
        purpose: spec.purpose,
        tokenHash: hash,
        outboxId: job.outboxId,
        expiresAt,
      })
      // A retry replaces the token of an earlier attempt, whose email never went out.
      .onConflictDoUpdate({
        target: t.userTokens.outboxId,
        set: { tokenHash: hash, expiresAt, createdAt: new Date() },
        setWhere: sql`${t.userTokens.usedAt} is null`,
      })
      .returning({ id: t.userTokens.id });
    if (!token) return null; // this event's link was already used
    return { user, raw, marketName: settings?.publicName ?? 'your marketplace' };
  });
  if (!prepared) return { status: 'skipped', reason: 'the user is gone or no longer needs this email' };

  failpoint('email.before-send');
  // Buyers accept invitations and reset passwords on the storefront; everyone else in the console.
  const path = prepared.user.companyId ? spec.path.replace('/console/', '/account/') : spec.path;
  const link = `${publicOrigin(deps.config, hostname)}${path}?token=${prepared.raw}`;
  const content =
    topic === 'user.invited'
      ? invitationEmail({ marketName: prepared.marketName, role: prepared.user.role, link })
      : passwordResetEmail({ marketName: prepared.marketName, link });
  const sent = await deps.mailer.send({
    to: prepared.user.email,
    ...content,
    kind: topic === 'user.invited' ? 'invitation' : 'password_reset',
    tenantId: tenant.id,
    dedupeKey,
  });
  return { status: 'sent', emailId: sent.id };
}
