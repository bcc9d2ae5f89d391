import type { TenantTx } from '@agora/db';
import { sql } from 'drizzle-orm';
import { effectiveTiers, type Tier } from '../../pricing/tiers.js';

/**
 * Volume bands flattened into numbered attributes (`b0_from`, `b0_to`, `b0_price`, ...), so a
 * Meilisearch filter can select "unit price at quantity q within [min, max]" exactly: one band
 * holds q. Products with more tiers than this keep the first MAX_BANDS - 1 bands, and the last
 * slot carries the rest at the price of its first tier (docs/decisions/0010).
 */
export const MAX_BANDS = 8;
/** Upper bound of the last band (Meilisearch filters compare numbers; "infinity" is this). */
export const OPEN_END = 2_147_483_647;

/** One product as stored in a tenant's Meilisearch index. */
export type MeiliProduct = {
  id: string;
  title: string;
  sku: string;
  description: string;
  /** "Name: value" pairs. */
  attributes: string[];
  vendorId: string;
  vendorName: string;
  vendorVerified: boolean;
  categoryId: string | null;
  categoryName: string | null;
  /** The category and all its ancestors, root first: filtering on one includes its subtree. */
  categoryIds: string[];
  categoryNames: string[];
  unit: string;
  minOrderQty: number;
  stockQty: number;
  inStock: boolean;
  currency: string;
  basePriceMinor: number;
  /** Unit price at the minimum order quantity (the "from" price; what price sorts use). */
  priceMoqMinor: number;
  tiers: Tier[];
  imageKey: string | null;
  /** Unix seconds, for sorting by newest. */
  publishedAt: number | null;
  [band: `b${number}_${'from' | 'to' | 'price'}`]: number;
};

/** The database row a document is made from (see loadSearchRows). */
export type SearchRow = {
  id: string;
  title: string;
  sku: string;
  description: string;
  attributes: { name: string; value: string }[];
  vendorId: string;
  vendorName: string;
  vendorVerified: boolean;
  categoryId: string | null;
  categoryPath: { id: string; name: string }[];
  unit: string;
  minOrderQty: number;
  orderIncrement: number;
  stockQty: number;
  currency: string;
  basePriceMinor: number;
  tiers: Tier[];
  imageKey: string | null;
  publishedAt: string | null;
};

export function toMeiliDocument(row: SearchRow): MeiliProduct {
  const tiers = effectiveTiers({
    minOrderQty: row.minOrderQty,
    orderIncrement: row.orderIncrement,
    basePriceMinor: row.basePriceMinor,
    tiers: row.tiers,
  });
  const own = row.categoryPath[row.categoryPath.length - 1];
  const doc: MeiliProduct = {
    id: row.id,
    title: row.title,
    sku: row.sku,
    description: row.description,
    attributes: row.attributes.map((a) => `${a.name}: ${a.value}`),
    vendorId: row.vendorId,
    vendorName: row.vendorName,
    vendorVerified: row.vendorVerified,
    categoryId: row.categoryId,
    categoryName: own?.name ?? null,
    categoryIds: row.categoryPath.map((c) => c.id),
    categoryNames: row.categoryPath.map((c) => c.name),
    unit: row.unit,
    minOrderQty: row.minOrderQty,
    stockQty: row.stockQty,
    inStock: row.stockQty >= row.minOrderQty,
    currency: row.currency,
    basePriceMinor: row.basePriceMinor,
    priceMoqMinor: (tiers[0] as Tier).unitPriceMinor,
    tiers,
    imageKey: row.imageKey,
    publishedAt: row.publishedAt ? Math.floor(Date.parse(row.publishedAt) / 1000) : null,
  };
  const slots = Math.min(tiers.length, MAX_BANDS);
  for (let k = 0; k < slots; k++) {
    const tier = tiers[k] as Tier;
    const last = k === slots - 1;
    doc[`b${k}_from`] = tier.minQty;
    doc[`b${k}_to`] = last ? OPEN_END : (tiers[k + 1] as Tier).minQty - 1;
    doc[`b${k}_price`] = tier.unitPriceMinor;
  }
  return doc;
}

/**
 * The rows of the given products that search may show (published, approved vendor), with
 * everything a document needs, in one statement. Products not returned are to be removed.
 */
export async function loadSearchRows(tx: TenantTx, productIds: string[]): Promise<SearchRow[]> {
  if (!productIds.length) return [];
  const { products, vendors, categories, priceTiers, productImages } = tx.t;
  const result = await tx.db.execute<{ row: SearchRow }>(sql`
    select json_build_object(
      'id', p.id, 'title', p.title, 'sku', p.sku, 'description', p.description,
      'attributes', p.attributes,
      'vendorId', v.id, 'vendorName', v.name, 'vendorVerified', v.verified,
      'categoryId', p.category_id,
      'categoryPath', coalesce((
        select json_agg(json_build_object('id', anc.id, 'name', anc.name) order by length(anc.path))
        from ${categories} own
        join ${categories} anc on anc.id = any(string_to_array(trim(both '/' from own.path), '/'))
        where own.id = p.category_id
      ), '[]'::json),
      'unit', p.unit, 'minOrderQty', p.min_order_qty, 'orderIncrement', p.order_increment,
      'stockQty', p.stock_qty, 'currency', p.currency, 'basePriceMinor', p.base_price_minor,
      'tiers', coalesce((
        select json_agg(json_build_object('minQty', t.min_qty, 'unitPriceMinor', t.unit_price_minor)
                        order by t.min_qty)
        from ${priceTiers} t where t.product_id = p.id
      ), '[]'::json),
      'imageKey', (select i.file_key from ${productImages} i where i.product_id = p.id
                   order by i.position limit 1),
      'publishedAt', p.published_at
    ) as row
    from ${products} p
    join ${vendors} v on v.id = p.vendor_id
    where p.id = any(${sql.param(productIds)}::text[])
      and p.status = 'published' and v.status = 'approved'
    order by p.id
  `);
  return result.rows.map((r) => r.row);
}

/** Visible product ids after `after`, in id order (for rebuilding a whole index). */
export async function visibleProductIds(tx: TenantTx, after: string, limit: number): Promise<string[]> {
  const { products, vendors } = tx.t;
  const result = await tx.db.execute<{ id: string }>(sql`
    select p.id from ${products} p join ${vendors} v on v.id = p.vendor_id
    where p.id > ${after} and p.status = 'published' and v.status = 'approved'
    order by p.id limit ${limit}
  `);
  return result.rows.map((r) => r.id);
}
