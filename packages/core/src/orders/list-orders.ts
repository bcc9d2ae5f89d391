import type { OrderExportQuery, OrderListQuery, OrderPage } from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { stringify } from 'csv-stringify/sync';
import { and, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import { likeContains } from '../catalog/like-prefix.js';
import { decodeTimeCursor, encodeCursor } from '../keyset-cursor.js';
import { upperBound } from '../vendors/list-vendors.js';
import { selectSummaries, summaryView } from './order-detail.js';
import { type OrderScope, scopeCondition } from './order-scope.js';

function filtersOf(t: TenantTx['t'], scope: OrderScope, query: OrderExportQuery): SQL[] {
  const o = t.orders;
  const filters: SQL[] = [];
  const own = scopeCondition(t, scope);
  if (own) filters.push(own);
  if (query.status) filters.push(eq(o.status, query.status));
  if (query.from) filters.push(gte(o.placedAt, new Date(query.from)));
  if (query.to) filters.push(lt(o.placedAt, upperBound(query.to)));
  if (query.vendorId) filters.push(eq(o.vendorId, query.vendorId));
  if (query.companyId) filters.push(eq(o.companyId, query.companyId));
  if (query.q) filters.push(or(eq(o.id, query.q), ilike(o.poNumber, likeContains(query.q))) as SQL);
  return filters;
}

/**
 * Orders the caller reaches (its vendor's, its own or its company's, or all for an operator),
 * newest first, filtered by status, placement date, vendor, company, id or PO number.
 * Keyset-paginated on (placed_at, id).
 */
export async function listOrders(
  database: Database,
  tenant: TenantRef,
  scope: OrderScope,
  query: OrderListQuery,
): Promise<OrderPage> {
  return withTenant(database, tenant, async (tx) => {
    const { t } = tx;
    const o = t.orders;
    const filters = filtersOf(t, scope, query);
    if (query.cursor) {
      const [at, id] = decodeTimeCursor(query.cursor);
      filters.push(sql`(${o.placedAt}, ${o.id}) < (${at}::timestamptz, ${id})`);
    }
    const rows = await selectSummaries(tx)
      .where(filters.length ? and(...filters) : undefined)
      .orderBy(desc(o.placedAt), desc(o.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(summaryView),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.order.id]) : null,
    };
  });
}

export const ORDER_CSV_COLUMNS = [
  'order_id',
  'placed_at',
  'status',
  'vendor',
  'company',
  'buyer',
  'po_number',
  'invoice_number',
  'currency',
  'subtotal',
  'tax',
  'shipping',
  'total',
  'payment_terms',
] as const;

const PAGE = 1000;

/** Minor units as a decimal string in the currency's digits (`1234` EUR -> `12.34`). */
export function minorToDecimal(minor: number, currency: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/**
 * The orders a list would show, as CSV (every match, newest first), streamed 1,000 at a time in
 * short transactions. Amounts are decimals in the order's currency.
 */
export async function* exportOrdersCsv(
  database: Database,
  tenant: TenantRef,
  scope: OrderScope,
  query: OrderExportQuery,
): AsyncGenerator<string> {
  yield stringify([[...ORDER_CSV_COLUMNS]]);
  let cursor: [string, string] | null = null;
  for (;;) {
    const after: [string, string] | null = cursor;
    const page = await withTenant(database, tenant, async (tx) => {
      const o = tx.t.orders;
      const filters = filtersOf(tx.t, scope, query);
      if (after) filters.push(sql`(${o.placedAt}, ${o.id}) < (${after[0]}::timestamptz, ${after[1]})`);
      return selectSummaries(tx)
        .where(filters.length ? and(...filters) : undefined)
        .orderBy(desc(o.placedAt), desc(o.id))
        .limit(PAGE);
    });
    if (page.length)
      yield stringify(
        page.map((r) => {
          const x = r.order;
          return [
            x.id,
            x.placedAt.toISOString(),
            x.status,
            r.vendorName,
            r.companyName,
            r.buyerName || r.buyerEmail,
            x.poNumber ?? '',
            r.invoiceNumber ?? '',
            x.currency,
            minorToDecimal(x.subtotalMinor, x.currency),
            minorToDecimal(x.taxMinor, x.currency),
            minorToDecimal(x.shippingMinor, x.currency),
            minorToDecimal(x.totalMinor, x.currency),
            x.paymentTerms === 'net' ? `net ${x.netDays} days` : 'prepay',
          ];
        }),
      );
    const last = page.at(-1);
    if (page.length < PAGE || !last) return;
    cursor = [last.cursorAt, last.order.id];
  }
}
