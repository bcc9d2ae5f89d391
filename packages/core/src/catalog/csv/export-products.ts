import type { ProductStatus } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { stringify } from 'csv-stringify/sync';
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { loadTiers } from '../products/product-view.js';
import { CSV_COLUMNS, productCsvRow } from './csv-format.js';

const PAGE = 1000;

/**
 * The vendor's catalog as CSV in the import format, streamed: the header, then products by SKU,
 * read 1,000 at a time (one short transaction each, so a large export holds no transaction
 * open while the client reads). Archived products are included, so exporting and importing
 * again changes nothing.
 */
export async function* exportProductsCsv(
  database: Database,
  tenant: TenantRef,
  actor: { vendorId: string },
  options: { status?: ProductStatus } = {},
): AsyncGenerator<string> {
  yield stringify([[...CSV_COLUMNS]]);
  const slugs = new Map(
    (
      await withTenant(database, tenant, ({ db, t }) =>
        db.select({ id: t.categories.id, slug: t.categories.slug }).from(t.categories),
      )
    ).map((c) => [c.id, c.slug]),
  );
  let after: string | null = null;
  for (;;) {
    const cursor: string | null = after;
    const page = await withTenant(database, tenant, async (tx) => {
      const { db, t } = tx;
      const filters: SQL[] = [eq(t.products.vendorId, actor.vendorId)];
      if (options.status) filters.push(eq(t.products.status, options.status));
      if (cursor !== null) filters.push(gt(t.products.sku, cursor));
      const rows = await db
        .select({
          id: t.products.id,
          sku: t.products.sku,
          title: t.products.title,
          description: t.products.description,
          categoryId: t.products.categoryId,
          unit: t.products.unit,
          minOrderQty: t.products.minOrderQty,
          orderIncrement: t.products.orderIncrement,
          leadTimeDays: t.products.leadTimeDays,
          stockQty: t.products.stockQty,
          attributes: t.products.attributes,
          currency: t.products.currency,
          basePriceMinor: t.products.basePriceMinor,
          status: t.products.status,
        })
        .from(t.products)
        .where(and(...filters))
        .orderBy(asc(t.products.sku))
        .limit(PAGE);
      const tiers = await loadTiers(
        tx,
        rows.map((r) => r.id),
      );
      return {
        cells: rows.map((r) =>
          productCsvRow(r, tiers.get(r.id) ?? [], r.categoryId ? (slugs.get(r.categoryId) ?? null) : null),
        ),
        lastSku: rows.at(-1)?.sku ?? null,
      };
    });
    if (page.cells.length) yield stringify(page.cells);
    if (page.cells.length < PAGE || page.lastSku === null) return;
    after = page.lastSku;
  }
}
