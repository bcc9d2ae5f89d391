import { AppError, type PublicProduct } from '@agora/contracts';
import { type Database, readTenant, type TenantRef, type TenantTx } from '@agora/db';
import { sql } from 'drizzle-orm';
import { type Quote, quote, tierTable } from '../../pricing/tiers.js';
import { productImageUrl } from '../images/product-image-file.js';

type TenantTables = TenantTx['t'];

/** What a buyer sees of a product: the API's `PublicProduct` (tiers as a table with savings). */
export type { PublicProduct } from '@agora/contracts';

const hidden = () => new AppError('not_found', 'No product with this id');

/** The row of `publicProductQuery`: the product, its vendor, tiers, images and category path. */
type PublicProductRow = {
  id: string;
  sku: string;
  title: string;
  description: string;
  unit: string;
  min_order_qty: number;
  order_increment: number;
  lead_time_days: number;
  stock_qty: number;
  attributes: { name: string; value: string }[];
  currency: string;
  /** bigint: a string from the driver. */
  base_price_minor: string;
  published_at: Date | null;
  updated_at: Date;
  vendor_id: string;
  vendor_name: string;
  vendor_country: string;
  vendor_verified: boolean;
  /** [minQty, unitPriceMinor] ascending, or null for none. */
  tiers: [number, number][] | null;
  /** [position, fileKey] in order, or null for none. */
  images: [number, string][] | null;
  /** The category path from the top down: [id, name, slug, archived]; null without a category. */
  path: [string, string, string, boolean][] | null;
};

/**
 * One statement for everything a product page shows, if buyers may see the product (published,
 * vendor approved): one round trip instead of five (ADR 0030). Exported so the read-path
 * benchmark's bare route runs exactly this SQL.
 */
export const publicProductQuery = (t: TenantTables, productId: string) => sql`
  select p.id, p.sku, p.title, p.description, p.unit, p.min_order_qty, p.order_increment,
    p.lead_time_days, p.stock_qty, p.attributes, p.currency, p.base_price_minor,
    p.published_at, p.updated_at,
    v.id as vendor_id, v.name as vendor_name, v.country as vendor_country, v.verified as vendor_verified,
    (select json_agg(json_build_array(pt.min_qty, pt.unit_price_minor) order by pt.min_qty)
       from ${t.priceTiers} pt where pt.product_id = p.id) as tiers,
    (select json_agg(json_build_array(i.position, i.file_key) order by i.position)
       from ${t.productImages} i where i.product_id = p.id) as images,
    (select json_agg(json_build_array(c.id, c.name, c.slug, c.archived_at is not null) order by a.n)
       from ${t.categories} own
       cross join unnest(string_to_array(trim(both '/' from own.path), '/')) with ordinality as a(id, n)
       join ${t.categories} c on c.id = a.id
       where own.id = p.category_id) as path
  from ${t.products} p
  join ${t.vendors} v on v.id = p.vendor_id
  where p.id = ${productId} and p.status = 'published' and v.status = 'approved'`;

/** The product and its pricing, or 404 when buyers may not see it. */
async function visibleProduct(database: Database, tenant: TenantRef, productId: string) {
  const [row] = await readTenant<PublicProductRow>(database, tenant, (t) => publicProductQuery(t, productId));
  if (!row) throw hidden();
  const tiers = (row.tiers ?? []).map(([minQty, unitPriceMinor]) => ({ minQty, unitPriceMinor }));
  return { row, tiers, basePriceMinor: Number(row.base_price_minor) };
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
  const { row, tiers, basePriceMinor } = await visibleProduct(database, tenant, productId);
  const chain = row.path ?? [];
  // Below an archived category nothing is public: the crumbs stop there.
  const cut = chain.findIndex(([, , , archived]) => archived);
  const breadcrumb = (cut === -1 ? chain : chain.slice(0, cut)).map(([id, name, slug]) => ({
    id,
    name,
    slug,
  }));
  const category = cut === -1 ? (breadcrumb.at(-1) ?? null) : null;
  const pricing = { basePriceMinor, minOrderQty: row.min_order_qty, orderIncrement: row.order_increment };
  return {
    id: row.id,
    sku: row.sku,
    title: row.title,
    description: row.description,
    unit: row.unit,
    minOrderQty: row.min_order_qty,
    orderIncrement: row.order_increment,
    leadTimeDays: row.lead_time_days,
    stockQty: row.stock_qty,
    attributes: row.attributes,
    currency: row.currency,
    basePriceMinor,
    images: (row.images ?? []).map(([position, key]) => ({ position, url: productImageUrl(key) })),
    vendor: {
      id: row.vendor_id,
      name: row.vendor_name,
      country: row.vendor_country,
      verified: row.vendor_verified,
    },
    category,
    breadcrumb,
    tiers: tierTable({ ...pricing, tiers }),
    pricesHidden: false,
    publishedAt: row.published_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
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
  const { row, tiers, basePriceMinor } = await visibleProduct(database, tenant, productId);
  const pricing = { basePriceMinor, minOrderQty: row.min_order_qty, orderIncrement: row.order_increment };
  return { ...quote({ ...pricing, tiers }, qty), currency: row.currency };
}
