import { adminDatabaseUrl, createTestDatabase, type TestDatabase } from '@agora/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, migratePlatform, migrateTenantSchema, withTenant } from '../src/index.js';
import { makeBareTenant } from './helpers.js';

/** ADR 0021: owner and tenant roles are NOLOGIN unless the deployment (Citus) asks for LOGIN. */
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb?.drop());

/** rolcanlogin, and whether a password is stored (pg_authid: readable by the admin connection only). */
async function loginState(role: string) {
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      'select rolcanlogin as login, rolpassword is not null as password from pg_authid where rolname = $1',
      [role],
    );
    return rows[0];
  } finally {
    await admin.end();
  }
}

/** Try to connect as `role` with the test database's URL (whatever pg_hba says for it). */
async function connectAs(role: string) {
  const url = new URL(tdb.url);
  url.username = role;
  url.password = '';
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await client.connect();
    return 'connected';
  } catch (e) {
    return (e as pg.DatabaseError).code;
  } finally {
    await client.end().catch(() => {});
  }
}

describe('role LOGIN', () => {
  it('by default the owner and tenant roles cannot log in at all', async () => {
    const tenant = await makeBareTenant(tdb.database);
    expect(tdb.database.rolesLogin).toBe(false);
    expect(await loginState(tdb.database.ownerRole)).toEqual({ login: false, password: false });
    expect(await loginState(tenant.schemaName)).toEqual({ login: false, password: false });
    // Refused: 28000 "not permitted to log in" where pg_hba.conf trusts the address, 28P01 where it
    // asks for a password (no password is stored, so none matches).
    expect(['28000', '28P01']).toContain(await connectAs(tenant.schemaName));
    expect(['28000', '28P01']).toContain(await connectAs(tdb.database.ownerRole));
  });

  it('with rolesLogin, new and existing roles become LOGIN without a password, and back to NOLOGIN when it is off', async () => {
    const before = await makeBareTenant(tdb.database);
    await migrateTenantSchema(tdb.database, before.schemaName);
    const citus = await connectDatabase(tdb.url, { max: 2, rolesLogin: true });
    try {
      // The next start with the setting on brings the owner and the existing tenant roles in line.
      await migratePlatform(citus);
      expect(await loginState(tdb.database.ownerRole)).toEqual({ login: true, password: false });
      expect(await loginState(before.schemaName)).toEqual({ login: true, password: false });
      const after = await makeBareTenant(citus);
      expect(await loginState(after.schemaName)).toEqual({ login: true, password: false });
      // Nothing else changes: the tenant unit of work still works, the login role still inherits nothing.
      await expect(withTenant(citus, before, ({ db, t }) => db.select().from(t.settings))).resolves.toEqual(
        [],
      );
      await expect(citus.pool.query(`select * from "${before.schemaName}".settings`)).rejects.toMatchObject({
        code: '42501',
      });
      // Turned off again: every role is NOLOGIN at the next start.
      await migratePlatform(tdb.database);
      for (const role of [tdb.database.ownerRole, before.schemaName, after.schemaName]) {
        expect(await loginState(role)).toEqual({ login: false, password: false });
      }
    } finally {
      await citus.close();
    }
  });
});
