import { AppError } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, eq, inArray } from 'drizzle-orm';
import { TEAM_ROLES } from './list-team.js';

/**
 * Remove an operator (invited or active) from the team. The owner cannot be removed, nor can
 * anyone remove themselves. The user and their pending links are deleted; their sessions stop
 * working at once (every request checks that the user still exists).
 */
export async function removeTeamMember(
  database: Database,
  tenant: TenantRef,
  input: { actorId: string; userId: string },
): Promise<void> {
  await withTenant(database, tenant, async ({ db, t }) => {
    const [member] = await db
      .select({ id: t.users.id, role: t.users.role })
      .from(t.users)
      .where(and(eq(t.users.id, input.userId), inArray(t.users.role, [...TEAM_ROLES])))
      .for('update');
    if (!member) throw new AppError('not_found', 'No team member with this id in this marketplace');
    if (member.role === 'owner')
      throw new AppError('conflict', 'The owner of the marketplace cannot be removed from the team');
    if (member.id === input.actorId)
      throw new AppError('conflict', 'You cannot remove yourself; ask another operator or the owner');
    await db.delete(t.users).where(eq(t.users.id, member.id));
  });
}
