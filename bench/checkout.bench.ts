import { placeCheckout } from '@agora/core';
import { type TenantRef, withTenant } from '@agora/db';
import { and, eq, inArray } from 'drizzle-orm';
import { benchId, CART, commerceMarketplace, fillCart, type Member } from './commerce-fixture.js';
import { bench, envInt, fmt, table, verdict } from './lib.js';

/**
 * Checkout throughput: 32 buyers (each of their own company) check out a 5-line, 2-vendor cart
 * at once, again and again, through `placeCheckout` (company lock, idempotency lookup, tier
 * pricing, tax, shipping, credit and limit checks, conditional stock updates, audit, outbox),
 * against the same rows written by plain inserts in one transaction per checkout (order group,
 * two orders, five lines, the cart emptied; no reads, no checks). In both variants each
 * iteration first refills the cart (its own transaction, the same in both). Orders per second
 * (two per checkout). Goal: placement >= 0.3 of the plain inserts.
 */
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

  /** The rows a placement writes, values computed beforehand: the floor of what a checkout costs. */
  const plainInserts = (ref: TenantRef, m: Member, key: string) =>
    withTenant(rt.database, ref, async ({ db, t: x }) => {
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
        totalMinor: 2,
        createdAt: now,
      });
      for (const [vendor, lines] of [
        ['ven_bench_a', CART.slice(0, 3)],
        ['ven_bench_b', CART.slice(3)],
      ] as const) {
        const orderId = benchId('ord');
        await db.insert(x.orders).values({
          id: orderId,
          groupId,
          vendorId: vendor,
          companyId: m.companyId,
          buyerUserId: m.userId,
          status: 'placed',
          currency: 'EUR',
          subtotalMinor: 1,
          taxMinor: 0,
          shippingMinor: 0,
          totalMinor: 1,
          paymentTerms: 'prepay',
          netDays: 0,
          shippingAddress: { line1: 'Dock 4', city: 'Hamburg', country: 'DE' },
          placedAt: now,
          updatedAt: now,
        });
        await db.insert(x.orderLines).values(
          lines.map(([productId, qty], i) => ({
            orderId,
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
        );
      }
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
