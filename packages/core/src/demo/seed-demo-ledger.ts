import type { Database, TenantRef } from '@agora/db';
import { withTenant } from '@agora/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { placeCheckout } from '../commerce/place-checkout.js';
import { postOrderReversed } from '../ledger/post-orders.js';

const COMPANY = 'cmp_demo_ledger';
const BUYER = 'usr_demo_ledger_buyer';
const ADDRESS = 'adr_demo_ledger';

/**
 * A buyer company with a few orders on the books (ADR 0038), so the vendor's balance and the
 * operator's revenue, receivables and payables pages show something after `npm start`: three
 * checkouts placed by the real placement (posted to the ledger there), the first checkout's orders then
 * delivered (their vendors' shares become available) and one cancelled (reversed). Once only: a marketplace
 * that has the company is left alone. Order states beyond this are the order lifecycle's demo.
 */
export async function seedDemoLedger(
  database: Database,
  tenant: TenantRef,
  log: (line: string) => void = () => {},
): Promise<void> {
  const products = await withTenant(database, tenant, async ({ db, t }) => {
    const [have] = await db
      .select({ id: t.companies.id })
      .from(t.companies)
      .where(eq(t.companies.id, COMPANY));
    if (have) return null;
    await db.insert(t.companies).values({
      id: COMPANY,
      legalName: 'Nordwerk Bau GmbH',
      country: 'DE',
      taxId: 'DE811907980',
      billingAddress: { line1: 'Hafenstraße 12', city: 'Hamburg', postalCode: '20457', country: 'DE' },
      status: 'approved',
      paymentTerms: 'net',
      netDays: 30,
      decidedAt: new Date(),
    });
    await db.insert(t.companyAddresses).values({
      id: ADDRESS,
      companyId: COMPANY,
      label: 'Site office',
      address: { line1: 'Hafenstraße 12', city: 'Hamburg', postalCode: '20457', country: 'DE' },
    });
    await db.insert(t.users).values({
      id: BUYER,
      email: 'buyer@nordwerk-bau.test',
      name: 'Nordwerk Purchasing',
      role: 'buyer_admin',
      status: 'active',
      companyId: COMPANY,
      emailVerifiedAt: new Date(), // ordering needs a confirmed address
    });
    // One made-to-order EUR product of each of the first vendors, at its minimum order.
    const rows = await db
      .select({ id: t.products.id, vendorId: t.products.vendorId, qty: t.products.minOrderQty })
      .from(t.products)
      .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
      .where(
        and(
          eq(t.products.status, 'published'),
          eq(t.products.currency, 'EUR'),
          eq(t.products.trackStock, false),
          eq(t.vendors.status, 'approved'),
        ),
      )
      .orderBy(asc(t.vendors.name), asc(t.products.sku));
    const one = new Map<string, { id: string; qty: number }>();
    for (const r of rows) if (!one.has(r.vendorId) && one.size < 2) one.set(r.vendorId, r);
    return [...one.values()];
  });
  if (!products || products.length === 0) return;
  log('demo: placing orders for the ledger');
  const checkouts: string[][] = [];
  for (const [i, daysAgo] of [45, 20, 3].entries()) {
    await withTenant(database, tenant, ({ db, t }) =>
      db.insert(t.cartLines).values(
        products.map((p) => ({
          userId: BUYER,
          productId: p.id,
          qty: p.qty * (i + 1),
          unitPriceSeenMinor: 0,
        })),
      ),
    );
    const placed = await placeCheckout(database, tenant, {
      buyerUserId: BUYER,
      idempotencyKey: `demo-ledger-${i}`,
      body: { currency: 'EUR', shippingAddressId: ADDRESS, poNumber: `NW-${2026_100 + i}` },
      now: new Date(Date.now() - daysAgo * 86_400_000),
    });
    checkouts.push(placed.orderIds);
  }
  await withTenant(database, tenant, async (tx) => {
    const delivered = checkouts[0] ?? [];
    const cancelled = checkouts[1]?.[0];
    if (delivered.length)
      await tx.db.update(tx.t.orders).set({ status: 'delivered' }).where(inArray(tx.t.orders.id, delivered));
    if (cancelled) {
      await tx.db
        .update(tx.t.orders)
        .set({ status: 'cancelled', statusReason: 'Ordered twice by mistake' })
        .where(eq(tx.t.orders.id, cancelled));
      await postOrderReversed(tx, cancelled, { full: true });
    }
  });
}
