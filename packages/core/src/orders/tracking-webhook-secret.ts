import { randomBytes } from 'node:crypto';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { eq, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';

const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** The marketplace's tracking webhook secret, made on first use (inside the caller's transaction). */
export async function readTrackingSecret({ db, t }: TenantTx): Promise<string> {
  const [row] = await db
    .update(t.settings)
    .set({ trackingWebhookSecret: sql`coalesce(${t.settings.trackingWebhookSecret}, ${newSecret()})` })
    .where(eq(t.settings.id, 1))
    .returning({ secret: t.settings.trackingWebhookSecret });
  return row?.secret as string;
}

/** The secret as the operator sees it in settings (made on first view). */
export async function getTrackingWebhookSecret(database: Database, tenant: TenantRef): Promise<string> {
  return withTenant(database, tenant, readTrackingSecret);
}

/** A new secret: posts signed with the old one are refused from now on. Audited. */
export async function rotateTrackingWebhookSecret(
  database: Database,
  tenant: TenantRef,
  actorUserId: string,
): Promise<string> {
  return withTenant(database, tenant, async (tx) => {
    const secret = newSecret();
    await tx.db.update(tx.t.settings).set({ trackingWebhookSecret: secret }).where(eq(tx.t.settings.id, 1));
    await recordTenantAudit(tx, {
      actorUserId,
      action: 'settings.tracking_webhook_secret_rotated',
      subjectType: 'settings',
      subjectId: '1',
    });
    return secret;
  });
}

/** The current secret without making one (null: never made, so nothing can be signed yet). */
export async function peekTrackingSecret(database: Database, tenant: TenantRef): Promise<string | null> {
  return withTenant(database, tenant, async ({ db, t }) => {
    const [row] = await db.select({ secret: t.settings.trackingWebhookSecret }).from(t.settings).limit(1);
    return row?.secret ?? null;
  });
}
