import { AppError, type CategoryRef, type PublicProduct } from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, eq, inArray } from 'drizzle-orm';
import { type Quote, quote, tierTable } from '../../pricing/tiers.js';
import { pathIds } from '../categories/category-view.js';
import { loadImages, loadTiers } from './product-view.js';

/** What a buyer sees of a product: the API's `PublicProduct` (tiers as a table with savings). */
export type { PublicProduct } from '@agora/contracts';

const hidden = () => new AppError('not_found', 'No product with this id');

/** The product's pricing and public fields, if buyers may see it: published, vendor approved. */
async function visibleProduct({ db, t }: TenantTx, productId: string) {
  const [row] = await db
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
      publishedAt: t.products.publishedAt,
      updatedAt: t.products.updatedAt,
      vendor: {
        id: t.vendors.id,
        name: t.vendors.name,
        country: t.vendors.country,
        verified: t.vendors.verified,
      },
    })
    .from(t.products)
    .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
    .where(
      and(eq(t.products.id, productId), eq(t.products.status, 'published'), eq(t.vendors.status, 'approved')),
    );
  if (!row) throw hidden();
  return row;
}

/**
 * A product as buyers see it, or 404 when it is not public: a draft, waiting for review,
 * archived, or its vendor is not approved (suspended vendors' products vanish at once).
 */
export async function getPublicProduct(
  database: Database,
  tenant: TenantRef,
  productId: string,
): Promise<PublicProduct> {
  return withTenant(database, tenant, async (tx) => {
    const { categoryId, ...row } = await visibleProduct(tx, productId);
    const tiers = (await loadTiers(tx, [row.id])).get(row.id) ?? [];
    const images = (await loadImages(tx, [row.id])).get(row.id) ?? [];
    let breadcrumb: CategoryRef[] = [];
    let category: CategoryRef | null = null;
    if (categoryId) {
      const [own] = await tx.db
        .select({ path: tx.t.categories.path })
        .from(tx.t.categories)
        .where(eq(tx.t.categories.id, categoryId));
      const ids = own ? pathIds(own.path) : [];
      const rows = ids.length
        ? await tx.db
            .select({
              id: tx.t.categories.id,
              name: tx.t.categories.name,
              slug: tx.t.categories.slug,
              archivedAt: tx.t.categories.archivedAt,
            })
            .from(tx.t.categories)
            .where(inArray(tx.t.categories.id, ids))
        : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const chain = ids.map((id) => byId.get(id)).filter((c) => c !== undefined);
      // Below an archived category nothing is public: the crumbs stop there.
      const cut = chain.findIndex((c) => c.archivedAt);
      const visible = cut === -1 ? chain : chain.slice(0, cut);
      breadcrumb = visible.map(({ id, name, slug }) => ({ id, name, slug }));
      category = cut === -1 ? (breadcrumb.at(-1) ?? null) : null;
    }
    return {
      ...row,
      images,
      category,
      breadcrumb,
      tiers: tierTable({ ...row, tiers }),
      publishedAt: row.publishedAt?.toISOString() ?? null,
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

/**
 * The price of `qty` units of a public product: `quote()` from pricing (unit price of the tier
 * in effect, total, saving against the list price), or `ok: false` with the reason when the
 * quantity cannot be ordered (below the minimum, off the increment). 404 like getPublicProduct.
 */
export async function quoteProduct(
  database: Database,
  tenant: TenantRef,
  productId: string,
  qty: number,
): Promise<Quote & { currency: string }> {
  return withTenant(database, tenant, async (tx) => {
    const row = await visibleProduct(tx, productId);
    const tiers = (await loadTiers(tx, [row.id])).get(row.id) ?? [];
    return { ...quote({ ...row, tiers }, qty), currency: row.currency };
  });
}
