import { readFileSync } from 'node:fs';
import pg from 'pg';
import { ident, literal } from './sql.js';

/**
 * Create (if missing) a login role and a database owned by it, using an admin connection.
 * The login role is what the app connects as: not a superuser, NOINHERIT, with CREATEROLE so
 * provisioning can create tenant roles. Used by the start script and the test harness. With a
 * superuser admin URL it also hides other tenants' statistics from tenant roles (restrictStatistics).
 */
export async function ensureAppDatabase(adminUrl: string, name: string, password: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const role = await admin.query('select 1 from pg_roles where rolname = $1', [name]);
    if (!role.rowCount) {
      await admin.query(
        `CREATE ROLE ${ident(name)} LOGIN NOINHERIT NOSUPERUSER CREATEROLE PASSWORD ${literal(password)}`,
      );
    }
    const db = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!db.rowCount) await admin.query(`CREATE DATABASE ${ident(name)} OWNER ${ident(name)}`);
  } finally {
    await admin.end();
  }
  await restrictStatistics(databaseUrl(adminUrl, name), name);
  const url = new URL(adminUrl);
  url.username = name;
  url.password = password;
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drop a database made by ensureAppDatabase, then every role it created (tenant roles, the
 * owner role, the login role): roles are cluster-wide and would otherwise outlive it.
 */
export async function dropAppDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ rolname: string }>(
      `select r.rolname from pg_roles r
        where r.rolname = $1 || '_owner'
           or (r.rolname ~ '^t_[0-9a-z]{12}$' and exists (
                select 1 from pg_auth_members m join pg_roles l on l.oid = m.member
                 where m.roleid = r.oid and l.rolname = $1))`,
      [name],
    );
    await admin.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    for (const { rolname } of rows) await admin.query(`DROP ROLE IF EXISTS ${ident(rolname)}`);
    await admin.query(`DROP ROLE IF EXISTS ${ident(name)}`);
  } finally {
    await admin.end();
  }
}

/** The same server and credentials, another database. */
function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Hide other tenants' statistics (row counts, sizes, activity) from tenant roles in the app's
 * database: `sql/restrict-statistics.sql`, ADR 0001. Needs a superuser; with an admin URL that is
 * not one, nothing changes (the script says how to run it by hand). Idempotent.
 */
export async function restrictStatistics(adminUrlOfAppDatabase: string, loginRole: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrlOfAppDatabase });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ superuser: boolean }>(
      'select rolsuper as superuser from pg_roles where rolname = current_user',
    );
    if (!rows[0]?.superuser) return false;
    await admin.query(`select set_config('agora.login_role', $1, false)`, [loginRole]);
    await admin.query(readFileSync(new URL('../sql/restrict-statistics.sql', import.meta.url), 'utf8'));
    return true;
  } finally {
    await admin.end();
  }
}
