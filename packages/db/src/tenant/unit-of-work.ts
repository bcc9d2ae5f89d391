import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { type Database, isServerError } from '../client.js';
import { assertTenantSchema, ident } from '../sql.js';
import { type TenantTables, tenantTables } from './tables.js';

export type TenantRef = { id: string; schemaName: string };

/** What tenant code gets: a drizzle handle inside the tenant's transaction, and its tables. */
export type TenantTx = {
  tenant: TenantRef;
  db: NodePgDatabase;
  t: TenantTables;
};

/**
 * The only way to touch tenant tables. Opens a transaction that first switches to the tenant's
 * role, so the database itself refuses any table of another tenant (or of the platform), then
 * runs `fn` with that tenant's tables. Commits when `fn` resolves, rolls back when it throws.
 */
export async function withTenant<T>(
  database: Database,
  tenant: TenantRef,
  fn: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  const role = ident(assertTenantSchema(tenant.schemaName));
  const client = await database.pool.connect();
  let broken = false;
  try {
    // One round trip: BEGIN and the role switch travel together.
    await client.query(`BEGIN; SET LOCAL ROLE ${role}`);
    const result = await fn({ tenant, db: drizzle(client), t: tenantTables(tenant.schemaName) });
    await client.query('COMMIT');
    return result;
  } catch (e) {
    broken = !isServerError(e);
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw e;
  } finally {
    client.release(broken);
  }
}
