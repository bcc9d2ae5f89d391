import { CommissionRuleBody, newId } from '@agora/contracts';
import {
  createCommissionRule,
  createTenant,
  placeCheckout,
  runProvisioning,
  skipCommissionAndLedgerForBenchmarkBaseline,
} from '@agora/core';
import { withTenant } from '@agora/db';
import { sql } from 'drizzle-orm';
import {
  appDatabase,
  bench,
  cpuMeter,
  envInt,
  fmt,
  percentile,
  runtime,
  table,
  time,
  verdict,
} from './lib.js';

/**
 * Placement with its commission (rules looked up and frozen on each line: ADR 0037) and its ledger
 * postings (receivable, vendor payable, commission, tax: ADRs 0038 and 0043) against the same
 * placement with both switched off, same run, alternating rounds.
 * Checkouts of a 4-line, 2-vendor cart, each by its own company (placement serializes per
 * company; each checkout is its company's first, so each opens a receivable account),
 * CONCURRENCY at a time: the postings share the marketplace's commission and tax accounts and
 * both vendors' payables, so this also measures waiting on their balances. Goal: with / without
 * <= 1.25. 6 rounds of 300 by default: with 3 rounds of 200 (about a second each) the ratio moved
 * by 0.1 between runs of the same code on this 2-core machine.
 *
 * The baseline uses `skipCommissionAndLedgerForBenchmarkBaseline`, which exists for this bench only.
 * The marketplace's default rule is set to 5% and a vendor rule of 7% competes with it, so every line has a commission and every order a commission entry.
 */
const CHECKOUTS = envInt('BENCH_CHECKOUTS', 300);
const ROUNDS = envInt('BENCH_ROUNDS', 6);
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 8);

