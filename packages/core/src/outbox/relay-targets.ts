import { type Database, platformTables as p } from '@agora/db';
import { and, eq, inArray } from 'drizzle-orm';

export type RelayTarget = { id: string; schemaName: string };

/**
 * Tenants whose outbox the relay drains: active ones only (a provisioning tenant has no domain
 * for links yet, a suspended one sends nothing; their events wait). `ids` narrows the lookup to
 * the tenants named by notifications.
 */
export async function relayTargets(database: Database, ids?: string[]): Promise<RelayTarget[]> {
  if (ids && ids.length === 0) return [];
  return database.platform
    .select({ id: p.tenants.id, schemaName: p.tenants.schemaName })
    .from(p.tenants)
    .where(and(eq(p.tenants.status, 'active'), ids ? inArray(p.tenants.id, ids) : undefined))
    .orderBy(p.tenants.createdAt, p.tenants.id);
}
