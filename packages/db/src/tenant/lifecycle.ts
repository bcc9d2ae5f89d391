import type pg from 'pg';
import { type Database, inTransaction, sendStatements, withClient } from '../client.js';
import { ensureSettableRole } from '../roles.js';
import { assertTenantSchema, ident } from '../sql.js';

/*
 * One role per transaction (ADR 0022). Citus opens one connection to a worker per role, and a
 * connection cannot see what another has not committed: a transaction that creates an object as
 * one role and grants on it as another fails there. So each function below acts as one role only,
 * and the caller gives each its own transaction.
 */

/**
 * Tenant role: named exactly like the schema, owning nothing. The login role can `SET ROLE` to it
 * but does not inherit its rights. NOLOGIN unless the database was connected with `rolesLogin`
 * (ADR 0021). Idempotent; acts as the login role, in the caller's transaction.
 */
export async function createTenantRole(
  database: Database,
  client: pg.ClientBase,
  schemaName: string,
): Promise<void> {
  await ensureSettableRole(database, client, assertTenantSchema(schemaName));
}

/**
 * Tenant schema created by the owner role (which holds CREATE on the database, granted by
 * `migratePlatform`), usable by the tenant role only. Tables created later by migrations (as the
 * owner role) grant DML to the tenant role through default privileges. The tenant role must exist
 * and be committed (`createTenantRole` in an earlier transaction). Idempotent; acts as the owner
 * role only, in the caller's transaction, which it leaves as the login role.
 */
export async function createTenantSchema(
  database: Database,
  client: pg.ClientBase,
  schemaName: string,
): Promise<void> {
  const schema = ident(assertTenantSchema(schemaName));
  const owner = ident(database.ownerRole);
  await sendStatements(database, client, [
    `SET LOCAL ROLE ${owner}`,
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${schema}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${schema}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${schema}`,
    'RESET ROLE',
  ]);
}

/**
 * Delete a tenant's schema (with all its data), its role and its migration ledger rows. The
 * platform rows (tenant, domains, provisioning) are the caller's. Two transactions, one role
 * each: the owner drops the schema, which takes every right the tenant role was given with it
 * (schema usage, table rights, default privileges); then the login role drops the role and the
 * ledger rows. Idempotent: a run interrupted between the two is finished by the next.
 *
 * No `DROP OWNED BY`: the tenant role owns nothing, and neither the owner nor the NOINHERIT login
 * role holds the privileges of the tenant role that it requires. A right given to the role
 * outside its schema (by hand) makes DROP ROLE fail, and the error says which one.
 */
export async function dropTenantSchema(database: Database, schemaName: string): Promise<void> {
  const schema = ident(assertTenantSchema(schemaName));
  await withClient(database, async (client) => {
    await inTransaction(client, () =>
      sendStatements(database, client, [
        `SET LOCAL ROLE ${ident(database.ownerRole)}`,
        `DROP SCHEMA IF EXISTS ${schema} CASCADE`,
        'RESET ROLE',
      ]),
    );
    await inTransaction(client, async () => {
      await client.query(`DROP ROLE IF EXISTS ${schema}`).catch((e: pg.DatabaseError) => {
        if (e.code !== '2BP01') throw e;
        throw new Error(
          `the schema ${schemaName} is deleted, but its role still has rights outside it (${e.detail ?? e.message}): ` +
            `revoke them, then delete the tenant again`,
          { cause: e },
        );
      });
      await client.query('delete from platform.schema_migrations where schema_name = $1', [schemaName]);
    });
  });
}
