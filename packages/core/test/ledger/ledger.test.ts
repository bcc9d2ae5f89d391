import { AppError } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  insertCatalog,
  insertCompany,
  insertOrder,
  type TestDatabase,
  testConfig,
} from '@agora/testing';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountKeyString,
  accounts,
  createRuntime,
  createTenant,
  loadOrderFigures,
  post,
  postOrderReversed,
  postOrdersPlaced,
  type Runtime,
  recordInvoicePayment,
  recordVendorPayout,
  runProvisioning,
  vendorBalancesIn,
} from '../../src/index.js';
import { COMPANIES, LedgerModel, opArb, VENDORS } from './ledger-model.js';

let tdb: TestDatabase;
let rt: Runtime;
let tenant: TenantRef;
const buyers = new Map<string, string>();

beforeAll(async () => {
  tdb = await createTestDatabase();
  rt = await createRuntime(testConfig(tdb.url));
  tenant = await createTenant(
    rt,
    { name: 'Books', slug: 'books', ownerEmail: 'o@books.test' },
    { type: 'system', id: 'test' },
  );
  await runProvisioning(rt, tenant.id, { finalAttempt: true });
  await insertCatalog(rt.database, tenant, {
    vendors: VENDORS.map((id) => ({ id, name: `Vendor ${id}` })),
    products: VENDORS.map((v) => ({
      id: `prd_${v}`,
      vendorId: v,
      title: `Product of ${v}`,
      basePriceMinor: 100,
    })),
  });
  for (const id of COMPANIES) buyers.set(id, (await insertCompany(rt.database, tenant, { id })).buyerUserId);
}, 60_000);

afterAll(async () => {
  await rt?.close();
  if (rt) await cleanupRedisPrefix(rt.config.redisUrl, rt.config.queuePrefix);
  await tdb?.drop();
});

let n = 0;
async function placedOrder(o: {
  subtotal: number;
  tax?: number;
  shipping?: number;
  commission?: number;
  vendor?: string;
}) {
  const id = `ord_t${++n}`;
  const vendorId = o.vendor ?? 'ven_1';
  await insertOrder(rt.database, tenant, {
    id,
    companyId: 'cmp_1',
    buyerUserId: buyers.get('cmp_1') as string,
    vendorId,
    productId: `prd_${vendorId}`,
    subtotalMinor: o.subtotal,
    taxMinor: o.tax ?? 0,
    shippingMinor: o.shipping ?? 0,
    commissionMinor: o.commission ?? 0,
  });
  await withTenant(rt.database, tenant, async (tx) => postOrdersPlaced(tx, await loadOrderFigures(tx, [id])));
  return id;
}

const ROLLED_BACK = new Error('rolled back');
/**
 * Raw SQL in its own transaction as the tenant role (the app's), or as the schema's owner (the
 * migration runner's), checked as at commit (deferred constraints run) and then rolled back (a
 * probe leaves nothing behind); the error PostgreSQL gave, if any.
 */
const probe = (as: 'tenant' | 'owner', statements: string[]) =>
  withTenant(rt.database, tenant, async ({ db }) => {
    if (as === 'owner') await db.execute(sql.raw(`set local role "${rt.database.ownerRole}"`));
    for (const s of statements) await db.execute(sql.raw(s));
    await db.execute(sql`set constraints all immediate`);
    throw ROLLED_BACK;
  }).then(
    () => null,
    (e: { code?: string; message: string; cause?: { code?: string; message: string } }) =>
      e === ROLLED_BACK ? null : (e.cause ?? e),
  );
const asTenant = (statements: string[]) => probe('tenant', statements);
const asOwner = (statements: string[]) => probe('owner', statements);

const schema = () => `"${tenant.schemaName}"`;

