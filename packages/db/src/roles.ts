import type pg from 'pg';
import { type Database, sendStatements } from './client.js';
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
  // In order, in the caller's transaction (one round trip on one node).
  const statements: string[] = [];
  if (!database.isSuperuser && database.serverVersion >= 160000) {
    statements.push(`set local createrole_self_grant = 'set'`);
  }
  statements.push(`create role ${ident(role)} nologin noinherit`);
  if (!database.isSuperuser && database.serverVersion < 160000) {
    statements.push(`grant ${ident(role)} to ${ident(database.loginRole)}`);
  }
  await sendStatements(database, client, statements);
}
