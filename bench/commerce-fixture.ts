import { newId } from '@agora/contracts';
import { createTenant, defaultHostname, type Runtime, runProvisioning } from '@agora/core';
import { type TenantRef, withTenant } from '@agora/db';
import { sql } from 'drizzle-orm';
import { appDatabase, runtime, type Teardown } from './lib.js';

/**
 * The buying benchmarks' marketplace: one tenant, two vendors with shipping rates, five products
 * (three of one vendor, two of the other; two stock-tracked with stock enough for every run),
 * a 19% tax, and `buyers` members, each of their own approved company with one address (so
 * checkouts of different buyers do not queue on one company's lock, as different customers'
 * would not).
 */
export const CART: [productId: string, qty: number][] = [
  ['prd_bench_a1', 100],
  ['prd_bench_a2', 250],
  ['prd_bench_a3', 10],
  ['prd_bench_b1', 1000],
  ['prd_bench_b2', 5],
];

export type Member = { userId: string; companyId: string; addressId: string };

export async function commerceMarketplace(
  t: Teardown,
  buyers: number,
): Promise<{ rt: Runtime; tenant: TenantRef; host: string; members: Member[] }> {
  const rt = await runtime(t, await appDatabase(t));
  const created = await createTenant(
    rt,
    { name: 'Bench Market', slug: 'bench', ownerEmail: 'o@bench.test' },
    { type: 'system', id: 'bench' },
  );
  await runProvisioning(rt, created.id, { finalAttempt: true });
  const tenant = { id: created.id, schemaName: created.schemaName };
  const members: Member[] = Array.from({ length: buyers }, (_, i) => ({
    userId: `usr_bench_${i}`,
    companyId: `cmp_bench_${i}`,
    addressId: `adr_bench_${i}`,
  }));
  await withTenant(rt.database, tenant, async ({ db, t: x }) => {
    await db.update(x.settings).set({
      marketplace: sql`${x.settings.marketplace} || '{"taxBps": 1900, "currency": "EUR", "timeZone": "Europe/Berlin"}'::jsonb`,
    });
    const vendor = (id: string, name: string, flatMinor: number) => ({
      id,
      name,
      legalName: `${name} GmbH`,
      country: 'DE',
      taxId: `DE-${id}`,
      contactName: 'Contact',
      contactEmail: `${id}@bench.test`,
      status: 'approved' as const,
      verified: true,
      shippingRates: { EUR: { flatMinor, freeFromMinor: 5_000_000 } },
    });
    await db
      .insert(x.vendors)
      .values([vendor('ven_bench_a', 'Alpha Tools', 1500), vendor('ven_bench_b', 'Beta Fasteners', 900)]);
    const product = (id: string, vendorId: string, price: number, trackStock: boolean) => ({
      id,
      vendorId,
      sku: id.toUpperCase(),
      title: `Bench product ${id}`,
      description: '',
      unit: 'piece',
      minOrderQty: 1,
      orderIncrement: 1,
      leadTimeDays: 0,
      stockQty: 1_000_000_000,
      trackStock,
      currency: 'EUR',
      basePriceMinor: price,
      status: 'published' as const,
      publishedAt: new Date(),
    });
    await db
      .insert(x.products)
      .values([
        product('prd_bench_a1', 'ven_bench_a', 250, true),
        product('prd_bench_a2', 'ven_bench_a', 120, false),
        product('prd_bench_a3', 'ven_bench_a', 9900, false),
        product('prd_bench_b1', 'ven_bench_b', 12, true),
        product('prd_bench_b2', 'ven_bench_b', 45_000, false),
      ]);
    await db.insert(x.priceTiers).values([
      { productId: 'prd_bench_a1', minQty: 1, unitPriceMinor: 250 },
      { productId: 'prd_bench_a1', minQty: 100, unitPriceMinor: 220 },
      { productId: 'prd_bench_b1', minQty: 1, unitPriceMinor: 12 },
      { productId: 'prd_bench_b1', minQty: 1000, unitPriceMinor: 10 },
    ]);
    await db.insert(x.companies).values(
      members.map((m, i) => ({
        id: m.companyId,
        legalName: `Buyer ${i} GmbH`,
        country: 'DE',
        taxId: `DE-B${i}`,
        billingAddress: { line1: 'Street 1', city: 'Berlin', country: 'DE' },
        status: 'approved' as const,
      })),
    );
    await db.insert(x.companyAddresses).values(
      members.map((m) => ({
        id: m.addressId,
        companyId: m.companyId,
        label: 'Warehouse',
        address: { line1: 'Dock 4', city: 'Hamburg', country: 'DE' },
      })),
    );
    await db.insert(x.users).values(
      members.map((m) => ({
        id: m.userId,
        email: `${m.userId}@bench.test`,
        name: `Buyer ${m.userId}`,
        role: 'buyer_member' as const,
        status: 'active' as const,
        companyId: m.companyId,
        emailVerifiedAt: new Date(),
      })),
    );
  });
  return { rt, tenant, host: defaultHostname(created.slug, rt.config.baseDomain), members };
}

/** Fill a member's cart with the five lines (one transaction). */
export async function fillCart(rt: Runtime, tenant: TenantRef, userId: string): Promise<void> {
  await withTenant(rt.database, tenant, ({ db, t }) =>
    db
      .insert(t.cartLines)
      .values(CART.map(([productId, qty]) => ({ userId, productId, qty, unitPriceSeenMinor: 0 })))
      .onConflictDoNothing(),
  );
}

export const benchId = (prefix: 'ogr' | 'ord') => newId(prefix);