/** A raw call of `ledger_post` as the tenant role: accounts by key, entries naming them by position. */
const callPost = (
  accountKeys: { kind: string; owner_id: string | null; currency: string }[],
  transactions: string[],
  entries: { transaction_id: string; account: number; currency: string; amount_minor: number }[],
) =>
  asTenant([
    `select * from ${schema()}.ledger_post('${JSON.stringify(accountKeys.map((k, n) => ({ n, id: `lac_raw_${n}`, ...k })))}'::jsonb, '${JSON.stringify(
      transactions.map((id) => ({
        id,
        idempotency_key: id,
        kind: 'vendor_paid',
        reference: 'raw',
        memo: '',
        occurred_at: new Date().toISOString(),
      })),
    )}'::jsonb, '${JSON.stringify(entries.map((e) => ({ order_id: null, ...e })))}'::jsonb)`,
  ]);

describe('PostgreSQL itself guards the ledger', () => {
  it('lets the app write the ledger only through ledger_post, and refuses an UPDATE or a DELETE even to the owner', async () => {
    await placedOrder({ subtotal: 10_000, tax: 1_900, commission: 1_000 });
    const writes: Record<string, string> = {
      ledger_entries: 'amount_minor = amount_minor',
      ledger_transactions: "memo = 'edited'",
      ledger_accounts: 'currency = currency',
      ledger_balances: 'balance_minor = balance_minor + 1',
    };
    for (const [table, set] of Object.entries(writes)) {
      expect(await asTenant([`delete from ${schema()}.${table}`]), table).toMatchObject({ code: '42501' });
      expect(await asTenant([`update ${schema()}.${table} set ${set}`]), table).toMatchObject({
        code: '42501',
      });
    }
    expect(
      await asTenant([
        `insert into ${schema()}.ledger_transactions (id, idempotency_key, kind, reference, occurred_at) values ('ltx_raw0', 'raw0', 'vendor_paid', 'raw', now())`,
      ]),
    ).toMatchObject({ code: '42501' });
    // The schema's owner can write, but entries and transactions stay append-only.
    const update = await asOwner([`update ${schema()}.ledger_entries set amount_minor = amount_minor + 1`]);
    expect(update).toMatchObject({
      code: '23001',
      message: expect.stringMatching(/append-only: UPDATE refused/),
    });
    const del = await asOwner([`delete from ${schema()}.ledger_entries`]);
    expect(del).toMatchObject({
      code: '23001',
      message: expect.stringMatching(/append-only: DELETE refused/),
    });
    expect(await asOwner([`update ${schema()}.ledger_transactions set memo = 'edited'`])).toMatchObject({
      code: '23001',
    });
    expect(await asOwner([`delete from ${schema()}.ledger_transactions`])).toMatchObject({ code: '23001' });
  });

  it('refuses a posting that does not balance per currency, a transaction without entries, an entry in another currency than its account', async () => {
    const eur = (kind: string) => ({ kind, owner_id: null, currency: 'EUR' });
    const usd = (kind: string) => ({ kind, owner_id: null, currency: 'USD' });
    const row = (transaction_id: string, account: number, amount_minor: number, currency = 'EUR') => ({
      transaction_id,
      account,
      amount_minor,
      currency,
    });
    const unbalanced = await callPost(
      [eur('cash'), eur('commission_revenue')],
      ['ltx_raw1'],
      [row('ltx_raw1', 0, 500), row('ltx_raw1', 1, -499)],
    );
    expect(unbalanced).toMatchObject({ code: '23514', message: expect.stringMatching(/does not balance/) });
    // balanced in total but not per currency
    const mixed = await callPost(
      [eur('cash'), usd('cash')],
      ['ltx_raw2'],
      [row('ltx_raw2', 0, 500), row('ltx_raw2', 1, -500, 'USD')],
    );
    expect(mixed).toMatchObject({ code: '23514', message: expect.stringMatching(/does not balance/) });
    const empty = await callPost(
      [eur('cash'), eur('commission_revenue')],
      ['ltx_raw3', 'ltx_raw4'],
      [row('ltx_raw4', 0, 500), row('ltx_raw4', 1, -500)],
    );
    expect(empty).toMatchObject({ code: '23514', message: expect.stringMatching(/needs entries/) });
    // balanced, but in a currency the account is not kept in (the entries' check looks the
    // account up by id and currency)
    const wrongCurrency = await callPost(
      [eur('cash'), eur('commission_revenue')],
      ['ltx_raw5'],
      [row('ltx_raw5', 0, 500, 'USD'), row('ltx_raw5', 1, -500, 'USD')],
    );
    expect(wrongCurrency).toMatchObject({
      code: '23503',
      message: expect.stringMatching(/names account lac_\w+, which is not kept in USD/),
    });
    const balanced = await callPost(
      [eur('cash'), eur('commission_revenue')],
      ['ltx_raw6'],
      [row('ltx_raw6', 0, 500), row('ltx_raw6', 1, -500)],
    );
    expect(balanced).toBeNull();
  });

  it("checks every INSERT of entries, even the owner's: each statement leaves its transactions balanced", async () => {
    const [commission] = await withTenant(rt.database, tenant, ({ db, t }) =>
      db.select().from(t.ledgerAccounts).where(eq(t.ledgerAccounts.kind, 'commission_revenue')),
    );
    const insertTx = (id: string) =>
      `insert into ${schema()}.ledger_transactions (id, idempotency_key, kind, reference, occurred_at) values ('${id}', '${id}', 'vendor_paid', 'raw', now())`;
    const entries = (tx: string, ...amounts: number[]) =>
      `insert into ${schema()}.ledger_entries (transaction_id, account_id, amount_minor, currency) values ${amounts
        .map((amount) => `('${tx}', '${commission?.id}', ${amount}, 'EUR')`)
        .join(', ')}`;
    const unbalanced = await asOwner([insertTx('ltx_raw7'), entries('ltx_raw7', 500, -499)]);
    expect(unbalanced).toMatchObject({ code: '23514', message: expect.stringMatching(/does not balance/) });
    // half a posting now, half later is refused
    const split = await asOwner([insertTx('ltx_raw8'), entries('ltx_raw8', 500), entries('ltx_raw8', -500)]);
    expect(split).toMatchObject({ code: '23514', message: expect.stringMatching(/does not balance/) });
    expect(await asOwner([insertTx('ltx_raw9'), entries('ltx_raw9', 500, -500)])).toBeNull();
    // what the foreign keys used to check: the account exists, and so does the order
    const noAccount = await asOwner([
      insertTx('ltx_raw11'),
      `insert into ${schema()}.ledger_entries (transaction_id, account_id, amount_minor, currency) values ('ltx_raw11', 'lac_nowhere', 500, 'EUR'), ('ltx_raw11', '${commission?.id}', -500, 'EUR')`,
    ]);
    expect(noAccount).toMatchObject({ code: '23503', message: expect.stringMatching(/account lac_nowhere/) });
    const noOrder = await asOwner([
      insertTx('ltx_raw12'),
      `insert into ${schema()}.ledger_entries (transaction_id, account_id, order_id, amount_minor, currency) values ('ltx_raw12', '${commission?.id}', 'ord_nowhere', 500, 'EUR'), ('ltx_raw12', '${commission?.id}', null, -500, 'EUR')`,
    ]);
    expect(noOrder).toMatchObject({
      code: '23503',
      message: expect.stringMatching(/order ord_nowhere, which does not exist/),
    });
  });

  it('keeps what entries refer to: accounts are append-only, orders are never deleted or renumbered', async () => {
    const orderId = await placedOrder({ subtotal: 10_000, tax: 1_900, commission: 1_000 });
    const account = `(select id from ${schema()}.ledger_accounts limit 1)`;
    for (const statement of [
      `update ${schema()}.ledger_accounts set owner_id = owner_id where id = ${account}`,
      `delete from ${schema()}.ledger_accounts where id = ${account}`,
      `truncate ${schema()}.ledger_accounts cascade`,
    ])
      expect(await asOwner([statement]), statement).toMatchObject({
        code: '23001',
        message: expect.stringMatching(/ledger_accounts rows are append-only/),
      });
    // The app's own role may change orders, but not delete or renumber one.
    for (const statement of [
      `delete from ${schema()}.orders where id = '${orderId}'`,
      `update ${schema()}.orders set id = 'ord_renumbered' where id = '${orderId}'`,
    ])
      expect(await asTenant([statement]), statement).toMatchObject({
        code: '23001',
        message: expect.stringMatching(/orders are never deleted or renumbered/),
      });
    expect(await asOwner([`truncate ${schema()}.orders cascade`])).toMatchObject({ code: '23001' });
    expect(
      await asTenant([`update ${schema()}.orders set status_reason = 'x' where id = '${orderId}'`]),
    ).toBeNull();
  });

  it('does not let the tenant role switch the guards off', async () => {
    const disable = await asTenant([
      `alter table ${schema()}.ledger_entries disable trigger ledger_entries_append_only`,
    ]);
    expect(disable).toMatchObject({ code: '42501' }); // must be owner
    const replica = await asTenant(['set local session_replication_role = replica']);
    expect(replica).toMatchObject({ code: '42501' });
    const truncate = await asTenant([`truncate ${schema()}.ledger_entries`]);
    expect(truncate).toMatchObject({ code: '42501' });
    const drop = await asTenant([`drop trigger ledger_entries_append_only on ${schema()}.ledger_entries`]);
    expect(drop).toMatchObject({ code: '42501' });
    const replace = await asTenant([
      `create or replace function ${schema()}.ledger_post(a jsonb, b jsonb, c jsonb) returns table (posted_key text, posted_id text, was_replayed boolean) language sql as 'select null::text, null::text, false'`,
    ]);
    expect(replace).toMatchObject({ code: '42501' });
    // PostgreSQL only warns that nothing was granted; the insert after it is still refused.
    const grant = await asTenant([
      `grant insert on ${schema()}.ledger_transactions to "${tenant.schemaName}"`,
      `insert into ${schema()}.ledger_transactions (id, idempotency_key, kind, reference, occurred_at) values ('ltx_raw10', 'raw10', 'vendor_paid', 'raw', now())`,
    ]);
    expect(grant).toMatchObject({ code: '42501' });
  });
});

