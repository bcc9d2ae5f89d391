import type pg from 'pg';
import type { Database } from '../client.js';
import { ensureSettableRole } from '../roles.js';
import { assertTenantSchema, ident } from '../sql.js';

/**
 * Tenant role: NOLOGIN, named exactly like the schema, owning nothing. The login role can
 * `SET ROLE` to it but does not inherit its rights. Idempotent; runs in the caller's transaction.
 */
export async function createTenantRole(
  database: Database,
  client: pg.ClientBase,
  schemaName: string,
): Promise<void> {
  await ensureSettableRole(database, client, assertTenantSchema(schemaName));
}

/**
 * Tenant schema owned by the owner role, usable by the tenant role only. Tables created later
 * by migrations (as the owner role) grant DML to the tenant role through default privileges.
 * Idempotent; runs in the caller's transaction.
 */
export async function createTenantSchema(
  database: Database,
  client: pg.ClientBase,
  schemaName: string,
): Promise<void> {
  const schema = ident(assertTenantSchema(schemaName));
  const owner = ident(database.ownerRole);
  // One round trip: the statements run in order, in the caller's transaction.
  await client.query(
    [
      `CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${owner}`,
      `SET LOCAL ROLE ${owner}`,
      `REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`,
      `GRANT USAGE ON SCHEMA ${schema} TO ${schema}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${schema}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${schema}`,
      'RESET ROLE',
    ].join(';\n'),
  );
}

/** Remove a tenant's schema, role and ledger rows (tests and tooling; not a product feature yet). */
export async function dropTenantSchema(
  database: Database,
  client: pg.ClientBase,
  schemaName: string,
): Promise<void> {
  const schema = ident(assertTenantSchema(schemaName));
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL ROLE ${ident(database.ownerRole)}`);
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [schemaName]);
    if (rowCount) {
      await client.query(`DROP OWNED BY ${schema}`).catch(() => {});
      await client.query('RESET ROLE');
      await client.query(`DROP ROLE ${schema}`);
    }
    await client.query('delete from platform.schema_migrations where schema_name = $1', [schemaName]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}
