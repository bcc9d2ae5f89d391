import type { CommissionSimulateBody } from '@agora/contracts';
import { CommissionRuleBody } from '@agora/contracts';
import { createCommissionRule, createTenant, runProvisioning, simulateCommission } from '@agora/core';
import { ident, type TenantRef, withTenant } from '@agora/db';
import { sql } from 'drizzle-orm';
import { appDatabase, bench, envInt, fmt, percentile, runtime, table, time, verdict } from './lib.js';

/**
 * Simulating a commission rule change (issue 13, ADR 0037) over BENCH_LINES order lines
 * (default 100,000, placed over the last 90 days) against a plain SQL aggregate of the frozen
 * commission per vendor over the same lines, in the same run: goal <= 3x.
 *
 * The data: BENCH_VENDORS vendors (200), 10 products each, a category tree of 20 top categories
 * with 5 children, orders of 1 to 7 lines, quantities at 1, 2, 3, 5, 10 or 20 times the product's
 * minimum (what B2B orders look like), and about 60 rules of every scope (two with dates inside the
 * range, one with a vendor GMV condition). The draft edits a category rule, adds a vendor-in-a-
 * category rule and disables a vendor rule.
 */
const LINES = envInt('BENCH_LINES', 100_000);
const VENDORS = envInt('BENCH_VENDORS', 200);
const ROUNDS = envInt('BENCH_ROUNDS', 7);
const DAY = 86_400_000;