describe('posting', () => {
  it('books an order as placed: receivable, vendor (with shipping, less commission), commission, tax', async () => {
    const id = await placedOrder({
      subtotal: 10_000,
      tax: 1_900,
      shipping: 500,
      commission: 1_200,
      vendor: 'ven_2',
    });
    const rows = await withTenant(rt.database, tenant, ({ db, t }) =>
      db
        .select({
          kind: t.ledgerAccounts.kind,
          owner: t.ledgerAccounts.ownerId,
          amount: t.ledgerEntries.amountMinor,
        })
        .from(t.ledgerEntries)
        .innerJoin(t.ledgerAccounts, eq(t.ledgerAccounts.id, t.ledgerEntries.accountId))
        .where(eq(t.ledgerEntries.orderId, id)),
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { kind: 'company_receivable', owner: 'cmp_1', amount: 12_400 },
        { kind: 'vendor_payable', owner: 'ven_2', amount: -9_300 },
        { kind: 'commission_revenue', owner: null, amount: -1_200 },
        { kind: 'tax_collected', owner: null, amount: -1_900 },
      ]),
    );
    expect(rows).toHaveLength(4);
  });

  it('is idempotent: the same key again returns the first transaction and writes nothing', async () => {
    const id = await placedOrder({ subtotal: 3_000, commission: 300 });
    const before = await ledgerSnapshot();
    const again = await withTenant(rt.database, tenant, async (tx) =>
      postOrdersPlaced(tx, await loadOrderFigures(tx, [id])),
    );
    expect(again).toEqual([
      expect.objectContaining({ replayed: true, idempotencyKey: `order_placed:${id}` }),
    ]);
    expect(await ledgerSnapshot()).toEqual(before);
  });

  it('reverses at frozen amounts: a part proportionally, then the rest in full, then nothing', async () => {
    const id = await placedOrder({ subtotal: 10_000, tax: 1_000, commission: 1_000 });
    const part = await withTenant(rt.database, tenant, (tx) =>
      postOrderReversed(tx, id, { amountMinor: 5_500, key: 'refund-1' }),
    );
    expect(part?.replayed).toBe(false);
    const afterPart = await orderSums(id);
    // 5,500 of 11,000: half of each part
    expect(afterPart).toMatchObject({
      company_receivable: 5_500,
      vendor_payable: -4_500,
      commission_revenue: -500,
      tax_collected: -500,
    });
    const replay = await withTenant(rt.database, tenant, (tx) =>
      postOrderReversed(tx, id, { amountMinor: 5_500, key: 'refund-1' }),
    );
    expect(replay?.replayed).toBe(true);
    const tooMuch = await withTenant(rt.database, tenant, (tx) =>
      postOrderReversed(tx, id, { amountMinor: 5_501, key: 'refund-2' }),
    ).catch((e) => e);
    expect(tooMuch).toBeInstanceOf(AppError);
    await withTenant(rt.database, tenant, (tx) => postOrderReversed(tx, id, { full: true }));
    expect(await orderSums(id)).toMatchObject({
      company_receivable: 0,
      vendor_payable: 0,
      commission_revenue: 0,
      tax_collected: 0,
    });
    const nothing = await withTenant(rt.database, tenant, (tx) => postOrderReversed(tx, id, { full: true }));
    expect(nothing?.replayed).toBe(true);
  });

  it('runs 20 concurrent postings over shared accounts without a deadlock, balances exact', async () => {
    const before = await ledgerSnapshot();
    const keys = [
      accounts.cash('EUR'),
      accounts.commission('EUR'),
      accounts.tax('EUR'),
      ...VENDORS.map((v) => accounts.payable(v, 'EUR')),
    ];
    const postings = Array.from({ length: 20 }, (_, i) => {
      // each moves money between a different selection of the shared accounts, listed in a different order
      const a = keys[i % keys.length] as (typeof keys)[number];
      const b = keys[(i * 3 + 1) % keys.length] as (typeof keys)[number];
      const c = keys[(i * 5 + 2) % keys.length] as (typeof keys)[number];
      return {
        idempotencyKey: `concurrent-${i}`,
        kind: 'vendor_paid' as const,
        reference: `c${i}`,
        entries: [
          { account: a, amountMinor: 100 + i, orderId: null },
          { account: b, amountMinor: 50, orderId: null },
          { account: c, amountMinor: -(150 + i), orderId: null },
        ].filter((e) => e.amountMinor !== 0),
      };
    });
    const results = await Promise.all(
      postings.map((p) =>
        withTenant(rt.database, tenant, async (tx) => {
          await tx.db.execute(sql`select pg_sleep(0.01)`);
          return post(tx, p);
        }),
      ),
    );
    expect(results.every((r) => !r.replayed)).toBe(true);
    const after = await ledgerSnapshot();
    const expected = new Map(before.balances);
    for (const p of postings)
      for (const e of p.entries) {
        const k = accountKeyString(e.account);
        expected.set(k, (expected.get(k) ?? 0) + e.amountMinor);
      }
    expect(after.balances).toEqual(expected);
    // Concurrent postings on several connections moved several slots of the shared accounts.
    const slots = await withTenant(rt.database, tenant, ({ db, t }) =>
      db
        .select({ slot: t.ledgerBalances.slot })
        .from(t.ledgerBalances)
        .innerJoin(t.ledgerAccounts, eq(t.ledgerAccounts.id, t.ledgerBalances.accountId))
        .where(eq(t.ledgerAccounts.kind, 'commission_revenue')),
    );
    expect(slots.length).toBeGreaterThan(1);
  }, 30_000);
});

