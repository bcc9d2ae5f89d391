import type { JwtKey } from '@agora/config';
import { AppError, newId } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { signToken, tenantAudience } from '../auth/tokens.js';

export type TenantRole =
  | 'owner'
  | 'operator'
  | 'vendor_admin'
  | 'vendor_staff'
  | 'buyer_admin'
  | 'buyer_member'
  | 'buyer_approver';

/** An active tenant user with a password (invitations without a password come from seeding). */
export async function createTenantUser(
  database: Database,
  tenant: TenantRef,
  input: { email: string; password: string; role: TenantRole; name?: string; vendorId?: string },
) {
  const passwordHash = await hashPassword(input.password);
  return withTenant(database, tenant, async ({ db, t }) => {
    const [user] = await db
      .insert(t.users)
      .values({
        id: newId('usr'),
        email: input.email.toLowerCase(),
        name: input.name ?? '',
        passwordHash,
        role: input.role,
        status: 'active',
        vendorId: input.vendorId ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: t.users.id, email: t.users.email, role: t.users.role });
    if (!user) throw new AppError('conflict', `A user with email ${input.email} already exists`);
    return user;
  });
}

/** Log a user into one tenant; the token is valid on this tenant's hosts only. */
export async function loginTenantUser(
  database: Database,
  keys: JwtKey[],
  tenant: TenantRef,
  email: string,
  password: string,
) {
  const [user] = await withTenant(database, tenant, ({ db, t }) =>
    db.select().from(t.users).where(eq(t.users.email, email.toLowerCase())),
  );
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!ok || !user || user.status !== 'active')
    throw new AppError('invalid_credentials', 'Email or password is incorrect');
  return {
    token: await signToken(keys, {
      sub: user.id,
      aud: tenantAudience(tenant.id),
      role: user.role,
      sv: user.sessionVersion,
    }),
  };
}

/**
 * What `requireTenantUser` needs on every signed-in request: one primary-key read. A token is
 * good while its user exists, is active and has the session version the token was signed with.
 */
export async function getSessionUser(database: Database, tenant: TenantRef, userId: string) {
  const [user] = await withTenant(database, tenant, ({ db, t }) =>
    db
      .select({
        role: t.users.role,
        status: t.users.status,
        vendorId: t.users.vendorId,
        companyId: t.users.companyId,
        sessionVersion: t.users.sessionVersion,
      })
      .from(t.users)
      .where(eq(t.users.id, userId)),
  );
  return user ?? null;
}

export async function getTenantUser(database: Database, tenant: TenantRef, userId: string) {
  const [user] = await withTenant(database, tenant, ({ db, t }) =>
    db
      .select({
        id: t.users.id,
        email: t.users.email,
        name: t.users.name,
        role: t.users.role,
        status: t.users.status,
        vendorId: t.users.vendorId,
        emailVerifiedAt: t.users.emailVerifiedAt,
      })
      .from(t.users)
      .where(eq(t.users.id, userId)),
  );
  if (!user) return null;
  const { emailVerifiedAt, ...rest } = user;
  return { ...rest, emailVerified: emailVerifiedAt !== null };
}
