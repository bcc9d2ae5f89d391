import { AppError, type Cart, invalidInput, MAX_CART_LINES } from '@agora/contracts';
import { MAX_QUANTITY } from '@agora/contracts/catalog-limits';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, count, eq, inArray } from 'drizzle-orm';
import { loadTiers } from '../catalog/products/product-view.js';
import type { PricedProduct } from '../pricing/tiers.js';
import { readCart, unitPriceAt } from './cart-view.js';
import { allowedQuantities, isAllowedQuantity } from './quantity-rules.js';

/**
 * Cart operations (ADR 0035). The cart is its lines: one per user and product. Each change
 * is one transaction that locks the user's row first, so two tabs adding at once cannot pass
 * the line limit, and records the unit price the buyer now sees (`unit_price_seen_minor`).
 * Every operation answers with the whole cart, priced now.
 */

export type Buyer = { userId: string };

/** Orderable products by id: published, of a trading vendor. */
async function orderableProducts(tx: TenantTx, ids: string[]) {
  const { db, t } = tx;
  if (!ids.length) return new Map<string, PricedProduct & { id: string; sku: string }>();
  const rows = await db
    .select({
      id: t.products.id,
      sku: t.products.sku,
      currency: t.products.currency,
      minOrderQty: t.products.minOrderQty,
      orderIncrement: t.products.orderIncrement,
      basePriceMinor: t.products.basePriceMinor,
    })
    .from(t.products)
    .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
    .where(
      and(inArray(t.products.id, ids), eq(t.products.status, 'published'), eq(t.vendors.status, 'approved')),
    );
  const tiers = await loadTiers(
    tx,
    rows.map((r) => r.id),
  );
  return new Map(rows.map((r) => [r.id, { ...r, tiers: tiers.get(r.id) ?? [] }]));
}

const lockUser = ({ db, t }: TenantTx, userId: string) =>
  db.select({ id: t.users.id }).from(t.users).where(eq(t.users.id, userId)).for('no key update');

const quantityIssue = (product: PricedProduct, qty: number, path = 'qty') =>
  qty > MAX_QUANTITY
    ? invalidInput('quantity', [{ path, message: `must be at most ${MAX_QUANTITY.toLocaleString('en-US')}` }])
    : invalidInput(
        'quantity',
        [{ path, message: `can be ordered ${allowedQuantities(product)}` }],
        `This product can be ordered ${allowedQuantities(product)}`,
      );

export type CartAddition = { productId: string; qty: number };

/**
 * Add quantities to the cart inside the caller's transaction (a product already in the cart
 * gets the quantity added to its own). All or nothing: an unknown product, a quantity the
 * rules do not allow, or a cart past MAX_CART_LINES refuses the whole addition.
 */
export async function addToCart(tx: TenantTx, userId: string, additions: CartAddition[]): Promise<void> {
  const { db, t } = tx;
  await lockUser(tx, userId);
  const wanted = new Map<string, number>();
  for (const a of additions) wanted.set(a.productId, (wanted.get(a.productId) ?? 0) + a.qty);
  const ids = [...wanted.keys()];
  const products = await orderableProducts(tx, ids);
  const missing = ids.find((id) => !products.has(id));
  if (missing) throw new AppError('not_found', 'This product is not available to order');
  const existing = new Map(
    (
      await db
        .select({ productId: t.cartLines.productId, qty: t.cartLines.qty })
        .from(t.cartLines)
        .where(and(eq(t.cartLines.userId, userId), inArray(t.cartLines.productId, ids)))
    ).map((r) => [r.productId, r.qty]),
  );
  const [lines] = await db.select({ n: count() }).from(t.cartLines).where(eq(t.cartLines.userId, userId));
  const newLines = ids.filter((id) => !existing.has(id)).length;
  if ((lines?.n ?? 0) + newLines > MAX_CART_LINES)
    throw new AppError(
      'conflict',
      `A cart holds at most ${MAX_CART_LINES} lines: check out or remove some before adding more`,
      { maxLines: MAX_CART_LINES, lines: lines?.n ?? 0 },
    );
  const values = ids.map((productId) => {
    const product = products.get(productId) as PricedProduct;
    const qty = (existing.get(productId) ?? 0) + (wanted.get(productId) as number);
    if (!isAllowedQuantity(product, qty) || qty > MAX_QUANTITY) throw quantityIssue(product, qty);
    return { userId, productId, qty, unitPriceSeenMinor: unitPriceAt(product, qty) };
  });
  for (const v of values)
    await db
      .insert(t.cartLines)
      .values(v)
      .onConflictDoUpdate({
        target: [t.cartLines.userId, t.cartLines.productId],
        set: { qty: v.qty, unitPriceSeenMinor: v.unitPriceSeenMinor },
      });
}

export async function getCart(database: Database, tenant: TenantRef, buyer: Buyer): Promise<Cart> {
  return withTenant(database, tenant, (tx) => readCart(tx, buyer.userId));
}

export async function addCartLine(
  database: Database,
  tenant: TenantRef,
  buyer: Buyer,
  line: CartAddition,
): Promise<Cart> {
  return withTenant(database, tenant, async (tx) => {
    await addToCart(tx, buyer.userId, [line]);
    return readCart(tx, buyer.userId);
  });
}

/** Set a line's quantity (re-pricing it and clearing its price-changed flag). */
export async function setCartLineQty(
  database: Database,
  tenant: TenantRef,
  buyer: Buyer,
  input: { productId: string; qty: number },
): Promise<Cart> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    await lockUser(tx, buyer.userId);
    const [line] = await db
      .select({ productId: t.cartLines.productId })
      .from(t.cartLines)
      .where(and(eq(t.cartLines.userId, buyer.userId), eq(t.cartLines.productId, input.productId)));
    if (!line) throw new AppError('not_found', 'This product is not in your cart');
    const [row] = await db
      .select({
        minOrderQty: t.products.minOrderQty,
        orderIncrement: t.products.orderIncrement,
        basePriceMinor: t.products.basePriceMinor,
        currency: t.products.currency,
      })
      .from(t.products)
      .where(eq(t.products.id, input.productId));
    const product = {
      ...(row as NonNullable<typeof row>),
      tiers: (await loadTiers(tx, [input.productId])).get(input.productId) ?? [],
    };
    if (!isAllowedQuantity(product, input.qty)) throw quantityIssue(product, input.qty);
    await db
      .update(t.cartLines)
      .set({ qty: input.qty, unitPriceSeenMinor: unitPriceAt(product, input.qty) })
      .where(and(eq(t.cartLines.userId, buyer.userId), eq(t.cartLines.productId, input.productId)));
    return readCart(tx, buyer.userId);
  });
}

/** Remove a line; removing one that is not there is not an error (a retried click). */
export async function removeCartLine(
  database: Database,
  tenant: TenantRef,
  buyer: Buyer,
  productId: string,
): Promise<Cart> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    await db
      .delete(t.cartLines)
      .where(and(eq(t.cartLines.userId, buyer.userId), eq(t.cartLines.productId, productId)));
    return readCart(tx, buyer.userId);
  });
}

export async function clearCart(database: Database, tenant: TenantRef, buyer: Buyer): Promise<Cart> {
  return withTenant(database, tenant, async (tx) => {
    await tx.db.delete(tx.t.cartLines).where(eq(tx.t.cartLines.userId, buyer.userId));
    return readCart(tx, buyer.userId);
  });
}