describe('payouts', () => {
  it('lets only one of two concurrent payouts spend the same available balance', async () => {
    await insertCatalog(rt.database, tenant, {
      vendors: [{ id: 'ven_race', name: 'Vendor race' }],
      products: [
        { id: 'prd_ven_race', vendorId: 'ven_race', title: 'Product of ven_race', basePriceMinor: 100 },
      ],
    });
    const orderId = await placedOrder({ subtotal: 10_000, commission: 1_000, vendor: 'ven_race' });
    await withTenant(rt.database, tenant, ({ db, t }) =>
      db.update(t.orders).set({ status: 'delivered' }).where(eq(t.orders.id, orderId)),
    );
    const payout = (key: string) =>
      recordVendorPayout(rt.database, tenant, {
        actorUserId: 'usr_operator',
        body: {
          idempotencyKey: key,
          vendorId: 'ven_race',
          currency: 'EUR',
          amountMinor: 6_000,
          paidOn: '2026-12-01',
          reference: key,
        },
      });
    const outcomes = await Promise.allSettled([payout('race-1'), payout('race-2')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'validation_failed', details: { availableMinor: 3_000 } });
    const [balance] = await withTenant(rt.database, tenant, (tx) => vendorBalancesIn(tx, ['ven_race']));
    expect(balance).toMatchObject({ availableMinor: 3_000, paidMinor: 6_000 });
  });
});

