import { createTestDatabase, type TestDatabase } from '@agora/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadMigrations, migrateTenantSchema, withClient } from '../src/index.js';
import { makeBareTenant } from './helpers.js';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb?.drop());

/**
 * A bare tenant migrated up to (not including) `migration`, the rows `seed` inserts as the schema
 * owner (`$S` stands for the schema), then every migration; returns the rows `query` reads after.
 */
async function afterMigration(migration: string, seed: string, query: string) {
  const { schemaName: s } = await makeBareTenant(tdb.database);
  const all = loadMigrations('tenant');
  const upTo = all.findIndex((m) => m.name === migration);
  expect(upTo).toBeGreaterThan(0);
  await migrateTenantSchema(tdb.database, s, all.slice(0, upTo));
  const asOwner = (sql: string) =>
    withClient(tdb.database, async (c) => {
      await c.query(`set role "${tdb.database.ownerRole}"`);
      const result = await c.query(sql.replaceAll('$S', `"${s}"`));
      await c.query('reset role');
      return result.rows;
    });
  await asOwner(seed);
  await migrateTenantSchema(tdb.database, s, all);
  return asOwner(query);
}

it('0003 fills status_reason for drafts whose last moderation step was a rejection', async () => {
  const rows = await afterMigration(
    '0003_product_status_reason',
    `insert into $S.vendors (id, name, legal_name, country, tax_id, contact_name, contact_email, status)
        values ('ven_1', 'V', 'V Ltd', 'DE', 'T1', 'C', 'c@v.test', 'approved');
      insert into $S.products (id, vendor_id, sku, title, unit, currency, base_price_minor, status) values
        ('prd_rejected', 'ven_1', 'A', 'A', 'piece', 'EUR', 1, 'draft'),
        ('prd_resubmitted', 'ven_1', 'B', 'B', 'piece', 'EUR', 1, 'pending_review'),
        ('prd_rejected_then_edited', 'ven_1', 'C', 'C', 'piece', 'EUR', 1, 'draft'),
        ('prd_never', 'ven_1', 'D', 'D', 'piece', 'EUR', 1, 'draft');
      insert into $S.audit_log (action, subject_type, subject_id, data) values
        ('product.submitted', 'product', 'prd_rejected', '{}'),
        ('product.rejected', 'product', 'prd_rejected', '{"reason": "Blurry photos"}'),
        ('product.rejected', 'product', 'prd_resubmitted', '{"reason": "Old"}'),
        ('product.submitted', 'product', 'prd_resubmitted', '{}'),
        ('product.rejected', 'product', 'prd_rejected_then_edited', '{"reason": "No unit"}'),
        ('product.updated', 'product', 'prd_rejected_then_edited', '{}');`,
    `select id, status_reason from $S.products order by id`,
  );
  expect(rows).toEqual([
    { id: 'prd_never', status_reason: null },
    { id: 'prd_rejected', status_reason: 'Blurry photos' },
    { id: 'prd_rejected_then_edited', status_reason: 'No unit' },
    { id: 'prd_resubmitted', status_reason: null },
  ]);
});

it('0005 fills price_moq_minor with the tier in effect at the MOQ, else the list price', async () => {
  const rows = await afterMigration(
    '0005_product_price_at_moq',
    `insert into $S.vendors (id, name, legal_name, country, tax_id, contact_name, contact_email, status)
        values ('ven_1', 'V', 'V Ltd', 'DE', 'T1', 'C', 'c@v.test', 'approved');
      insert into $S.products (id, vendor_id, sku, title, unit, currency, base_price_minor, status, min_order_qty) values
        ('prd_tiers', 'ven_1', 'A', 'A', 'piece', 'EUR', 1000, 'published', 10),
        ('prd_none', 'ven_1', 'B', 'B', 'piece', 'EUR', 500, 'draft', 1);
      insert into $S.price_tiers (product_id, min_qty, unit_price_minor) values
        ('prd_tiers', 10, 900), ('prd_tiers', 100, 700);`,
    `select id, price_moq_minor::int as price from $S.products order by id`,
  );
  expect(rows).toEqual([
    { id: 'prd_none', price: 500 },
    { id: 'prd_tiers', price: 900 },
  ]);
});

it('0006 takes "verified" from vendors approved automatically that no operator has verified since', async () => {
  const rows = await afterMigration(
    '0006_unverify_auto_approved',
    `insert into $S.vendors (id, name, legal_name, country, tax_id, contact_name, contact_email, status, verified) values
        ('ven_auto', 'A', 'A Ltd', 'DE', 'T1', 'C', 'a@v.test', 'approved', true),
        ('ven_auto_verified', 'B', 'B Ltd', 'DE', 'T2', 'C', 'b@v.test', 'approved', true),
        ('ven_operator', 'C', 'C Ltd', 'DE', 'T3', 'C', 'c@v.test', 'approved', true),
        ('ven_pending', 'D', 'D Ltd', 'DE', 'T4', 'C', 'd@v.test', 'pending', false);
      insert into $S.audit_log (action, subject_type, subject_id, data) values
        ('vendor.approved', 'vendor', 'ven_auto', '{"from": "pending", "to": "approved", "auto": true}'),
        ('vendor.approved', 'vendor', 'ven_auto_verified', '{"from": "pending", "to": "approved", "auto": true}'),
        ('vendor.verified', 'vendor', 'ven_auto_verified', '{"from": "approved", "to": "approved"}'),
        ('vendor.approved', 'vendor', 'ven_operator', '{"from": "pending", "to": "approved"}');`,
    `select id, verified from $S.vendors order by id`,
  );
  expect(rows).toEqual([
    { id: 'ven_auto', verified: false },
    { id: 'ven_auto_verified', verified: true },
    { id: 'ven_operator', verified: true },
    { id: 'ven_pending', verified: false },
  ]);
});
