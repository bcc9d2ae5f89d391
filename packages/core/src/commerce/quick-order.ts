import { MAX_CART_LINES, type QuickOrderProblem, type QuickOrderResult } from '@agora/contracts';
import { MAX_QUANTITY } from '@agora/contracts/catalog-limits';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, eq, inArray } from 'drizzle-orm';
import { loadTiers } from '../catalog/products/product-view.js';
import { addToCart, type CartAddition } from './cart-lines.js';
import { readCart } from './cart-view.js';
import { allowedQuantities, isAllowedQuantity } from './quantity-rules.js';

/** One line of a quick order: `SKU, quantity[, vendor]`, with its line number (from 1). */
export type QuickOrderLine = { line: number; text: string; sku: string; qty: string; vendor: string };

/** Split one line into cells on the text's delimiter, honouring double quotes ("a, b"). */
function cells(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (ch === delimiter) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Read pasted lines or a CSV file: comma, semicolon or tab separated (whichever the first line
 * uses), blank lines skipped, a first line naming the columns (`sku,quantity`) skipped.
 */
export function parseQuickOrder(text: string): QuickOrderLine[] {
  const rows = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const first = rows.find((r) => r.trim() !== '') ?? '';
  const delimiter = first.includes('\t') ? '\t' : first.includes(';') && !first.includes(',') ? ';' : ',';
  const lines: QuickOrderLine[] = [];
  rows.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const [sku = '', qty = '', vendor = ''] = cells(raw, delimiter);
    if (lines.length === 0 && /^(sku|item|article)/i.test(sku) && !/^\d/.test(qty)) return; // a header
    lines.push({ line: i + 1, text: raw.trim().slice(0, 200), sku, qty, vendor });
  });
  return lines;
}

type Candidate = {
  id: string;
  sku: string;
  vendorId: string;
  vendorName: string;
  minOrderQty: number;
  orderIncrement: number;
  basePriceMinor: number;
};

async function productsBySku(tx: TenantTx, skus: string[]): Promise<Map<string, Candidate[]>> {
  const { db, t } = tx;
  const bySku = new Map<string, Candidate[]>();
  if (!skus.length) return bySku;
  const rows = await db
    .select({
      id: t.products.id,
      sku: t.products.sku,
      vendorId: t.products.vendorId,
      vendorName: t.vendors.name,
      minOrderQty: t.products.minOrderQty,
      orderIncrement: t.products.orderIncrement,
      basePriceMinor: t.products.basePriceMinor,
    })
    .from(t.products)
    .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
    .where(
      and(
        inArray(t.products.sku, skus),
        eq(t.products.status, 'published'),
        eq(t.vendors.status, 'approved'),
      ),
    );
  for (const r of rows) bySku.set(r.sku, [...(bySku.get(r.sku) ?? []), r]);
  return bySku;
}

/**
 * Quick order (ADR 0035): every good line is added to the cart (quantities add up with what
 * is there); every bad one is listed by line number with what to change: an unknown SKU, a SKU
 * several vendors sell (name the vendor in a third column), a quantity that is not a whole
 * number or not allowed by the product's rules, or a full cart.
 */
export async function quickOrder(
  database: Database,
  tenant: TenantRef,
  buyer: { userId: string },
  text: string,
): Promise<QuickOrderResult> {
  const parsed = parseQuickOrder(text);
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const bySku = await productsBySku(tx, [...new Set(parsed.map((l) => l.sku).filter(Boolean))]);
    const existing = await db
      .select({ productId: t.cartLines.productId, qty: t.cartLines.qty })
      .from(t.cartLines)
      .where(eq(t.cartLines.userId, buyer.userId));
    const running = new Map(existing.map((r) => [r.productId, r.qty]));
    const tiers = await loadTiers(
      tx,
      [...bySku.values()].flat().map((c) => c.id),
    );
    const problems: QuickOrderProblem[] = [];
    const added: QuickOrderResult['added'] = [];
    const additions: CartAddition[] = [];
    for (const l of parsed) {
      const problem = (message: string) => problems.push({ line: l.line, text: l.text, message });
      if (!l.sku) {
        problem('Start the line with a SKU, then the quantity: SKU, quantity');
        continue;
      }
      let candidates = bySku.get(l.sku) ?? [];
      if (candidates.length === 0) {
        problem(`No product with SKU ${l.sku} is for sale here`);
        continue;
      }
      if (l.vendor) {
        const v = l.vendor.toLowerCase();
        candidates = candidates.filter((c) => c.vendorName.toLowerCase() === v || c.vendorId === l.vendor);
        if (candidates.length === 0) {
          problem(`SKU ${l.sku} is not sold by “${l.vendor}”`);
          continue;
        }
      }
      if (candidates.length > 1) {
        const names = candidates.map((c) => c.vendorName).join(', ');
        problem(
          `SKU ${l.sku} is sold by several vendors (${names}): add the vendor as a third column, like ${l.sku}, ${l.qty || 100}, ${candidates[0]?.vendorName}`,
        );
        continue;
      }
      const product = candidates[0] as Candidate;
      const priced = { ...product, tiers: tiers.get(product.id) ?? [] };
      const qty = /^\d{1,10}$/.test(l.qty) ? Number(l.qty) : Number.NaN;
      if (!Number.isSafeInteger(qty) || qty < 1 || qty > MAX_QUANTITY) {
        problem(
          `The quantity must be a whole number from 1, after the SKU: ${l.sku}, ${product.minOrderQty}`,
        );
        continue;
      }
      const before = running.get(product.id);
      const total = (before ?? 0) + qty;
      if (!isAllowedQuantity(priced, total)) {
        problem(
          `SKU ${l.sku} can be ordered ${allowedQuantities(priced)}` +
            (before ? ` (with what is in your cart it would be ${total.toLocaleString('en-US')})` : ''),
        );
        continue;
      }
      if (before === undefined && running.size >= MAX_CART_LINES) {
        problem(`Your cart is full (${MAX_CART_LINES} lines): check out or remove some lines first`);
        continue;
      }
      running.set(product.id, total);
      additions.push({ productId: product.id, qty });
      added.push({ line: l.line, productId: product.id, sku: product.sku, qty });
    }
    if (parsed.length === 0)
      problems.push({ line: 1, text: '', message: 'Paste at least one line of SKU, quantity' });
    if (additions.length) await addToCart(tx, buyer.userId, additions);
    return { added, problems, cart: await readCart(tx, buyer.userId) };
  });
}