describe('accounts opened by concurrent postings', () => {
  it('opens an account once when several postings need it at the same time', async () => {
    const before = await ledgerSnapshot();
    const payable = accounts.payable('ven_opened_concurrently', 'EUR');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        withTenant(rt.database, tenant, (tx) =>
          post(tx, {
            idempotencyKey: `opened-${i}`,
            kind: 'vendor_paid',
            reference: `o${i}`,
            entries: [
              { account: accounts.cash('EUR'), amountMinor: 10 + i, orderId: null },
              { account: payable, amountMinor: -(10 + i), orderId: null },
            ],
          }),
        ),
      ),
    );
    expect(results.every((r) => !r.replayed)).toBe(true);
    const after = await ledgerSnapshot();
    expect(after.balances.get(accountKeyString(payable))).toBe(-(10 * 10 + 45));
    expect(after.entries - before.entries).toBe(20);
  }, 30_000);
});

/** Every account's balance by key, checked against the sum of its entries, its version against its postings. */
async function ledgerSnapshot() {
  return withTenant(rt.database, tenant, async ({ db }) => {
    const s = schema();
    // The balance and version are kept in slots (ADR 0043): their sums are the account's.
    const r = await db.execute<{
      key: string;
      balance: string;
      sum: string;
      version: string;
      postings: string;
    }>(
      sql.raw(`select a.kind || '|' || coalesce(a.owner_id, '') || '|' || a.currency as key,
                      coalesce((select sum(balance_minor) from ${s}.ledger_balances b where b.account_id = a.id), 0)::text as balance,
                      coalesce((select sum(amount_minor) from ${s}.ledger_entries e where e.account_id = a.id), 0)::text as sum,
                      coalesce((select sum(version) from ${s}.ledger_balances b where b.account_id = a.id), 0)::text as version,
                      (select count(distinct transaction_id) from ${s}.ledger_entries e where e.account_id = a.id)::text as postings
                 from ${s}.ledger_accounts a`),
    );
    for (const row of r.rows) {
      expect(row.balance, `balance of ${row.key}`).toBe(row.sum);
      expect(row.version, `version of ${row.key}`).toBe(row.postings);
    }
    const unbalanced = await db.execute(
      sql.raw(
        `select transaction_id from ${s}.ledger_entries group by transaction_id, currency having sum(amount_minor) <> 0`,
      ),
    );
    expect(unbalanced.rows).toEqual([]);
    const entries = await db.execute<{ n: string }>(
      sql.raw(`select count(*)::text as n from ${s}.ledger_entries`),
    );
    return {
      balances: new Map(r.rows.filter((x) => Number(x.balance) !== 0).map((x) => [x.key, Number(x.balance)])),
      entries: Number(entries.rows[0]?.n),
    };
  });
}

