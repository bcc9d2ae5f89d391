import type { JwtKey } from '@agora/config';
import { AppError, newId } from '@agora/contracts';
import { type Database, platformTables as p } from '@agora/db';
import { eq, sql } from 'drizzle-orm';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { PLATFORM_AUDIENCE, signToken } from '../auth/tokens.js';

/** Create the staff account from configuration if it does not exist yet (idempotent). */
export async function ensureStaffUser(
  database: Database,
  staff: { email: string; password: string; name?: string },
) {
  const email = staff.email.toLowerCase();
  const existing = await database.platform
    .select({ id: p.staffUsers.id })
    .from(p.staffUsers)
    .where(eq(p.staffUsers.email, email));
  if (existing[0]) return { id: existing[0].id, created: false };
  const id = newId('stf');
  await database.platform
    .insert(p.staffUsers)
    .values({
      id,
      email,
      name: staff.name ?? email.split('@')[0] ?? email,
      passwordHash: await hashPassword(staff.password),
    })
    .onConflictDoNothing();
  return { id, created: true };
}

export async function loginStaff(database: Database, keys: JwtKey[], email: string, password: string) {
  const [user] = await database.platform
    .select()
    .from(p.staffUsers)
    .where(eq(p.staffUsers.email, email.toLowerCase()));
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    throw new AppError('invalid_credentials', 'Email or password is incorrect');
  }
  await database.platform
    .update(p.staffUsers)
    .set({ lastLoginAt: new Date() })
    .where(eq(p.staffUsers.id, user.id));
  return {
    token: await signToken(keys, {
      sub: user.id,
      aud: PLATFORM_AUDIENCE,
      role: 'staff',
      sv: user.sessionVersion,
    }),
    staffId: user.id,
  };
}

export async function getStaff(database: Database, id: string) {
  const [user] = await database.platform
    .select({ id: p.staffUsers.id, email: p.staffUsers.email, name: p.staffUsers.name })
    .from(p.staffUsers)
    .where(eq(p.staffUsers.id, id));
  return user ?? null;
}

/**
 * What `requireStaff` checks on every staff request (one primary-key read on the platform
 * schema): the account still exists, and its session version is the token's (ADR 0024).
 */
export async function getStaffSession(database: Database, id: string) {
  const [user] = await database.platform
    .select({ sessionVersion: p.staffUsers.sessionVersion })
    .from(p.staffUsers)
    .where(eq(p.staffUsers.id, id));
  return user ?? null;
}

/** End every session of a staff member at once (e.g. after a password change or a suspicion). */
export async function endStaffSessions(database: Database, id: string): Promise<void> {
  await database.platform
    .update(p.staffUsers)
    .set({ sessionVersion: sql`${p.staffUsers.sessionVersion} + 1` })
    .where(eq(p.staffUsers.id, id));
}
