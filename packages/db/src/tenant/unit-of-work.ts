import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from '../client.js';
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
 * Settings for one unit of work (`SET LOCAL`), sent with BEGIN. Names and values are fixed by
 * code, never by input: both are checked here since they are spliced into SQL.
 */
export type TenantTxSettings = Record<string, string>;

const SETTING_NAME = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;
const SETTING_VALUE = /^[A-Za-z0-9_. ]+$/;

/**
 * The only way to touch tenant tables. Opens a transaction that first switches to the tenant's
 * role, so the database itself refuses any table of another tenant (or of the platform), then
 * runs `fn` with that tenant's tables. Commits when `fn` resolves, rolls back when it throws.
 */
export async function withTenant<T>(
  database: Database,
  tenant: TenantRef,
  fn: (tx: TenantTx) => Promise<T>,
  settings: TenantTxSettings = {},
): Promise<T> {
  const role = ident(assertTenantSchema(tenant.schemaName));
  const set = Object.entries(settings).map(([name, value]) => {
    if (!SETTING_NAME.test(name) || !SETTING_VALUE.test(value))
      throw new Error(`invalid transaction setting ${JSON.stringify(name)} = ${JSON.stringify(value)}`);
    return `; SET LOCAL ${name} = '${value}'`;
  });
  const client = await database.pool.connect();
  let broken = false;
  try {
    // One round trip: BEGIN, the role switch and any settings travel together.
    await client.query(`BEGIN; SET LOCAL ROLE ${role}${set.join('')}`);
    const result = await fn({ tenant, db: drizzle(client), t: tenantTables(tenant.schemaName) });
    await client.query('COMMIT');
    return result;
  } catch (e) {
    // An application error (a 404, a 409, a failed check) or an SQL error leaves a healthy
    // connection: once ROLLBACK succeeds the transaction, its role and its settings are gone, so
    // the connection goes back to the pool. Only a connection that cannot roll back (it died,
    // or the protocol is out of step) is discarded.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw e;
  } finally {
    client.release(broken);
  }
}
