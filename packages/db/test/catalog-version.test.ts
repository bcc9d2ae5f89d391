import { createTestDatabase, type TestDatabase } from '@agora/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadMigrations, migrateTenantSchema, readCatalogVersion, withClient } from '../src/index.js';
import { makeBareTenant } from './helpers.js';

/** The catalog version's triggers (tenant migrations 0007 and 0008, ADR 0020) whoever writes. */
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb?.drop());

/** A migrated tenant with one approved vendor and one product, and a way to run SQL as the schema owner. */
async function tenantWithProduct() {
  const tenant = await makeBareTenant(tdb.database);
  await migrateTenantSchema(tdb.database, tenant.schemaName, loadMigrations('tenant'));
  const asOwner = (sql: string) =>
    withClient(tdb.database, async (c) => {
      await c.query(`set role "${tdb.database.ownerRole}"`);
      try {
        return (await c.query(sql.replaceAll('$S', `"${tenant.schemaName}"`))).rows;
      } finally {
        await c.query('reset role');
      }
    });
  await asOwner(
    `insert into $S.vendors (id, name, legal_name, country, tax_id, contact_name, contact_email, status)
       values ('ven_1', 'V', 'V Ltd', 'DE', 'T1', 'C', 'c@v.test', 'approved');
     insert into $S.products (id, vendor_id, sku, title, unit, currency, base_price_minor, status)
       values ('prd_1', 'ven_1', 'A', 'Pump', 'piece', 'EUR', 100, 'published');
     insert into $S.price_tiers (product_id, min_qty, unit_price_minor) values ('prd_1', 1, 100);`,
  );
  return { tenant, asOwner, version: () => readCatalogVersion(tdb.database, tenant) };
}

it('a data migration that changes the catalog commits through the runner and raises the version', async () => {
  const { tenant, asOwner, version } = await tenantWithProduct();
  const before = await version();
  // The runner commits after RESET ROLE, as a login role with no rights in the tenant schema. The
  // deferred trigger still runs as the role that queued it (the owner), so the commit succeeds.
  const later = {
    name: '9999_rename_products',
    statements: [`UPDATE "tenant_template".products SET title = title || ' (renamed)'`],
    checksum: 'test',
  };
  const applied = await migrateTenantSchema(tdb.database, tenant.schemaName, [
    ...loadMigrations('tenant'),
    later,
  ]);
  expect(applied).toEqual(['9999_rename_products']);
  expect(await asOwner('select title from $S.products')).toEqual([{ title: 'Pump (renamed)' }]);
  expect(await version()).toBe(before + 1);
});

// What readers need is that every committed change raises the version at least once: the search
// cache compares versions for equality only. Raising it twice is harmless (a Citus schema move
// copies the TRUNCATE trigger, ADR 0022); missing a raise would serve a stale result.
it('TRUNCATE raises the version (on one node once, for all the tables it cascades to)', async () => {
  const { asOwner, version } = await tenantWithProduct();
  const before = await version();
  await asOwner('truncate $S.products cascade');
  expect(await asOwner('select count(*)::int as n from $S.price_tiers')).toEqual([{ n: 0 }]);
  expect(await version()).toBeGreaterThan(before);
  // One node: exactly once. Nothing relies on it (see above), this pins today's behaviour.
  expect(await version()).toBe(before + 1);
});

it('a second copy of the TRUNCATE trigger (as a schema move leaves behind) still raises the version', async () => {
  const { asOwner, version } = await tenantWithProduct();
  await asOwner(
    `create trigger products_catalog_version_truncate_moved after truncate on $S.products
       for each statement execute function $S.bump_catalog_version()`,
  );
  const before = await version();
  await asOwner('truncate $S.products cascade');
  expect(await version()).toBeGreaterThan(before);
});

it('a raise rolled back with a savepoint does not hide a later change of the same transaction', async () => {
  const { asOwner, version } = await tenantWithProduct();
  const before = await version();
  // The TRUNCATE raises the version and sets the once-per-transaction flag; the rollback to the
  // savepoint undoes both, so the insert that commits must raise it again.
  await asOwner(
    `begin;
     savepoint s;
     truncate $S.products cascade;
     rollback to savepoint s;
     update $S.products set title = 'Pump 2';
     commit`,
  );
  expect(await asOwner('select title from $S.products')).toEqual([{ title: 'Pump 2' }]);
  expect(await version()).toBeGreaterThan(before);
});