async function orderSums(orderId: string) {
  const rows = await withTenant(rt.database, tenant, ({ db, t }) =>
    db
      .select({ kind: t.ledgerAccounts.kind, sum: sql<string>`sum(${t.ledgerEntries.amountMinor})` })
      .from(t.ledgerEntries)
      .innerJoin(t.ledgerAccounts, eq(t.ledgerAccounts.id, t.ledgerEntries.accountId))
      .where(eq(t.ledgerEntries.orderId, orderId))
      .groupBy(t.ledgerAccounts.kind),
  );
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.sum)]));
}

describe('random sequences against PostgreSQL', () => {
  // The 10,000-sequence property test runs on the pure model (accounting.test.ts). Here a fixed
  // sample of 40 sequences goes through the real functions (placement posting, reversals,
  // payments, payouts) in a fresh tenant-wide ledger: PostgreSQL's balances must equal the
  // model's, every account's balance the sum of its entries, every transaction balanced.
  it('ends with the balances of the pure model', async () => {
    const baseline = await ledgerSnapshot();
    const sequences = fc.sample(fc.array(opArb, { minLength: 5, maxLength: 20 }), {
      seed: 1313,
      numRuns: 15,
    });
    const expected = new Map(baseline.balances);
    const available = new Map<string, number>();
    const kinds = new Set<string>();
    for (const [i, ops] of sequences.entries()) {
      const m = new LedgerModel(`s${i}`);
      for (const op of ops) {
        const step = m.apply(op);
        if (step) {
          kinds.add(step.kind);
          await replay(step);
        }
      }
      for (const [k, v] of m.balances) expected.set(k, (expected.get(k) ?? 0) + v);
      for (const v of VENDORS)
        for (const c of ['EUR', 'USD'])
          available.set(`${v}|${c}`, (available.get(`${v}|${c}`) ?? 0) + m.available(v, c));
    }
    // the sample exercises every kind of step
    expect([...kinds].sort()).toEqual(['cancel', 'deliver', 'partial', 'pay', 'payout', 'place']);
    const after = await ledgerSnapshot();
    for (const [k, v] of [...expected]) if (v === 0) expected.delete(k);
    expect(after.balances).toEqual(expected);
    const balances = await withTenant(rt.database, tenant, (tx) => vendorBalancesIn(tx, null));
    for (const b of balances) {
      expect(b.pendingMinor + b.availableMinor, `${b.vendorId} ${b.currency}`).toBe(b.owedMinor);
      expect(b.availableMinor).toBeGreaterThanOrEqual(0);
    }
  }, 120_000);
});

