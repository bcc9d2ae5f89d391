import type { TenantTx } from '@agora/db';
import { type SQL, sql } from 'drizzle-orm';

/**
 * The PostgreSQL text-search configuration for product search. 'simple' lowercases and keeps
 * every word as written (no stemming, no stop words): marketplaces are in many languages, SKUs
 * and sizes ("M8", "3/4", "DN50") must survive intact, and plurals and small misspellings are
 * caught by typo correction instead (docs/decisions/0010, 0026).
 */
export const TS_CONFIG = 'simple';

/**
 * The words of a search document that typo correction may offer (ADR 0026): lexemes made of
 * letters, with hyphens only between letters ("heavy-duty"), 3 to 40 characters. Numbers, sizes
 * and SKUs ("m8", "12v", "hp-100") are matched exactly only, so they stay out of the list.
 * `word` is a SQL expression of type text. The tenant migration 0013 backfills with the same rule.
 */
export const vocabularyWord = (word: SQL) =>
  sql`(length(${word}) between 3 and 40 and ${word} ~ '^[^[:digit:][:punct:][:space:]]+(-[^[:digit:][:punct:][:space:]]+)*$')`;

/**
 * Recompute `search_document` and `price_moq_minor` of these products, in the caller's
 * transaction, in one statement: title and SKU weigh A, attribute names and values and the
 * vendor's name B, the names of the category and all its ancestors C, the description D.
 * `price_moq_minor` is the unit price at the MOQ, for price sorts and filters. The document's new
 * words join `search_words`, the vocabulary typo correction draws on (ADR 0026). Rows whose
 * columns would not change are not written, so a repeated call is cheap and changes nothing.
 * Returns the number of rows written.
 *
 * Call it in the transaction that writes products (catalog) so the PostgreSQL index is never
 * stale; the `search.index.v1` job calls it too, for vendor and category changes.
 */
export async function reindexProductsTx(tx: TenantTx, productIds: string[]): Promise<number> {
  const ids = [...new Set(productIds)];
  if (!ids.length) return 0;
  const { products, vendors, categories, priceTiers, searchWords } = tx.t;
  const result = await tx.db.execute<{ n: number }>(sql`
    with s as (
      select p.id,
        coalesce((
          select pt.unit_price_minor from ${priceTiers} pt
          where pt.product_id = p.id and pt.min_qty <= p.min_order_qty
          order by pt.min_qty desc limit 1
        ), p.base_price_minor) as price,
        setweight(to_tsvector(${TS_CONFIG}::regconfig, p.title || ' ' || p.sku), 'A') ||
        setweight(to_tsvector(${TS_CONFIG}::regconfig, coalesce(a.words, '') || ' ' || v.name), 'B') ||
        setweight(to_tsvector(${TS_CONFIG}::regconfig, coalesce(c.names, '')), 'C') ||
        setweight(to_tsvector(${TS_CONFIG}::regconfig, p.description), 'D') as doc
      from ${products} p
      join ${vendors} v on v.id = p.vendor_id
      left join lateral (
        select string_agg(anc.name, ' ' order by length(anc.path)) as names
        from ${categories} own
        join ${categories} anc on anc.id = any(string_to_array(trim(both '/' from own.path), '/'))
        where own.id = p.category_id
      ) c on true
      left join lateral (
        select string_agg(concat_ws(' ', e->>'name', e->>'value'), ' ') as words
        from jsonb_array_elements(p.attributes) e
      ) a on true
      where p.id = any(${sql.param(ids)}::text[])
    ), u as (
      update ${products} as p
      set search_document = s.doc, price_moq_minor = s.price
      from s
      where p.id = s.id
        and (p.search_document is distinct from s.doc or p.price_moq_minor is distinct from s.price)
      returning p.search_document
    ), w as (
      insert into ${searchWords} (word)
      select distinct x.word
      from u cross join unnest(tsvector_to_array(u.search_document)) as x(word)
      where ${vocabularyWord(sql`x.word`)}
        and not exists (select 1 from ${searchWords} sw where sw.word = x.word)
    )
    select count(*)::int as n from u
  `);
  return result.rows[0]?.n ?? 0;
}

/**
 * Rebuild the tenant's `search_words` from every product's document, dropping words no product
 * has any more and duplicates (a full reindex ends with it). Returns the number of words.
 */
export async function rebuildSearchWordsTx(tx: TenantTx): Promise<number> {
  const { products, searchWords } = tx.t;
  await tx.db.execute(sql`delete from ${searchWords}`);
  const result = await tx.db.execute(sql`
    insert into ${searchWords} (word)
    select distinct x.word
    from ${products} p cross join unnest(tsvector_to_array(p.search_document)) as x(word)
    where p.search_document is not null and ${vocabularyWord(sql`x.word`)}
  `);
  return result.rowCount ?? 0;
}
