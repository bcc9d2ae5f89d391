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

it('0020 moves each account balance and version into a slot, and leaves the tenant role reading the ledger, writing it through ledger_post only', async () => {
  const rows = await afterMigration(
    '0020_ledger_balances',
    `insert into $S.ledger_accounts (id, kind, owner_id, currency, balance_minor, version) values
        ('lac_cash', 'cash', null, 'EUR', 700, 2),
        ('lac_fees', 'commission_revenue', null, 'EUR', -700, 2),
        ('lac_unused', 'tax_collected', null, 'EUR', 0, 0);
      insert into $S.ledger_transactions (id, idempotency_key, kind, reference, occurred_at) values
        ('ltx_1', 'k1', 'vendor_paid', 'r', now()), ('ltx_2', 'k2', 'vendor_paid', 'r', now());
      insert into $S.ledger_entries (transaction_id, account_id, amount_minor, currency) values
        ('ltx_1', 'lac_cash', 500, 'EUR'), ('ltx_1', 'lac_fees', -500, 'EUR'),
        ('ltx_2', 'lac_cash', 200, 'EUR'), ('ltx_2', 'lac_fees', -200, 'EUR');`,
    `select (select json_agg(json_build_object('account', account_id, 'slot', slot, 'balance', balance_minor, 'version', version)
                              order by account_id) from $S.ledger_balances) as balances,
            has_table_privilege(r.rolname, '$S.ledger_entries', 'SELECT') as reads,
            has_table_privilege(r.rolname, '$S.ledger_entries', 'INSERT') as inserts,
            has_table_privilege(r.rolname, '$S.ledger_accounts', 'UPDATE') as updates,
            has_function_privilege(r.rolname, '$S.ledger_post(jsonb, jsonb, jsonb)', 'EXECUTE') as posts
       from pg_roles r where r.rolname = (parse_ident('$S.x'))[1]`,
  );
  expect(rows).toEqual([
    {
      balances: [
        { account: 'lac_cash', slot: 0, balance: 700, version: 2 },
        { account: 'lac_fees', slot: 0, balance: -700, version: 2 },
      ],
      reads: true,
      inserts: false,
      updates: false,
      posts: true,
    },
  ]);
});

it('0021 keeps every entry, keyed by its transaction, with no foreign key left on entries', async () => {
  const rows = await afterMigration(
    '0021_ledger_references_per_statement',
    `insert into $S.ledger_accounts (id, kind, owner_id, currency) values
        ('lac_cash', 'cash', null, 'EUR'), ('lac_fees', 'commission_revenue', null, 'EUR');
      insert into $S.ledger_transactions (id, idempotency_key, kind, reference, occurred_at) values
        ('ltx_1', 'k1', 'vendor_paid', 'r', now()), ('ltx_2', 'k2', 'vendor_paid', 'r', now());
      insert into $S.ledger_entries (transaction_id, account_id, amount_minor, currency) values
        ('ltx_1', 'lac_cash', 500, 'EUR'), ('ltx_1', 'lac_fees', -500, 'EUR'),
        ('ltx_2', 'lac_cash', 200, 'EUR'), ('ltx_2', 'lac_fees', -200, 'EUR');`,
    `select (select json_agg(transaction_id || ' ' || account_id || ' ' || amount_minor order by id) from $S.ledger_entries) as entries,
            (select array_agg(pg_get_constraintdef(oid) order by conname) from pg_constraint
               where conrelid = '$S.ledger_entries'::regclass and contype in ('p', 'f')) as keys`,
  );
  expect(rows).toEqual([
    {
      entries: ['ltx_1 lac_cash 500', 'ltx_1 lac_fees -500', 'ltx_2 lac_cash 200', 'ltx_2 lac_fees -200'],
      keys: ['PRIMARY KEY (transaction_id, id)'],
    },
  ]);
});
