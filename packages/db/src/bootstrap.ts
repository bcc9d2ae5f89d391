import pg from 'pg';
import { ident, literal } from './sql.js';

/**
 * Create (if missing) a login role and a database owned by it, using an admin connection.
 * The login role is what the app connects as: not a superuser, NOINHERIT, with CREATEROLE so
 * provisioning can create tenant roles. Used by the start script and the test harness.
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