await bench('placement-ledger', async (t) => {
  const url = await appDatabase(t);
  const rt = await runtime(t, url);
  const measure = await cpuMeter(t, url, ['agora-bench']);
  const created = await createTenant(
    rt,
    { name: 'Ledger Bench', slug: 'ledger-bench', ownerEmail: 'o@lb.test' },
    { type: 'system', id: 'bench' },
  );
  await runProvisioning(rt, created.id, { finalAttempt: true });
  const tenant = { id: created.id, schemaName: created.schemaName };

  const products: { id: string; qty: number }[] = [];
  await withTenant(rt.database, tenant, async ({ db, t: tt }) => {
    for (const v of [0, 1]) {
      const vendorId = `ven_bench_${v}`;
      await db.insert(tt.vendors).values({
        id: vendorId,
        name: `Vendor ${v}`,
        legalName: `Vendor ${v}`,
        country: 'DE',
        taxId: `DE${v}`,
        contactName: 'C',
        contactEmail: `${vendorId}@bench.test`,
        status: 'approved',
        verified: true,
        shippingRates: { EUR: { flatMinor: 1_500, freeFromMinor: null } },
      });
      for (const p of [0, 1]) {
        const id = `prd_bench_${v}_${p}`;
        await db.insert(tt.products).values({
          id,
          vendorId,
          sku: `B-${v}-${p}`,
          title: `Bench product ${v} ${p}`,
          unit: 'piece',
          currency: 'EUR',
          basePriceMinor: 1_000 + p * 250,
          minOrderQty: 1,
          status: 'published',
          publishedAt: new Date(),
        });
        products.push({ id, qty: 3 + p });
      }
    }
    await db.update(tt.settings).set({
      marketplace: sql`${tt.settings.marketplace} || '{"taxBps": 1900, "currency": "EUR"}'::jsonb`,
    });
    await db.execute(
      sql`update ${tt.commissionRuleVersions} set rate_bps = 500 where rule_id = 'cmr_default'`,
    );
  });
  await createCommissionRule(
    rt.database,
    tenant,
    'bench',
    CommissionRuleBody.parse({
      scope: 'vendor',
      vendorId: 'ven_bench_0',
      kind: 'percent',
      rateBps: 700,
      note: 'bench',
    }),
  );

  /** CHECKOUTS new companies with one buyer each and a filled cart. */
  let seq = 0;
  async function buyers(): Promise<{ userId: string; address: string }[]> {
    const out: { userId: string; address: string }[] = [];
    await withTenant(rt.database, tenant, async ({ db, t: tt }) => {
      for (let i = 0; i < CHECKOUTS; i++) {
        const n = ++seq;
        const companyId = `cmp_b${n}`;
        const userId = `usr_b${n}`;
        const address = `adr_b${n}`;
        await db.insert(tt.companies).values({
          id: companyId,
          legalName: `Buyer ${n}`,
          country: 'DE',
          taxId: `DEB${n}`,
          billingAddress: { line1: 'x', city: 'Berlin', country: 'DE' },
          status: 'approved',
          paymentTerms: 'net',
          netDays: 30,
        });
        await db.insert(tt.companyAddresses).values({
          id: address,
          companyId,
          label: 'Main',
          address: { line1: 'Dock', city: 'Hamburg', country: 'DE' },
        });
        await db.insert(tt.users).values({
          id: userId,
          email: `${userId}@bench.test`,
          role: 'buyer_admin',
          status: 'active',
          emailVerifiedAt: new Date(),
          companyId,
        });
        await db
          .insert(tt.cartLines)
          .values(products.map((p) => ({ userId, productId: p.id, qty: p.qty, unitPriceSeenMinor: 0 })));
        out.push({ userId, address });
      }
    });
    return out;
  }

  async function run(
    withLedger: boolean,
  ): Promise<{ ms: number; latencies: number[]; cpuMs: number; nodeMs: number; pgMs: number }> {
    const list = await buyers();
    skipCommissionAndLedgerForBenchmarkBaseline(!withLedger);
    const latencies: number[] = [];
    let next = 0;
    const {
      result: ms,
      cpuMs,
      nodeMs,
      pgMs,
    } = await measure(() =>
      time(() =>
        Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            for (let i = next++; i < list.length; i = next++) {
              const b = list[i] as { userId: string; address: string };
              latencies.push(
                await time(() =>
                  placeCheckout(rt.database, tenant, {
                    buyerUserId: b.userId,
                    idempotencyKey: newId('ogr'),
                    body: { currency: 'EUR', shippingAddressId: b.address },
                  }),
                ),
              );
            }
          }),
        ),
      ),
    );
    skipCommissionAndLedgerForBenchmarkBaseline(false);
    return { ms, latencies, cpuMs, nodeMs, pgMs };
  }

  await run(true); // warm up both paths
  await run(false);
  const results = {
    with: [] as number[],
    without: [] as number[],
    pWith: [] as number[],
    pWithout: [] as number[],
    cpuWith: [] as number[],
    cpuWithout: [] as number[],
  };
  for (let r = 0; r < ROUNDS; r++) {
    for (const withLedger of r % 2 === 0 ? [true, false] : [false, true]) {
      const { ms, latencies, cpuMs, nodeMs, pgMs } = await run(withLedger);
      console.log(
        `# round ${r + 1} ${withLedger ? 'with' : 'without'}: CPU ms/checkout node ${fmt(nodeMs / CHECKOUTS, 2)} + PostgreSQL ${fmt(pgMs / CHECKOUTS, 2)}`,
      );
      (withLedger ? results.with : results.without).push(ms);
      (withLedger ? results.cpuWith : results.cpuWithout).push(cpuMs / CHECKOUTS);
      (withLedger ? results.pWith : results.pWithout).push(...latencies);
    }
  }
  const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
  const [entries] = (
    await withTenant(rt.database, tenant, ({ db }) =>
      db.execute<{ n: string }>(
        sql`select count(*)::text as n from ${sql.identifier(tenant.schemaName)}.ledger_entries`,
      ),
    )
  ).rows;
  table([
    ['variant', 'checkouts/s', 'p50 ms', 'p95 ms', 'CPU ms/checkout (median of rounds)'],
    [
      'with ledger',
      fmt((CHECKOUTS * ROUNDS * 1000) / sum(results.with)),
      fmt(percentile(results.pWith, 50)),
      fmt(percentile(results.pWith, 95)),
      fmt(percentile(results.cpuWith, 50), 2),
    ],
    [
      'without',
      fmt((CHECKOUTS * ROUNDS * 1000) / sum(results.without)),
      fmt(percentile(results.pWithout, 50)),
      fmt(percentile(results.pWithout, 95)),
      fmt(percentile(results.cpuWithout, 50), 2),
    ],
  ]);
  console.log(
    `# ${entries?.n} ledger entries written; ${CHECKOUTS} checkouts x ${ROUNDS} rounds, ${CONCURRENCY} at a time`,
  );
  verdict('time with / without', sum(results.with) / sum(results.without), { max: 1.25 });
  // Each round's pair (with, without), to show how much the ratio moves within one run.
  const pairs = results.with.map((w, r) => w / (results.without[r] as number)).sort((a, b) => a - b);
  console.log(
    `# per round: ${pairs.map((x) => fmt(x, 2)).join(', ')} (median ${fmt(percentile(pairs, 50), 2)})`,
  );
  console.log(
    `CPU per checkout with / without: ${fmt(percentile(results.cpuWith, 50) / percentile(results.cpuWithout, 50), 2)} (this process and its PostgreSQL backends; what the time ratio would be on a machine with nothing else running)`,
  );
  verdict('p50 with / without', percentile(results.pWith, 50) / percentile(results.pWithout, 50), {
    max: 1.25,
  });
});