async function replay(step: NonNullable<ReturnType<LedgerModel['apply']>>) {
  switch (step.kind) {
    case 'place': {
      const o = step.order;
      await insertOrder(rt.database, tenant, {
        id: o.orderId,
        companyId: o.companyId,
        buyerUserId: buyers.get(o.companyId) as string,
        vendorId: o.vendorId,
        productId: `prd_${o.vendorId}`,
        currency: o.currency,
        subtotalMinor: o.subtotalMinor,
        taxMinor: o.taxMinor,
        shippingMinor: o.shippingMinor,
        commissionMinor: o.commissionMinor,
      });
      await withTenant(rt.database, tenant, async (tx) =>
        postOrdersPlaced(tx, await loadOrderFigures(tx, [o.orderId])),
      );
      return;
    }
    case 'deliver':
      await withTenant(rt.database, tenant, ({ db, t }) =>
        db.update(t.orders).set({ status: 'delivered' }).where(eq(t.orders.id, step.orderId)),
      );
      return;
    case 'cancel':
      await withTenant(rt.database, tenant, async (tx) => {
        await tx.db.update(tx.t.orders).set({ status: 'cancelled' }).where(eq(tx.t.orders.id, step.orderId));
        await postOrderReversed(tx, step.orderId, { full: true });
      });
      return;
    case 'partial':
      await withTenant(rt.database, tenant, (tx) =>
        postOrderReversed(tx, step.orderId, { amountMinor: step.amountMinor, key: step.key }),
      );
      return;
    case 'pay':
      await recordInvoicePayment(rt.database, tenant, {
        actorUserId: 'usr_operator',
        body: {
          idempotencyKey: step.key,
          orderIds: step.orderIds,
          currency: step.currency,
          amountMinor: step.amountMinor,
          paidOn: '2026-12-01',
          reference: `bank ${step.key}`,
        },
      });
      return;
    case 'payout':
      await recordVendorPayout(rt.database, tenant, {
        actorUserId: 'usr_operator',
        body: {
          idempotencyKey: step.key,
          vendorId: step.vendorId,
          currency: step.currency,
          amountMinor: step.amountMinor,
          paidOn: '2026-12-01',
          reference: `payout ${step.key}`,
        },
      });
      return;
  }
}
