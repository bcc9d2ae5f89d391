import type { TenantTx } from '@agora/db';
import { sql } from 'drizzle-orm';

/**
 * The PostgreSQL text-search configuration for product search. 'simple' lowercases and keeps
 * every word as written (no stemming, no stop words): marketplaces are in many languages, SKUs
 * and sizes ("M8", "3/4", "DN50") must survive intact, and plurals and small misspellings are
 * caught by the trigram layer instead (docs/decisions/0010).
 */
export const TS_CONFIG = 'simple';

/**
 * Recompute `search_document` and `search_text` of these products, in the caller's transaction,
 * in one statement: title and SKU weigh A, attribute names and values and the vendor's name B,
 * the names of the category and all its ancestors C, the description D. `search_text` holds the
 * distinct lowercased words of title, SKU, vendor, category path and attribute values, for
 * trigram (typo-tolerant) matching. `price_moq_minor` is the unit price at the MOQ, for price
 * sorts and filters. Rows whose columns would not change are not written, so a
 * repeated call is cheap and changes nothing. Returns the number of rows written.
 *
 * Call it in the transaction that writes products (catalog) so the PostgreSQL index is never
 * stale; the `search.index.v1` job calls it too, for vendor and category changes.
 */
export async function reindexProductsTx(tx: TenantTx, productIds: string[]): Promise<number> {
  const ids = [...new Set(productIds)];
  if (!ids.length) return 0;
  const { products, vendors, categories, priceTiers } = tx.t;
  const result = await tx.db.execute(sql`
    update ${products} as p
    set search_document = s.doc, search_text = s.txt, price_moq_minor = s.price
    from (
      select p.id,
        coalesce((
          select pt.unit_price_minor from ${priceTiers} pt
          where pt.product_id = p.id and pt.min_qty <= p.min_order_qty
          order by pt.min_qty desc limit 1
        ), p.base_price_minor) as price,
        setweight(to_tsvector(${TS_CONFIG}::regconfig, p.title || ' ' || p.sku), 'A') ||
        setweight(to_tsvector(${TS_CONFIG}::regconfig, coalesce(a.words, '') || ' ' || v.name), 'B') ||
        setweight(to_tsvector(${TS_CONFIG}::regconfig, coalesce(c.names, '')), 'C') ||
        setweight(to_tsvector(${TS_CONFIG}::regconfig, p.description), 'D') as doc,
        coalesce((
          select string_agg(d.w, ' ' order by d.o)
          from (
            select x.w, min(x.o) as o
            from regexp_split_to_table(
              lower(concat_ws(' ', p.title, p.sku, v.name, c.names, a.vals)), '[[:space:]]+'
            ) with ordinality as x(w, o)
            where x.w <> ''
            group by x.w
          ) d
        ), '') as txt
      from ${products} p
      join ${vendors} v on v.id = p.vendor_id
      left join lateral (
        select string_agg(anc.name, ' ' order by length(anc.path)) as names
        from ${categories} own
        join ${categories} anc on anc.id = any(string_to_array(trim(both '/' from own.path), '/'))
        where own.id = p.category_id
      ) c on true
      left join lateral (
        select string_agg(concat_ws(' ', e->>'name', e->>'value'), ' ') as words,
               string_agg(e->>'value', ' ') as vals
        from jsonb_array_elements(p.attributes) e
      ) a on true
      where p.id = any(${sql.param(ids)}::text[])
    ) s
    where p.id = s.id
      and (p.search_document is distinct from s.doc or p.search_text is distinct from s.txt
           or p.price_moq_minor is distinct from s.price)
  `);
  return result.rowCount ?? 0;
}
