import { createTestDatabase, type TestDatabase } from '@agora/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantSchema,
  dropTenantSchema,
  inTransaction,
  migrateTenantSchema,
  withClient,
  withTenant,
} from '../src/index.js';
import { makeBareTenant } from './helpers.js';

/** Creating and deleting a tenant's schema and role (ADR 0022: one role per transaction). */
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb?.drop());

const theme = { primaryColor: '#000000' };

async function migratedTenant() {
  const tenant = await makeBareTenant(tdb.database);
  await migrateTenantSchema(tdb.database, tenant.schemaName);
  await withTenant(tdb.database, tenant, ({ db, t }) =>
    db.insert(t.settings).values({ publicName: 'Shop', theme }),
  );
  return tenant;
}

/** What is left of a tenant in the catalogs and the ledger. */
async function leftovers(schemaName: string) {
  const { rows } = await tdb.database.pool.query(
    `select exists (select 1 from pg_namespace where nspname = $1) as schema,
            exists (select 1 from pg_roles where rolname = $1) as role,
            (select count(*)::int from platform.schema_migrations where schema_name = $1) as ledger`,
    [schemaName],
  );
  return rows[0];
}

describe('createTenantSchema', () => {
  it('gives the owner role CREATE on the database, so it can create tenant schemas itself', async () => {
    const { rows } = await tdb.database.pool.query(
      `select has_database_privilege($1, current_database(), 'CREATE') as can`,
      [tdb.database.ownerRole],
    );
    expect(rows[0].can).toBe(true);
  });

  it('acts as the owner role only: its first statement switches to it and nothing switches back before the end', async () => {
    const tenant = await makeBareTenant(tdb.database);
    const sent: string[] = [];
    await withClient(tdb.database, (client) => {
      const recording = {
        query: (text: string) => {
          sent.push(text);
          return client.query(text);
        },
      } as unknown as pg.ClientBase;
      // Idempotent: running it again on an existing schema changes nothing and fails nothing.
      return inTransaction(client, () => createTenantSchema(tdb.database, recording, tenant.schemaName));
    });
    const statements = sent.join(';\n').split(';\n');
    expect(statements[0]).toBe(`SET LOCAL ROLE "${tdb.database.ownerRole}"`);
    expect(
      statements.slice(1, -1).filter((s) => /\bROLE\b/.test(s) && !/GRANT|REVOKE|DEFAULT/.test(s)),
    ).toEqual([]);
    expect(statements.at(-1)).toBe('RESET ROLE');

    const { rows } = await tdb.database.pool.query(
      `select pg_get_userbyid(nspowner) as owner,
              has_schema_privilege($1::text, nspname, 'USAGE') as tenant_usage,
              has_schema_privilege($2::text, nspname, 'USAGE') as login_usage
         from pg_namespace where nspname = $1::text`,
      [tenant.schemaName, tdb.database.loginRole],
    );
    expect(rows[0]).toEqual({ owner: tdb.database.ownerRole, tenant_usage: true, login_usage: false });
  });
});

describe('on Citus (one statement per query)', () => {
  it('creates and deletes a tenant sending every statement as a query of its own', async () => {
    const citus = { ...tdb.database, distributed: true };
    const tenant = await makeBareTenant(tdb.database);
    const sent: string[] = [];
    const record = (client: pg.ClientBase) =>
      ({
        query: (text: string, values?: unknown[]) => {
          sent.push(text);
          return client.query(text, values);
        },
      }) as unknown as pg.ClientBase;
    // A second run of createTenantSchema (idempotent) through the recording client.
    await withClient(tdb.database, (client) =>
      inTransaction(client, () => createTenantSchema(citus, record(client), tenant.schemaName)),
    );
    expect(sent.length).toBeGreaterThan(5);
    for (const q of sent) expect(q).not.toMatch(/;\s*\S/);
    await migrateTenantSchema(citus, tenant.schemaName);
    await dropTenantSchema(citus, tenant.schemaName);
    expect(await leftovers(tenant.schemaName)).toEqual({ schema: false, role: false, ledger: 0 });
  });
});

describe('dropTenantSchema', () => {
  it('deletes the schema with its data, the role and the ledger rows, and leaves other tenants alone', async () => {
    const doomed = await migratedTenant();
    const kept = await migratedTenant();
    expect(await leftovers(doomed.schemaName)).toMatchObject({ schema: true, role: true });

    await dropTenantSchema(tdb.database, doomed.schemaName);

    expect(await leftovers(doomed.schemaName)).toEqual({ schema: false, role: false, ledger: 0 });
    const rows = await withTenant(tdb.database, kept, ({ db, t }) => db.select().from(t.settings));
    expect(rows.map((r) => r.publicName)).toEqual(['Shop']);
    expect((await leftovers(kept.schemaName)).ledger).toBeGreaterThan(0);
  });

  it('says which right outside its schema keeps the role, and finishes once it is revoked', async () => {
    const tenant = await migratedTenant();
    // Given by hand: the schema's drop cannot take it, so DROP ROLE refuses.
    await tdb.database.pool.query(`grant usage on schema platform to "${tenant.schemaName}"`);
    await expect(dropTenantSchema(tdb.database, tenant.schemaName)).rejects.toThrow(
      /is deleted, but its role still has rights outside it \(privileges for schema platform\)/,
    );
    expect(await leftovers(tenant.schemaName)).toMatchObject({ schema: false, role: true });
    await tdb.database.pool.query(`revoke usage on schema platform from "${tenant.schemaName}"`);
    await dropTenantSchema(tdb.database, tenant.schemaName);
    expect(await leftovers(tenant.schemaName)).toEqual({ schema: false, role: false, ledger: 0 });
  });

  it('finishes a deletion that stopped half way, and is a no-op when nothing is left', async () => {
    const tenant = await migratedTenant();
    // As if the process died after the first of its transactions: the schema is gone, the rest not.
    await withClient(tdb.database, (c) =>
      c.query(`set role "${tdb.database.ownerRole}"; drop schema "${tenant.schemaName}" cascade; reset role`),
    );
    await dropTenantSchema(tdb.database, tenant.schemaName);
    expect(await leftovers(tenant.schemaName)).toEqual({ schema: false, role: false, ledger: 0 });
    await expect(dropTenantSchema(tdb.database, tenant.schemaName)).resolves.toBeUndefined();
  });

  it('leaves the pooled connection usable (no aborted transaction, back to the login role)', async () => {
    const tenant = await migratedTenant();
    await dropTenantSchema(tdb.database, tenant.schemaName);
    const { rows } = await tdb.database.pool.query('select current_user as u');
    expect(rows[0].u).toBe(tdb.database.loginRole);
  });
});
