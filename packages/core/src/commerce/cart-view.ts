import {
  type Cart,
  type CartLine,
  type CartLineFlag,
  type CartVendorGroup,
  MAX_CART_LINES,
} from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { asc, eq } from 'drizzle-orm';
import { loadTiers } from '../catalog/products/product-view.js';
import { effectiveTiers, type PricedProduct, quote, resolveTier, savingBps } from '../pricing/tiers.js';
import { sumAmounts } from './money.js';
import { allowedQuantities, isAllowedQuantity, nextTier } from './quantity-rules.js';

/** A cart line with what pricing it needs, as read from the database. */
export type CartRow = {
  productId: string;
  qty: number;
  unitPriceSeenMinor: number;
  sku: string;
  title: string;
  unit: string;
  status: string;
  currency: string;
  minOrderQty: number;
  orderIncrement: number;
  basePriceMinor: number;
  vendorId: string;
  vendorName: string;
  vendorStatus: string;
};

/** The buyer's cart rows, oldest first, with their products and vendors. */
export async function loadCartRows(tx: TenantTx, userId: string): Promise<CartRow[]> {
  const { db, t } = tx;
  return db
    .select({
      productId: t.cartLines.productId,
      qty: t.cartLines.qty,
      unitPriceSeenMinor: t.cartLines.unitPriceSeenMinor,
      sku: t.products.sku,
      title: t.products.title,
      unit: t.products.unit,
      status: t.products.status,
      currency: t.products.currency,
      minOrderQty: t.products.minOrderQty,
      orderIncrement: t.products.orderIncrement,
      basePriceMinor: t.products.basePriceMinor,
      vendorId: t.vendors.id,
      vendorName: t.vendors.name,
      vendorStatus: t.vendors.status,
    })
    .from(t.cartLines)
    .innerJoin(t.products, eq(t.products.id, t.cartLines.productId))
    .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
    .where(eq(t.cartLines.userId, userId))
    .orderBy(asc(t.cartLines.addedAt), asc(t.cartLines.productId));
}

/**
 * The unit price of `qty` now: the volume tier at that quantity, or (for a quantity the rules no
 * longer allow) the tier it would fall in, so the line still shows a price beside its flag.
 */
export function unitPriceAt(product: PricedProduct, qty: number): number {
  const q = quote(product, qty);
  if (q.ok) return q.unitPriceMinor;
  const tiers = effectiveTiers(product);
  return (resolveTier(tiers, qty) ?? tiers[0])?.unitPriceMinor ?? product.basePriceMinor;
}

/** One priced line with its flags, hints and saving. */
export function cartLine(row: CartRow, product: PricedProduct): CartLine {
  const unitPriceMinor = unitPriceAt(product, row.qty);
  const flags: CartLineFlag[] = [];
  if (row.status !== 'published') flags.push('unpublished');
  if (row.vendorStatus !== 'approved') flags.push('vendor_suspended');
  if (!isAllowedQuantity(product, row.qty)) flags.push('quantity_not_allowed');
  if (unitPriceMinor !== row.unitPriceSeenMinor) flags.push('price_changed');
  const lineTotal = BigInt(unitPriceMinor) * BigInt(row.qty);
  return {
    productId: row.productId,
    sku: row.sku,
    title: row.title,
    unit: row.unit,
    currency: row.currency,
    qty: row.qty,
    minOrderQty: row.minOrderQty,
    orderIncrement: row.orderIncrement,
    quantityRule: allowedQuantities(product),
    listPriceMinor: row.basePriceMinor,
    unitPriceMinor,
    unitPriceSeenMinor: row.unitPriceSeenMinor,
    lineTotalMinor: lineTotal > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(lineTotal),
    savingMinor: Math.max(0, (row.basePriceMinor - unitPriceMinor) * row.qty),
    savingBps: Math.max(0, savingBps(row.basePriceMinor, unitPriceMinor)),
    nextTier: nextTier(product, row.qty),
    flags,
  };
}

/** The cart as the buyer sees it: priced now, grouped by vendor and currency, totals per currency. */
export async function readCart(tx: TenantTx, userId: string): Promise<Cart> {
  const rows = await loadCartRows(tx, userId);
  const tiers = await loadTiers(
    tx,
    rows.map((r) => r.productId),
  );
  const groups = new Map<string, CartVendorGroup>();
  let flagged = 0;
  for (const row of rows) {
    const line = cartLine(row, { ...row, tiers: tiers.get(row.productId) ?? [] });
    if (line.flags.length) flagged++;
    const key = `${row.vendorId}|${row.currency}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        vendor: { id: row.vendorId, name: row.vendorName },
        currency: row.currency,
        lines: [],
        subtotalMinor: 0,
      };
      groups.set(key, group);
    }
    group.lines.push(line);
  }
  const list = [...groups.values()].sort(
    (a, b) => a.vendor.name.localeCompare(b.vendor.name) || a.currency.localeCompare(b.currency),
  );
  const totals = new Map<string, { currency: string; subtotalMinor: number; lines: number }>();
  for (const g of list) {
    g.subtotalMinor = sumAmounts(g.lines.map((l) => l.lineTotalMinor));
    const total = totals.get(g.currency) ?? { currency: g.currency, subtotalMinor: 0, lines: 0 };
    total.subtotalMinor = sumAmounts([total.subtotalMinor, g.subtotalMinor]);
    total.lines += g.lines.length;
    totals.set(g.currency, total);
  }
  return {
    groups: list,
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    lineCount: rows.length,
    maxLines: MAX_CART_LINES,
    flagged,
  };
}
