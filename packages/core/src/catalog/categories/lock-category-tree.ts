import type { TenantTx } from '@agora/db';
import { sql } from 'drizzle-orm';

/**
 * Serialize changes to the tree's shape within a tenant until the unit of work ends. Two moves
 * checked at the same time could otherwise each pass the cycle check and together make a loop
 * (A under B while B goes under A). Reads are not blocked.
 */
export async function lockCategoryTree(tx: TenantTx): Promise<void> {
  await tx.db.execute(
    sql`select pg_advisory_xact_lock(hashtext('agora.categories'), hashtext(${tx.tenant.schemaName}))`,
  );
}
