import { placeCheckout, postOrdersPlaced } from '@agora/core';
import { type TenantRef, withTenant } from '@agora/db';
import { and, eq, inArray } from 'drizzle-orm';
import { benchId, CART, commerceMarketplace, fillCart, type Member } from './commerce-fixture.js';
import { bench, envInt, fmt, table, verdict } from './lib.js';

/**
 * Checkout throughput: 32 buyers (each of their own company) check out a 5-line, 2-vendor cart
 * at once, again and again, through `placeCheckout` (company lock, idempotency lookup, tier
 * pricing, tax, shipping, credit and limit checks, conditional stock updates, audit, outbox),
 * against the same rows written by plain inserts in one transaction per checkout (order group,
 * two orders, five lines, their ledger postings, the cart emptied; no reads, no checks). In both variants each
 * iteration first refills the cart (its own transaction, the same in both). Orders per second
 * (two per checkout). Goal: placement >= 0.3 of the plain inserts.
 */
/** Each plain order's figures: every ledger account of a placed order moves (4 entries). */
const FIGURES = {
  subtotalMinor: 1_000,
  taxMinor: 190,
  shippingMinor: 0,
  totalMinor: 1_190,
  commissionMinor: 50,
};
const SECONDS = envInt('BENCH_SECONDS', 5);
const ROUNDS = envInt('BENCH_ROUNDS', 4);
const BUYERS = envInt('BENCH_BUYERS', 32);

await bench('checkout', async (t) => {
  const { rt, tenant, members } = await commerceMarketplace(t, BUYERS);
  let seq = 0;

  const viaPlacement = async (m: Member) => {
    await fillCart(rt, tenant, m.userId);
    const r = await placeCheckout(rt.database, tenant, {
      buyerUserId: m.userId,
      idempotencyKey: `bench-${++seq}`,
      body: { currency: 'EUR', shippingAddressId: m.addressId },
    });
    if (r.status !== 'placed' || r.orderIds.length !== 2)
      throw new Error(`unexpected checkout: ${JSON.stringify(r)}`);
  };

  const viaInserts = async (m: Member) => {
    await fillCart(rt, tenant, m.userId);
    await plainInserts(tenant, m, `plain-${++seq}`);
  };

  /**
   * The rows a placement writes, values computed beforehand: the floor of what a checkout costs.
   * Since issue 13 that includes the orders' ledger postings (receivable, vendor payable,
   * commission, tax), written as placement writes them: with the lines, in one statement.
   */
  const plainInserts = (ref: TenantRef, m: Member, key: string) =>
    withTenant(rt.database, ref, async (tx) => {
      const { db, t: x } = tx;
      const groupId = benchId('ogr');
      const now = new Date();
      await db.insert(x.orderGroups).values({
        id: groupId,
        buyerUserId: m.userId,
        companyId: m.companyId,
        idempotencyKey: key,
        status: 'placed',
        currency: 'EUR',
        request: { lines: CART.map(([productId, qty]) => ({ productId, qty })) },
        totalMinor: 2 * FIGURES.totalMinor,
        createdAt: now,
      });
      const orders = [
        { orderId: benchId('ord'), vendorId: 'ven_bench_a', lines: CART.slice(0, 3) },
        { orderId: benchId('ord'), vendorId: 'ven_bench_b', lines: CART.slice(3) },
      ];
      await db.insert(x.orders).values(
        orders.map((o) => ({
          id: o.orderId,
          groupId,
          vendorId: o.vendorId,
          companyId: m.companyId,
          buyerUserId: m.userId,
          status: 'placed' as const,
          currency: 'EUR',
          subtotalMinor: FIGURES.subtotalMinor,
          taxMinor: FIGURES.taxMinor,
          shippingMinor: FIGURES.shippingMinor,
          totalMinor: FIGURES.totalMinor,
          commissionMinor: FIGURES.commissionMinor,
          paymentTerms: 'prepay' as const,
          netDays: 0,
          shippingAddress: { line1: 'Dock 4', city: 'Hamburg', country: 'DE' },
          placedAt: now,
          updatedAt: now,
        })),
      );
      const lines = db.insert(x.orderLines).values(
        orders.flatMap((o) =>
          o.lines.map(([productId, qty], i) => ({
            orderId: o.orderId,
            lineNo: i + 1,
            productId,
            sku: productId.toUpperCase(),
            title: productId,
            unit: 'piece',
            qty,
            unitPriceMinor: 0,
            tierMinQty: 1,
            netMinor: 0,
            taxBps: 0,
            taxMinor: 0,
          })),
        ),
      );
      await postOrdersPlaced(
        tx,
        orders.map((o) => ({
          ...FIGURES,
          orderId: o.orderId,
          companyId: m.companyId,
          vendorId: o.vendorId,
          currency: 'EUR',
          placedAt: now,
        })),
        lines,
      );
      await db.delete(x.cartLines).where(
        and(
          eq(x.cartLines.userId, m.userId),
          inArray(
            x.cartLines.productId,
            CART.map(([p]) => p),
          ),
        ),
      );
    });

  /** Every buyer checks out in a loop for `ms`; checkouts per second. */
  const run = async (fn: (m: Member) => Promise<void>, ms: number) => {
    let done = 0;
    const start = performance.now();
    const deadline = start + ms;
    await Promise.all(
      members.map(async (m) => {
        while (performance.now() < deadline) {
          await fn(m);
          done++;
        }
      }),
    );
    return (done * 1000) / (performance.now() - start);
  };

  await run(viaPlacement, 2000); // warm up both paths
  await run(viaInserts, 2000);
  const rounds: { placement: number; plain: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const r = { placement: 0, plain: 0 };
    if (i % 2 === 0) {
      r.placement = await run(viaPlacement, SECONDS * 1000);
      r.plain = await run(viaInserts, SECONDS * 1000);
    } else {
      r.plain = await run(viaInserts, SECONDS * 1000);
      r.placement = await run(viaPlacement, SECONDS * 1000);
    }
    rounds.push(r);
  }
  table([
    ['round', 'placement orders/s', 'plain inserts orders/s', 'ratio'],
    ...rounds.map((r, i) => [i + 1, fmt(r.placement * 2), fmt(r.plain * 2), fmt(r.placement / r.plain, 2)]),
  ]);
  const placement = rounds.reduce((s, r) => s + r.placement, 0) / rounds.length;
  const plain = rounds.reduce((s, r) => s + r.plain, 0) / rounds.length;
  console.log(
    `\n${BUYERS} concurrent buyers, 5 lines / 2 vendors per checkout, pool ${rt.config.dbPoolMax} connections`,
  );
  console.log(`placement: ${fmt(placement * 2)} orders/s; plain inserts: ${fmt(plain * 2)} orders/s`);
  verdict('checkout / plain inserts', placement / plain, { min: 0.3 });
});
