import { type Database, readTenant, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { type SQL, sql } from 'drizzle-orm';
import { allowedTypos, editDistance } from './edit-distance.js';
import { TS_CONFIG } from './reindex-products-tx.js';
import {
  type CategoryFacet,
  pageCount,
  resultWindow,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  VENDOR_FACET_LIMIT,
  type VendorFacet,
} from './search-engine.js';
import { fuzzyEligible, type SearchTerms, searchTerms } from './search-terms.js';

/** A word with fewer exact matches than this is also matched with typos. */
export const FUZZY_BELOW = 3;
/** pg_trgm `word_similarity` a word needs to count as a typo of a word in `search_text`. */
export const WORD_SIMILARITY = 0.4;
/** `similarity` a word of a sampled product needs to be considered as a corrected spelling. */
const CANDIDATE_SIMILARITY = 0.3;
/** Candidates per word handed to the edit-distance check. */
const MAX_CANDIDATES = 16;
/** Products sampled (through the trigram index) to find the corrected spellings of a word. */
const CORRECTION_SAMPLE = 64;
const MAX_CORRECTIONS = 4;

const cfg = sql.raw(`'${TS_CONFIG}'::regconfig`);
const param = <T>(value: T) => sql.param(value);

/**
 * The PostgreSQL implementation of `SearchEngine.search`, in one tenant transaction.
 *
 * Matching: every word of the query must match (AND). A word matches exactly through the
 * `search_document` GIN index. A word with fewer than FUZZY_BELOW exact matches is also matched
 * with typos: a small sample of products whose `search_text` contains a similar word
 * (`search_text %> word`, the GIN trigram index, word_similarity >= 0.4) yields the corrected
 * spellings ("hydralic" -> "hydraulic"), which join the word as alternatives in the tsquery.
 * The main query is then exact again, so it stays on the GIN index of `search_document` and
 * ranks with `ts_rank_cd` (weights A title/SKU > B attributes/vendor > C category > D
 * description) plus 1 for products matching every word as typed.
 *
 * Visibility is checked here, not by the index: only published products of approved vendors
 * (joined at query time), so a suspension hides products with the next query.
 */
export async function searchProductsPg(
  database: Database,
  tenant: TenantRef,
  query: SearchQuery,
): Promise<VersionedResult> {
  const terms = searchTerms(query.q);
  if (!terms) {
    // A browse is one statement, which reads one snapshot by itself: one round trip (ADR 0030).
    const rows = await readTenant<Row>(database, tenant, (t) => searchStatement(t, query, null));
    return versionedResult(rows[0] as Row, query);
  }
  if (terms.advanced) {
    const q = sql`websearch_to_tsquery(${cfg}, ${terms.text})`;
    return withTenant(database, tenant, (tx) => runSearch(tx, query, { match: q, exact: q }), SNAPSHOT);
  }
  // Optimistic: search the words as typed. With FUZZY_BELOW or more results every word has at
  // least that many exact matches, so none is a typo; only a scarce result asks which words
  // are, and for their corrected spellings.
  return withTenant(
    database,
    tenant,
    async (tx) => {
      const first = await runSearch(tx, query, textQuery(terms.tokens, []));
      if (first.result.total >= FUZZY_BELOW || !terms.tokens.some(fuzzyEligible)) return first;
      const corrections = await correctSpellings(tx, terms);
      if (corrections.every((c) => !c.length)) return first;
      return runSearch(tx, query, textQuery(terms.tokens, corrections));
    },
    // For the trigram lookup: the word_similarity threshold, and no sequential scan for the sample
    // (which has a LIMIT and would otherwise be tempted to scan the table looking for rare words).
    { ...SNAPSHOT, 'pg_trgm.word_similarity_threshold': String(WORD_SIMILARITY), enable_seqscan: 'off' },
  );
}

/** A search result and the catalog version of the snapshot it was read in (ADR 0020; null: no version row). */
export type VersionedResult = { result: SearchResult; version: number | null };

/**
 * Every statement of a search reads one snapshot (a read-only REPEATABLE READ transaction never
 * fails to serialize), so the result, its spelling corrections and its catalog version agree.
 */
const SNAPSHOT = { transaction_isolation: 'repeatable read', transaction_read_only: 'on' };

type TextQuery = {
  /** Every row must match this (all words, with their corrected spellings). */
  match: SQL;
  /** Every word as typed: matching it earns a bonus in relevance. */
  exact: SQL;
};

function textQuery(tokens: string[], corrections: string[][]): TextQuery {
  const word = (w: string) => sql`plainto_tsquery(${cfg}, ${w})`;
  const alternatives = tokens.map((tok, i) =>
    sql.join([tok, ...(corrections[i] ?? [])].map(word), sql` || `),
  );
  return {
    match: sql.join(
      alternatives.map((a) => sql`(${a})`),
      sql` && `,
    ),
    exact: sql.join(tokens.map(word), sql` && `),
  };
}

/**
 * The corrected spellings of the query's words that are typos: fuzzy-eligible words with fewer
 * than FUZZY_BELOW exact matches (none for the others). One statement counts each word's exact
 * matches and, only for a word with too few (CASE runs its branch only when taken), samples
 * products whose `search_text` holds a similar word (`%>`, the GIN trigram index).
 */
async function correctSpellings(tx: TenantTx, terms: SearchTerms): Promise<string[][]> {
  const { products } = tx.t;
  const corrections: string[][] = terms.tokens.map(() => []);
  const eligible = terms.tokens.filter(fuzzyEligible);
  const found = await tx.db.execute<{ tok: string; terms: string[] | null }>(sql`
    select t.tok, case when e.n < ${FUZZY_BELOW} then array(
      select c.term from (
        select distinct w.term, public.similarity(w.term, t.tok) as sim
        from (
          select p.search_text from ${products} p
          where p.search_text operator(public.%>) t.tok
          limit ${CORRECTION_SAMPLE}
        ) x
        cross join regexp_split_to_table(x.search_text, ' ') as w(term)
        where w.term <> t.tok and public.similarity(w.term, t.tok) >= ${CANDIDATE_SIMILARITY}
      ) c
      order by c.sim desc, c.term
      limit ${MAX_CANDIDATES}
    ) end as terms
    from unnest(${param(eligible)}::text[]) as t(tok)
    cross join lateral (
      select count(*)::int as n from (
        select 1 from ${products} p
        where p.status = 'published' and p.search_document @@ plainto_tsquery(${cfg}, t.tok)
        limit ${FUZZY_BELOW}
      ) z
    ) e
  `);
  const byToken = new Map(found.rows.map((r) => [r.tok, r.terms]));
  terms.tokens.forEach((tok, i) => {
    const candidates = byToken.get(tok);
    if (!candidates) return; // not eligible, or enough exact matches: not a typo
    // Trigrams find candidates; the edit distance decides what counts as a typo (Meilisearch's
    // rule: one typo from 4 letters on, two from 8), closest first.
    // Only the closest spellings count: "hydralic" means "hydraulic" (1 edit), not also
    // "hydraulics" (2 edits).
    const max = allowedTypos(tok);
    const scored = candidates
      .map((term) => ({ term, d: editDistance(tok, term, max) }))
      .filter((c) => c.d <= max);
    const best = Math.min(...scored.map((c) => c.d));
    corrections[i] = scored
      .filter((c) => c.d === best)
      .slice(0, MAX_CORRECTIONS)
      .map((c) => c.term);
  });
  return corrections;
}

type Row = {
  catalog_version: string | null;
  /** Matches counted, up to the result window + 1. */
  total: number;
  items: (Omit<SearchHit, 'inStock' | 'publishedAt'> & { publishedAt: string | null })[] | null;
  categories: CategoryFacet[] | null;
  vendors: VendorFacet[] | null;
  in_stock: { true: number; false: number };
};

/**
 * One statement: the best matches of the result window (`resultWindow`: MAX_RESULT_WINDOW, or
 * just up to the page when no total is asked for) in the requested order (`m`; one more is
 * read to know whether there are more), then the page, the count and the facets over them.
 * Stopping there keeps a browse of a 100,000-product catalog (newest first, an index scan that
 * stops early) as cheap as a narrow search.
 */
async function runSearch(tx: TenantTx, query: SearchQuery, text: TextQuery | null): Promise<VersionedResult> {
  const rows = await tx.db.execute<Row>(searchStatement(tx.t, query, text));
  return versionedResult(rows.rows[0] as Row, query);
}

/** The statement of `runSearch` (see there). */
function searchStatement(t: TenantTx['t'], query: SearchQuery, text: TextQuery | null): SQL {
  const { products, vendors, categories, priceTiers, productImages, catalogVersion } = t;
  const qty = query.qty ?? null;
  const priceAt = (alias: SQL) => sql`coalesce((
      select pt.unit_price_minor from ${priceTiers} pt
      where pt.product_id = ${alias}.id and pt.min_qty <= greatest(${qty}::int, ${alias}.min_order_qty)
      order by pt.min_qty desc limit 1
    ), ${alias}.base_price_minor)`;
  const needsPrice =
    query.priceMin !== undefined ||
    query.priceMax !== undefined ||
    query.sort === 'price_asc' ||
    query.sort === 'price_desc';

  const where: SQL[] = [sql`p.status = 'published'`];
  if (text) where.push(sql`p.search_document @@ (${text.match})`);
  if (query.vendorId) where.push(sql`p.vendor_id = ${query.vendorId}`);
  if (query.currency) where.push(sql`p.currency = ${query.currency}`);
  if (query.inStock !== undefined) where.push(sql`(p.stock_qty >= p.min_order_qty) = ${query.inStock}`);
  if (query.categoryId) {
    where.push(sql`p.category_id in (
      select c.id from ${categories} c, ${categories} root
      where root.id = ${query.categoryId} and left(c.path, length(root.path)) = root.path
    )`);
  }
  const priceWhere: SQL[] = [];
  if (query.priceMin !== undefined) priceWhere.push(sql`m.price >= ${query.priceMin}`);
  if (query.priceMax !== undefined) priceWhere.push(sql`m.price <= ${query.priceMax}`);

  const score = text
    ? sql`ts_rank_cd(p.search_document, ${text.match}, 32) + (p.search_document @@ (${text.exact}))::int`
    : sql`0`;
  const order = {
    relevance: text
      ? sql`m.score desc, m.published_at desc nulls last, m.id`
      : sql`m.published_at desc nulls last, m.id desc nulls last`,
    // The order of products_published_newest_idx, so a browse reads the index and stops early.
    newest: sql`m.published_at desc nulls last, m.id desc nulls last`,
    // Without words, the order of products_published_price_idx (read backwards for desc).
    price_asc: text ? sql`m.price asc, m.score desc, m.id` : sql`m.price asc, m.id`,
    price_desc: text ? sql`m.price desc, m.score desc, m.id` : sql`m.price desc, m.id desc`,
  }[query.sort];
  const offset = (query.page - 1) * query.limit;
  const window = resultWindow(query);

  const facetColumns =
    query.facets === false
      ? sql`null::json as categories, null::json as vendors, null::json as in_stock`
      : sql`
      (select json_agg(json_build_object('id', c.id, 'name', c.name, 'parentId', c.parent_id, 'count', x.n)
                       order by x.n desc, c.name, c.id)
       from (
         select anc.id, sum(g.n)::int as n
         from (select m.category_id, count(*) as n from fm m group by m.category_id) g
         join ${categories} own on own.id = g.category_id
         cross join unnest(string_to_array(trim(both '/' from own.path), '/')) as anc(id)
         group by anc.id
       ) x join ${categories} c on c.id = x.id) as categories,
      (select json_agg(json_build_object('id', v.id, 'name', v.name, 'count', x.n) order by x.n desc, v.name, v.id)
       from (select m.vendor_id, count(*)::int as n from fm m group by m.vendor_id
             order by n desc, m.vendor_id limit ${VENDOR_FACET_LIMIT}) x
       join ${vendors} v on v.id = x.vendor_id) as vendors,
      (select json_build_object('true', count(*) filter (where m.in_stock), 'false', count(*) filter (where not m.in_stock))
       from fm m) as in_stock`;
  return sql`
    with m as materialized (
      select m.* from (
        select p.id, p.vendor_id, p.category_id, p.published_at,
          p.stock_qty >= p.min_order_qty as in_stock,
          ${score} as score,
          ${needsPrice ? (qty === null ? sql`p.price_moq_minor` : priceAt(sql`p`)) : sql`null::bigint`} as price
        from ${products} p
        where ${sql.join(where, sql` and `)}
          -- Every product has its vendor (foreign key): not among the vendors that are not approved is
          -- approved. One hash of those few vendors, probed per row, instead of a lookup per vendor.
          and p.vendor_id not in (select v.id from ${vendors} v where v.status <> 'approved')
      ) m
      ${priceWhere.length ? sql`where ${sql.join(priceWhere, sql` and `)}` : sql``}
      order by ${order}
      limit ${window + 1}
    ), fm as materialized (
      select * from m order by ${order} limit ${window}
    ), page as (
      select m.id, row_number() over (order by ${order}) as n
      from fm m order by ${order} limit ${query.limit} offset ${offset}
    )
    select
      (select cv.version from ${catalogVersion} cv where cv.id = 1) as catalog_version,
      (select count(*)::int from m) as total,
      (select json_agg(json_build_object(
          'id', p.id, 'title', p.title, 'sku', p.sku,
          'vendor', json_build_object('id', v.id, 'name', v.name, 'verified', v.verified),
          'category', case when c.id is null then null else json_build_object('id', c.id, 'name', c.name) end,
          'unit', p.unit, 'minOrderQty', p.min_order_qty, 'stockQty', p.stock_qty,
          'priceQty', greatest(${qty}::int, p.min_order_qty),
          'unitPriceMinor', ${priceAt(sql`p`)},
          'basePriceMinor', p.base_price_minor, 'currency', p.currency,
          'imageKey', (select i.file_key from ${productImages} i where i.product_id = p.id
                       order by i.position limit 1),
          'publishedAt', p.published_at
        ) order by pg.n)
       from page pg
       join ${products} p on p.id = pg.id
       join ${vendors} v on v.id = p.vendor_id
       left join ${categories} c on c.id = p.category_id) as items,
${facetColumns}
  `;
}

function versionedResult(row: Row, query: SearchQuery): VersionedResult {
  const window = resultWindow(query);
  const total = Math.min(row.total, window);
  const result: SearchResult = {
    items: (row.items ?? []).map((item) => ({
      ...item,
      inStock: item.stockQty >= item.minOrderQty,
      publishedAt: item.publishedAt ? new Date(item.publishedAt).toISOString() : null,
    })),
    total,
    totalCapped: row.total > window,
    page: query.page,
    limit: query.limit,
    pages: pageCount(total, query.limit),
    facets: {
      categories: row.categories ?? [],
      vendors: row.vendors ?? [],
      inStock: row.in_stock ?? { true: 0, false: 0 },
    },
  };
  return { result, version: row.catalog_version === null ? null : Number(row.catalog_version) };
}
