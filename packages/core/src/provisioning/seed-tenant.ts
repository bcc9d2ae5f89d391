import { DEFAULT_THEME, newId } from '@agora/contracts';
import { type Database, type TenantRow, withTenant } from '@agora/db';
import { emitEvent } from '../outbox/emit-event.js';

/**
 * Default settings and theme, and the owner invited by email (no password until they accept).
 * The invitation is an outbox event written in the same transaction; re-running inserts nothing.
 */
export async function seedTenant(database: Database, tenant: TenantRow): Promise<void> {
  await withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    await db
      .insert(t.settings)
      .values({ publicName: tenant.name, theme: DEFAULT_THEME })
      .onConflictDoNothing();
    const invited = await db
      .insert(t.users)
      .values({ id: newId('usr'), email: tenant.ownerEmail, role: 'owner', status: 'invited' })
      .onConflictDoNothing()
      .returning({ id: t.users.id, email: t.users.email });
    for (const user of invited) {
      await emitEvent(tx, 'user.invited', { userId: user.id, email: user.email, role: 'owner' });
    }
  });
}