await bench('commission-simulate', async (t) => {
  const rt = await runtime(t, await appDatabase(t));
  const created = await createTenant(
    rt,
    { name: 'Bench Fees', slug: 'bench-fees', ownerEmail: 'o@bench.test' },
    { type: 'system', id: 'bench' },
  );
  await runProvisioning(rt, created.id, { finalAttempt: true });
  const tenant: TenantRef = { id: created.id, schemaName: created.schemaName };
  const now = new Date();

  const loadMs = await time(() =>
    withTenant(rt.database, tenant, async ({ db, t: tb }) => {
      await db.execute(sql`insert into ${tb.vendors} (id, name, legal_name, country, tax_id, contact_name, contact_email, status)
        select 'ven_' || v, 'Vendor ' || v, 'Vendor ' || v || ' Ltd', 'DE', 'TAX' || v, 'C', 'v' || v || '@b.test', 'approved'
        from generate_series(1, ${VENDORS}) v`);
      await db.execute(sql`insert into ${tb.categories} (id, parent_id, name, slug, path)
        select 'cat_' || c, null, 'Top ' || c, 'top-' || c, '/cat_' || c || '/' from generate_series(1, 20) c`);
      await db.execute(sql`insert into ${tb.categories} (id, parent_id, name, slug, path)
        select 'cat_' || c || '_' || s, 'cat_' || c, 'Sub ' || c || '.' || s, 'sub-' || c || '-' || s,
          '/cat_' || c || '/cat_' || c || '_' || s || '/'
        from generate_series(1, 20) c, generate_series(1, 5) s`);
      await db.execute(sql`insert into ${tb.products} (id, vendor_id, sku, title, category_id, unit, min_order_qty, currency, base_price_minor, status)
        select 'prd_' || v || '_' || p, 'ven_' || v, 'SKU-' || v || '-' || p, 'Product ' || v || '.' || p,
          'cat_' || (1 + (v * 7 + p) % 20) || '_' || (1 + (v + p) % 5), 'piece', (array[1, 10, 50, 100])[1 + (v + p) % 4],
          'EUR', 50 + ((v * 31 + p * 17) % 5000), 'published'
        from generate_series(1, ${VENDORS}) v, generate_series(1, 10) p`);
      await db.execute(sql`insert into ${tb.companies} (id, legal_name, country, tax_id, billing_address, status, payment_terms, net_days)
        values ('cmp_b', 'Buyer', 'DE', 'DE1', '{}'::jsonb, 'approved', 'prepay', 0)`);
      await db.execute(sql`insert into ${tb.users} (id, email, role, status, company_id)
        values ('usr_b', 'b@b.test', 'buyer_member', 'active', 'cmp_b')`);
      await db.execute(sql`insert into ${tb.orderGroups} (id, buyer_user_id, company_id, idempotency_key, status, currency, request, total_minor)
        values ('ogr_b', 'usr_b', 'cmp_b', 'k', 'placed', 'EUR', '{}'::jsonb, 0)`);
      // Lines first (random product, quantity at a multiple of its minimum), then one order per
      // (vendor, order number) with its subtotal; every 4 lines of a vendor make an order.
      await db.execute(sql`create temporary table bench_lines on commit drop as
        select n, p.id as product_id, p.vendor_id, p.base_price_minor as unit,
          p.min_order_qty * (array[1, 2, 3, 5, 10, 20])[1 + (n::bigint * 40503) % 6] as qty,
          ${now.toISOString()}::timestamptz - ((n::bigint * 104729) % (90 * 86400)) * interval '1 second' as placed_at
        from generate_series(1, ${LINES}) n
        join ${tb.products} p on p.id = 'prd_' || ((n::bigint * 7919) % ${VENDORS * 10}) / 10 + 1 || '_' || ((n::bigint * 7919) % ${VENDORS * 10}) % 10 + 1`);
      await db.execute(sql`create temporary table bench_orders on commit drop as
        select 'ord_' || vendor_id || '_' || (row_number() over (partition by vendor_id order by placed_at) - 1) / 4 as order_id,
          * from bench_lines`);
      await db.execute(sql`insert into ${tb.orders} (id, group_id, vendor_id, company_id, buyer_user_id, status, currency,
          subtotal_minor, tax_minor, shipping_minor, total_minor, commission_minor, payment_terms, net_days, shipping_address, placed_at)
        select order_id, 'ogr_b', min(vendor_id), 'cmp_b', 'usr_b',
          case when min(n) % 23 = 0 then 'cancelled' else 'placed' end, 'EUR',
          sum(unit * qty), 0, 0, sum(unit * qty), sum(round(unit * qty * 0.05)), 'prepay', 0, '{}'::jsonb, min(placed_at)
        from bench_orders group by order_id`);
      await db.execute(sql`insert into ${tb.orderLines} (order_id, line_no, product_id, sku, title, unit, qty, unit_price_minor,
          tier_min_qty, net_minor, tax_bps, tax_minor, commission_minor, commission_base_minor)
        select order_id, row_number() over (partition by order_id order by n), product_id, 'SKU', 'Product', 'piece', qty, unit,
          1, unit * qty, 0, 0, round(unit * qty * 0.05), unit * qty
        from bench_orders`);
    }),
  );
  const client = await rt.database.pool.connect();
  try {
    await client.query(`set role ${ident(rt.database.ownerRole)}`);
    for (const table of ['orders', 'order_lines', 'products', 'categories', 'vendors'])
      await client.query(`vacuum analyze ${ident(tenant.schemaName)}.${ident(table)}`);
    await client.query('reset role');
  } finally {
    client.release();
  }

  // Rules of every scope.
  const rule = (r: Parameters<typeof CommissionRuleBody.parse>[0]) =>
    createCommissionRule(rt.database, tenant, 'usr_b', CommissionRuleBody.parse(r));
  const ids: Record<string, string> = {};
  for (let c = 1; c <= 20; c++)
    ids[`cat_${c}`] = (
      await rule({
        scope: 'category',
        categoryId: `cat_${c}`,
        kind: 'percent',
        rateBps: 600 + c * 20,
        maxAmounts: { EUR: 20_000 },
      })
    ).id;
  for (let c = 1; c <= 10; c++)
    await rule({
      scope: 'category',
      categoryId: `cat_${c}_1`,
      kind: 'percent',
      rateBps: 900,
      minAmounts: { EUR: 100 },
    });
  for (let v = 1; v <= 20; v++)
    ids[`ven_${v}`] = (
      await rule({ scope: 'vendor', vendorId: `ven_${v}`, kind: 'percent', rateBps: 500, priority: 1 })
    ).id;
  for (let v = 1; v <= 10; v++)
    await rule({ scope: 'product', productId: `prd_${v}_1`, kind: 'flat_per_unit', amounts: { EUR: 7 } });
  await rule({
    scope: 'vendor',
    vendorId: 'ven_30',
    kind: 'percent',
    rateBps: 400,
    vendorGmv30dMinMinor: { EUR: 5_000_000 },
  });
  await rule({
    scope: 'category',
    categoryId: 'cat_2',
    kind: 'percent',
    rateBps: 300,
    priority: 9,
    validFrom: new Date(now.getTime() - 40 * DAY).toISOString(),
    validTo: new Date(now.getTime() - 20 * DAY).toISOString(),
  });
  await rule({
    scope: 'marketplace',
    kind: 'flat_per_line',
    amounts: { EUR: 50 },
    priority: 1,
    validFrom: new Date(now.getTime() - 10 * DAY).toISOString(),
  });

  const draft: CommissionSimulateBody = {
    changes: [
      {
        action: 'edit',
        ruleId: ids.cat_3 as string,
        rule: CommissionRuleBody.parse({
          scope: 'category',
          categoryId: 'cat_3',
          kind: 'percent',
          rateBps: 1_500,
        }),
      },
      {
        action: 'add',
        rule: CommissionRuleBody.parse({
          scope: 'vendor_category',
          vendorId: 'ven_5',
          categoryId: 'cat_4',
          kind: 'flat_per_unit',
          amounts: { EUR: 12 },
        }),
      },
      { action: 'disable', ruleId: ids.ven_7 as string },
    ],
  };
  const from = new Date(now.getTime() - 90 * DAY - 1000);
  const to = new Date(now.getTime() + 1000);
  const plain = () =>
    withTenant(rt.database, tenant, ({ db, t: tb }) =>
      db.execute(sql`select o.vendor_id, o.currency, count(*) as lines, sum(l.commission_minor) as charged
        from ${tb.orders} o join ${tb.orderLines} l on l.order_id = o.id
        where o.placed_at >= ${from.toISOString()}::timestamptz and o.placed_at < ${to.toISOString()}::timestamptz
          and o.status not in ('cancelled', 'rejected')
        group by o.vendor_id, o.currency`),
    );
  const simulate = () => simulateCommission(rt.database, tenant, { ...draft, from, to }, now);

  // Same lines on both sides.
  const base = await plain();
  const sim = await simulate();
  const plainLines = base.rows.reduce((s, r) => s + Number(r.lines), 0);
  const plainCharged = base.rows.reduce((s, r) => s + Number(r.charged), 0);
  const [total] = sim.totals;
  if (!total || total.lines !== plainLines || total.chargedMinor !== plainCharged)
    throw new Error(
      `different lines: plain ${plainLines}/${plainCharged}, simulate ${total?.lines}/${total?.chargedMinor}`,
    );
  const groups = await withTenant(rt.database, tenant, ({ db, t: tb }) =>
    db.execute(sql`select count(distinct (l.product_id, l.qty, l.net_minor)) as n from ${tb.orderLines} l`),
  );

  const plainMs: number[] = [];
  const simMs: number[] = [];
  for (let i = 0; i < 2; i++) {
    await plain();
    await simulate();
  }
  for (let i = 0; i < ROUNDS; i++) {
    plainMs.push(await time(plain));
    simMs.push(await time(simulate));
  }
  const p50 = (s: number[]) => percentile(s, 50);
  console.log(
    `\n${LINES.toLocaleString('en')} lines (${plainLines.toLocaleString('en')} in range and not called off), ` +
      `${Number(groups.rows[0]?.n).toLocaleString('en')} distinct (product, qty, net); loaded in ${fmt(loadMs / 1000)} s; ` +
      `${ROUNDS} rounds, medians\n`,
  );
  table([
    ['variant', 'p50 ms', 'min ms', 'max ms'],
    ['plain SQL aggregate', fmt(p50(plainMs)), fmt(Math.min(...plainMs)), fmt(Math.max(...plainMs))],
    ['simulate (draft of 3)', fmt(p50(simMs)), fmt(Math.min(...simMs)), fmt(Math.max(...simMs))],
  ]);
  console.log(
    `\nbefore ${total.beforeMinor}, after ${total.afterMinor}, difference ${total.diffMinor}, charged ${total.chargedMinor} (EUR minor units)\n`,
  );
  verdict('simulate / plain aggregate', p50(simMs) / p50(plainMs), { max: 3 });
});
