import type pg from 'pg';
import type { Database } from './client.js';
import { ident } from './sql.js';

/**
 * Create a NOLOGIN role (if missing) that the login role may `SET ROLE` to but does not
 * inherit privileges from. Runs inside the caller's transaction.
 *
 * PostgreSQL 16 changed CREATEROLE: the creator only gets what `createrole_self_grant` says,
 * so we ask for SET (and, by omission, no INHERIT). On 15 and older, CREATEROLE may grant any
 * non-superuser role, and NOINHERIT on the login role keeps privileges from flowing.
 */
export async function ensureSettableRole(
  database: Database,
  client: pg.ClientBase,
  role: string,
): Promise<void> {
  const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [role]);
  if (rowCount) return;
  if (!database.isSuperuser && database.serverVersion >= 160000) {
    await client.query(`set local createrole_self_grant = 'set'`);
  }
  await client.query(`create role ${ident(role)} nologin noinherit`);
  if (!database.isSuperuser && database.serverVersion < 160000) {
    await client.query(`grant ${ident(role)} to ${ident(database.loginRole)}`);
  }
}
