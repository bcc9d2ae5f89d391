import { type Database, readTenant, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { type SQL, sql } from 'drizzle-orm';
import { allowedTypos } from './edit-distance.js';
import { TS_CONFIG } from './reindex-products-tx.js';
import { type FacetCache, facetCacheKey, SearchCache } from './search-cache.js';
import {
  type CategoryFacet,
  emptyResult,
  pageCount,
  resultWindow,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  VENDOR_FACET_LIMIT,
  type VendorFacet,
} from './search-engine.js';
import { fuzzyEligible, searchTerms } from './search-terms.js';
import { type NearWord, type SearchVocabulary, VocabularyCache } from './search-vocabulary.js';

/** A word with fewer exact matches than this is also matched with typos. */
export const FUZZY_BELOW = 3;
/** Corrected spellings of one word searched at most (the closest, most frequent first). */
const MAX_CORRECTIONS = 4;
/** Visible matches counted per word and candidate spelling (enough to rank the candidates). */
const COUNT_CAP = 50;

const cfg = sql.raw(`'${TS_CONFIG}'::regconfig`);
const param = <T>(value: T) => sql.param(value);

/**
 * The PostgreSQL implementation of `SearchEngine.search`, in one tenant transaction.
 *
 * Matching: every word of the query must match (AND). A word matches exactly through the
 * `search_document` GIN index. When the words as typed find fewer than FUZZY_BELOW products,
 * each word with fewer than FUZZY_BELOW exact matches is looked up in the catalog's vocabulary
 * (`search_words`, kept in process per catalog version: `VocabularyCache`, ADR 0026): the words
 * within its typo allowance (`allowedTypos`: insert, delete, substitute, swap of neighbours) that
 * find visible products become its alternatives in the tsquery (`('impcat' | 'impact') &
 * 'driver'`), the closest ones only. A word that then still matches nothing is dropped from the
 * query and reported (`dropped`), with a suggestion for a short word (`didYouMean`). The main
 * query stays exact, on the GIN index, and ranks with `ts_rank_cd` (weights A title/SKU > B
 * attributes/vendor > C category > D description) plus 1 for products matching every kept word
 * as typed.
 *
 * Nothing depends on session settings (no `SET LOCAL` thresholds): a distributed engine that
 * does not pass them on runs the same statements with the same meaning (issue 15).
 *
 * Visibility is checked here, not by the index: only published products of approved vendors
 * (joined at query time), so a suspension hides products with the next query.
 */
export async function searchProductsPg(
  database: Database,
  tenant: TenantRef,
  query: SearchQuery,
  vocabularies: VocabularyCache = new VocabularyCache(0),
  facets: FacetCache = new SearchCache(0),
): Promise<VersionedResult> {
  const terms = searchTerms(query.q);
  if (!terms) {
    // A browse is one statement, which reads one snapshot by itself: one round trip (ADR 0030).
    // Its total and facets are kept per catalog version: with kept ones, a smaller statement reads
    // the page and the version, and the kept counts are used only if the version is theirs (the
    // counts of the same snapshot, since every committed catalog write raises it; ADR 0030).
    const key = facetCacheKey(tenant, query);
    const kept = key ? facets.get(key) : undefined;
    if (kept) {
      // Prepared on the connection: the same page of the same browse is asked again and again,
      // and parsing and planning it cost more than running it (ADR 0030).
      const rows = await readTenant<Row>(database, tenant, (t) => searchStatement(t, query, null, true), {
        prepare: true,
      });
      const row = rows[0] as Row;
      if (row.catalog_version !== null && Number(row.catalog_version) === kept.version) {
        facets.hits++;
        return versionedResult({ ...row, total: kept.result.total }, query, kept.result.facets);
      }
      // The catalog changed since: count again (and keep the new counts) below.
    }
    const rows = await readTenant<Row>(database, tenant, (t) => searchStatement(t, query, null));
    const row = rows[0] as Row;
    const version = row.catalog_version === null ? null : Number(row.catalog_version);
    if (key) facets.misses++;
    const result = versionedResult(row, query);
    if (key && version !== null)
      facets.set(key, version, { total: row.total ?? 0, facets: result.result.facets });
    return result;
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
      const first = await runSearch(tx, query, textQuery(terms.tokens.map((t) => [t])));
      if (first.result.total >= FUZZY_BELOW) return first;
      const vocabulary = await vocabularies.get(tx, tenant, first.version);
      const spelling = await correctSpellings(tx, terms.tokens, vocabulary);
      if (!spelling) return first;
      const { alternatives, dropped, didYouMean } = spelling;
      if (!alternatives.length)
        return { result: { ...emptyResult(query), dropped, didYouMean }, version: first.version };
      const second = await runSearch(tx, query, textQuery(alternatives));
      return { result: { ...second.result, dropped, didYouMean }, version: second.version };
    },
    SNAPSHOT,
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

/** Each kept word of the query with its alternatives: the word as typed first, then its corrections. */
function textQuery(alternatives: string[][]): TextQuery {
  const word = (w: string) => sql`plainto_tsquery(${cfg}, ${w})`;
  return {
    match: sql.join(
      alternatives.map((a) => sql`(${sql.join(a.map(word), sql` || `)})`),
      sql` && `,
    ),
    exact: sql.join(
      alternatives.map((a) => word(a[0] as string)),
      sql` && `,
    ),
  };
}

type Spelling = {
  /** Per kept word: the spellings searched, the word as typed first. */
  alternatives: string[][];
  dropped: string[];
  didYouMean: string | null;
};

/**
 * How to search the query's words when, as typed, they find fewer than FUZZY_BELOW products; null
 * when nothing changes. One statement counts the visible products (published, approved vendor;
 * up to COUNT_CAP) of each word and of each candidate spelling from the vocabulary:
 * - a word of 4+ letters with fewer than FUZZY_BELOW exact matches is also searched as its
 *   closest candidates within `allowedTypos` that find products (Meilisearch's budget: one edit
 *   from 4 letters, two from 8; "hydralic" means "hydraulic", 1 edit, not also "hydraulics");
 * - a word that then matches nothing is dropped; for a dropped word of 3 letters, the word one
 *   edit away found most often with the other words is suggested (not searched: short words have
 *   many neighbours); that takes one more statement.
 * Candidates are checked against visible products, so a word only a draft or a suspended vendor
 * uses, or one no product has any more, is never offered.
 */
async function correctSpellings(
  tx: TenantTx,
  tokens: string[],
  vocabulary: SearchVocabulary,
): Promise<Spelling | null> {
  const candidates = tokens.map((tok): NearWord[] => {
    if (fuzzyEligible(tok)) return vocabulary.near(tok, allowedTypos(tok));
    if (SUGGESTIBLE.test(tok) && !vocabulary.has(tok)) return vocabulary.near(tok, 1);
    return [];
  });
  const words = [...new Set([...tokens, ...candidates.flat().map((c) => c.word)])];
  const { products, vendors } = tx.t;
  const counted = await tx.db.execute<{ word: string; n: number }>(sql`
    select w.word, (
      select count(*)::int from (
        select 1 from ${products} p
        where p.status = 'published' and p.search_document @@ plainto_tsquery(${cfg}, w.word)
          and exists (select 1 from ${vendors} v where v.id = p.vendor_id and v.status = 'approved')
        limit ${COUNT_CAP}
      ) z
    ) as n
    from unnest(${param(words)}::text[]) as w(word)
  `);
  const count = new Map(counted.rows.map((r) => [r.word, r.n]));
  const found = (w: string) => count.get(w) ?? 0;

  const alternatives: string[][] = [];
  const dropped: string[] = [];
  /** Per word: its spelling in the suggestion, or null (left out); for a dropped short word, its candidates. */
  const spelled: (string | NearWord[] | null)[] = [];
  let changed = false;
  tokens.forEach((tok, i) => {
    const exact = found(tok);
    const near = (candidates[i] ?? []).filter((c) => found(c.word) > 0);
    if (fuzzyEligible(tok) && exact < FUZZY_BELOW && near.length) {
      const best = Math.min(...near.map((c) => c.distance));
      const corrections = near
        .filter((c) => c.distance === best)
        .sort((x, y) => found(y.word) - found(x.word) || (x.word < y.word ? -1 : 1))
        .slice(0, MAX_CORRECTIONS)
        .map((c) => c.word);
      alternatives.push([tok, ...corrections]);
      spelled.push(exact > 0 ? tok : (corrections[0] as string));
      changed = true;
    } else if (exact > 0) {
      alternatives.push([tok]);
      spelled.push(tok);
    } else {
      dropped.push(tok);
      spelled.push(fuzzyEligible(tok) || !near.length ? null : near);
      changed = true;
    }
  });
  if (!changed) return null;
  // A suggestion for a dropped short word: the candidate found most often with the other words
  // (with none, most often at all), so that the suggested query finds something.
  const suggestion = new Map<string, string | null>();
  const open = spelled.filter((x): x is NearWord[] => Array.isArray(x)).flat();
  if (open.length) {
    const within = alternatives.length ? textQuery(alternatives).match : null;
    const together = within
      ? new Map(
          (
            await tx.db.execute<{ word: string; n: number }>(sql`
              select w.word, (
                select count(*)::int from (
                  select 1 from ${products} p
                  where p.status = 'published'
                    and p.search_document @@ ((${within}) && plainto_tsquery(${cfg}, w.word))
                    and exists (select 1 from ${vendors} v where v.id = p.vendor_id and v.status = 'approved')
                  limit ${COUNT_CAP}
                ) z
              ) as n
              from unnest(${param([...new Set(open.map((c) => c.word))])}::text[]) as w(word)
            `)
          ).rows.map((r) => [r.word, r.n]),
        )
      : count;
    tokens.forEach((tok, i) => {
      const list = spelled[i];
      if (!Array.isArray(list)) return;
      const ranked = list
        .filter((c) => (together.get(c.word) ?? 0) > 0)
        .sort(
          (x, y) =>
            (together.get(y.word) ?? 0) - (together.get(x.word) ?? 0) ||
            found(y.word) - found(x.word) ||
            (x.word < y.word ? -1 : 1),
        );
      suggestion.set(tok, ranked[0]?.word ?? null);
    });
  }
  const corrected = tokens
    .map((tok, i) => {
      const s = spelled[i];
      return Array.isArray(s) ? (suggestion.get(tok) ?? null) : (s ?? null);
    })
    .filter((w): w is string => w !== null)
    .join(' ');
  const asSearched = tokens.filter((t) => !dropped.includes(t)).join(' ');
  return {
    alternatives,
    dropped,
    didYouMean: corrected && corrected !== asSearched ? corrected : null,
  };
}

/** A short word a suggestion may be offered for: 3 letters (shorter ones are too ambiguous). */
const SUGGESTIBLE = /^\p{L}{3}$/u;

type Row = {
  catalog_version: string | null;
  /** Matches counted, up to the result window + 1 (null: kept facets were used). */
  total: number | null;
  /** The hits as the result carries them (`inStock`, and `publishedAt` in ISO 8601 UTC, made in SQL). */
  items: SearchHit[] | null;
  categories: CategoryFacet[] | null;
  vendors: VendorFacet[] | null;
  in_stock: { true: number; false: number } | null;
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
function searchStatement(
  t: TenantTx['t'],
  query: SearchQuery,
  text: TextQuery | null,
  pageOnly = false,
): SQL {
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
  const matches = sql`
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
      ${priceWhere.length ? sql`where ${sql.join(priceWhere, sql` and `)}` : sql``}`;
  const items = sql`(select json_agg(json_build_object(
          'id', p.id, 'title', p.title, 'sku', p.sku,
          'vendor', json_build_object('id', v.id, 'name', v.name, 'verified', v.verified),
          'category', case when c.id is null then null else json_build_object('id', c.id, 'name', c.name) end,
          'unit', p.unit, 'minOrderQty', p.min_order_qty, 'stockQty', p.stock_qty,
          'inStock', p.stock_qty >= p.min_order_qty,
          'priceQty', greatest(${qty}::int, p.min_order_qty),
          'unitPriceMinor', ${priceAt(sql`p`)},
          'basePriceMinor', p.base_price_minor, 'currency', p.currency,
          'imageKey', (select i.file_key from ${productImages} i where i.product_id = p.id
                       order by i.position limit 1),
          -- As Date.prototype.toISOString writes it (milliseconds, truncated as a JavaScript Date
          -- truncates microseconds), so the rows need no reshaping in Node.
          'publishedAt', to_char(p.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
        ) order by pg.n)
       from page pg
       join ${products} p on p.id = pg.id
       join ${vendors} v on v.id = p.vendor_id
       left join ${categories} c on c.id = p.category_id) as items`;
  const version = sql`(select cv.version from ${catalogVersion} cv where cv.id = 1) as catalog_version`;
  // `pageOnly`: the page and the catalog version, nothing else (the caller has the total and the
  // facets of this query for some version). The page is read by its own scan, which stops after
  // the page: the same rows as the window's page, since the order is total (the id breaks ties)
  // and the page never reaches past the window.
  if (pageOnly) {
    const pageRows = Math.max(0, Math.min(query.limit, window - offset));
    return sql`
    with page as (
      select m.id, row_number() over (order by ${order}) as n
      from (${matches} order by ${order} limit ${pageRows} offset ${offset}) m
    )
    select ${version}, null::int as total, ${items},
      null::json as categories, null::json as vendors, null::json as in_stock
  `;
  }
  return sql`
    with m as materialized (
      ${matches}
      order by ${order}
      limit ${window + 1}
    ), fm as materialized (
      select * from m order by ${order} limit ${window}
    ), page as (
      select m.id, row_number() over (order by ${order}) as n
      from fm m order by ${order} limit ${query.limit} offset ${offset}
    )
    select
      ${version},
      (select count(*)::int from m) as total,
      ${items},
${facetColumns}
  `;
}

function versionedResult(
  row: Row,
  query: SearchQuery,
  facets: SearchResult['facets'] = {
    categories: row.categories ?? [],
    vendors: row.vendors ?? [],
    inStock: row.in_stock ?? { true: 0, false: 0 },
  },
): VersionedResult {
  const window = resultWindow(query);
  const total = Math.min(row.total ?? 0, window);
  const result: SearchResult = {
    items: row.items ?? [],
    total,
    totalCapped: (row.total ?? 0) > window,
    page: query.page,
    limit: query.limit,
    pages: pageCount(total, query.limit),
    facets,
    dropped: [],
    didYouMean: null,
  };
  return { result, version: row.catalog_version === null ? null : Number(row.catalog_version) };
}
