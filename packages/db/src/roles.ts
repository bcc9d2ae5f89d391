import type pg from 'pg';
import { type Database, sendStatements } from './client.js';
import { ident } from './sql.js';

/** NOLOGIN by default; on Citus LOGIN with no password, which no password check ever accepts (ADR 0021). */
export const loginClause = (database: Pick<Database, 'rolesLogin'>) =>
  database.rolesLogin ? 'login password null' : 'nologin';

/**
 * Create a role (if missing; NOLOGIN unless `database.rolesLogin`) that the login role may
 * `SET ROLE` to but does not inherit privileges from. Runs inside the caller's transaction.
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
  statements.push(`create role ${ident(role)} ${loginClause(database)} noinherit`);
  if (!database.isSuperuser && database.serverVersion < 160000) {
    statements.push(`grant ${ident(role)} to ${ident(database.loginRole)}`);
  }
  await sendStatements(database, client, statements);
}

/**
 * Make the owner role and every tenant's role LOGIN or NOLOGIN as `database.rolesLogin` says, so
 * turning AGORA_TENANT_ROLES_LOGIN on (moving to Citus) or off again takes effect for the roles
 * that exist, at the next start. Usually finds nothing to change: one query.
 */
export async function alignRoleLogin(database: Database, client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ rolname: string }>(
    `select r.rolname from pg_roles r
      where r.rolcanlogin is distinct from $2
        and (r.rolname = $1 or r.rolname in (select schema_name from platform.tenants))
      order by r.rolname`,
    [database.ownerRole, database.rolesLogin],
  );
  const names = rows.map((r) => r.rolname);
  if (names.length) {
    await sendStatements(
      database,
      client,
      names.map((name) => `alter role ${ident(name)} ${loginClause(database)}`),
    );
  }
  return names;
}
