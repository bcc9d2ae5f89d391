import type { PlatformDb } from '@agora/db';
import { platformTables as p } from '@agora/db';

export type Actor = { type: 'staff'; id: string } | { type: 'system'; id?: string };

/** Append to the platform audit log (who, what, when), inside the caller's transaction. */
export async function recordAudit(
  db: Pick<PlatformDb, 'insert'>,
  actor: Actor,
  action: string,
  tenantId: string | null,
  data: Record<string, unknown> = {},
) {
  await db
    .insert(p.auditLog)
    .values({ actorType: actor.type, actorId: actor.id ?? null, action, tenantId, data });
}
