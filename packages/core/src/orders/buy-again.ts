import type { BuyAgainResult } from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { loadTiers } from '../catalog/products/product-view.js';
import { quote } from '../pricing/tiers.js';
import { type OrderScope, orderNotFound, scopeCondition } from './order-scope.js';

/**
 * Put the lines of `lines` into a buyer's cart: a product already there gets the quantity added
 * (`insert ... on conflict` adds), and the unit price seen is the volume tier at the new
 * quantity. Products that cannot be ordered now (gone, vendor not trading, quantity rules) are
 * skipped with the reason. The one small write path into `cart_lines` from outside the cart.
 */
export async function addLinesToCart(
  tx: TenantTx,
  userId: string,
  lines: { productId: string; qty: number; title: string }[],
): Promise<BuyAgainResult> {
  const { db, t } = tx;
  const ids = [...new Set(lines.map((l) => l.productId))];
  if (!ids.length) return { added: [], skipped: [] };
  const products = await db
    .select({
      id: t.products.id,
      status: t.products.status,
      vendorStatus: t.vendors.status,
      minOrderQty: t.products.minOrderQty,
      orderIncrement: t.products.orderIncrement,
      basePriceMinor: t.products.basePriceMinor,
    })
    .from(t.products)
    .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
    .where(inArray(t.products.id, ids));
  const inCart = await db
    .select({ productId: t.cartLines.productId, qty: t.cartLines.qty })
    .from(t.cartLines)
    .where(and(eq(t.cartLines.userId, userId), inArray(t.cartLines.productId, ids)));
  const tiers = await loadTiers(tx, ids);
  const byId = new Map(products.map((p) => [p.id, p]));
  const cartQty = new Map(inCart.map((l) => [l.productId, l.qty]));
  const result: BuyAgainResult = { added: [], skipped: [] };
  for (const line of lines) {
    const p = byId.get(line.productId);
    const skip = (reason: string) =>
      result.skipped.push({ productId: line.productId, title: line.title, reason });
    if (p?.status !== 'published') {
      skip('is no longer available');
      continue;
    }
    if (p.vendorStatus !== 'approved') {
      skip('is not sold at the moment');
      continue;
    }
    const total = (cartQty.get(p.id) ?? 0) + line.qty;
    const q = quote({ ...p, tiers: tiers.get(p.id) ?? [] }, total);
    if (!q.ok) {
      skip(q.reason);
      continue;
    }
    await db
      .insert(t.cartLines)
      .values({ userId, productId: p.id, qty: line.qty, unitPriceSeenMinor: q.unitPriceMinor })
      .onConflictDoUpdate({
        target: [t.cartLines.userId, t.cartLines.productId],
        set: { qty: sql`${t.cartLines.qty} + ${line.qty}`, unitPriceSeenMinor: q.unitPriceMinor },
      });
    cartQty.set(p.id, total);
    result.added.push({ productId: p.id, qty: line.qty });
  }
  return result;
}

/** "Buy again": the lines of an order the buyer reaches go into the buyer's own cart. */
export async function buyAgain(
  database: Database,
  tenant: TenantRef,
  input: { scope: OrderScope; orderId: string },
): Promise<BuyAgainResult> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const [order] = await db
      .select({ id: t.orders.id })
      .from(t.orders)
      .where(and(eq(t.orders.id, input.orderId), scopeCondition(t, input.scope)));
    if (!order) throw orderNotFound();
    const lines = await db
      .select({ productId: t.orderLines.productId, qty: t.orderLines.qty, title: t.orderLines.title })
      .from(t.orderLines)
      .where(eq(t.orderLines.orderId, order.id))
      .orderBy(asc(t.orderLines.lineNo));
    return addLinesToCart(tx, input.scope.userId, lines);
  });
}
