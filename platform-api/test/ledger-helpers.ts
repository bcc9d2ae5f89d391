import { loadOrderFigures, postOrdersPlaced } from '@agora/core';
import { withTenant } from '@agora/db';
import { insertCatalog, insertCompany, insertOrder } from '@agora/testing';
import { eq } from 'drizzle-orm';
import type { T } from './catalog-helpers.js';
import type { ApiHarness } from './harness.js';

let n = 0;

/**
 * A booked order of `vendorId` for a new buyer company (written straight into the tenant, then
 * posted to the ledger as placement posts it): 100.00 net, 19.00 tax, 5.00 shipping, 10.00
 * commission, in EUR. `delivered` makes the vendor's share available for a payout.
 */
export async function bookedOrder(
  h: ApiHarness,
  t: T,
  vendorId: string,
  opts: { delivered?: boolean; companyId?: string } = {},
): Promise<{ orderId: string; companyId: string; totalMinor: number; vendorShareMinor: number }> {
  const i = ++n;
  const companyId = opts.companyId ?? `cmp_ledger_${i}`;
  const productId = `prd_ledger_${vendorId}_${i}`;
  await insertCatalog(h.runtime.database, t, {
    products: [
      { id: productId, vendorId, title: `Ledger product ${i}`, sku: `LEDGER-${i}`, basePriceMinor: 10_000 },
    ],
  });
  const { buyerUserId } = opts.companyId
    ? { buyerUserId: `usr_${companyId}` }
    : await insertCompany(h.runtime.database, t, { id: companyId, name: `Ledger Buyer ${i}` });
  const orderId = `ord_ledger_${t.slug.replaceAll('-', '_')}_${i}`;
  await insertOrder(h.runtime.database, t, {
    id: orderId,
    companyId,
    buyerUserId,
    vendorId,
    productId,
    subtotalMinor: 10_000,
    taxMinor: 1_900,
    shippingMinor: 500,
    commissionMinor: 1_000,
    placedAt: new Date(Date.now() - 40 * 86_400_000),
  });
  await withTenant(h.runtime.database, t, async (tx) => {
    await postOrdersPlaced(tx, await loadOrderFigures(tx, [orderId]));
    if (opts.delivered)
      await tx.db.update(tx.t.orders).set({ status: 'delivered' }).where(eq(tx.t.orders.id, orderId));
  });
  return { orderId, companyId, totalMinor: 12_400, vendorShareMinor: 9_500 };
}
