import { type Database, readCatalogVersion, type TenantRef } from '@agora/db';
import { reindexAllProducts, reindexProducts } from './reindex-products.js';
import { type FacetCache, SearchCache, searchCacheKey } from './search-cache.js';
import type { SearchEngine, SearchQuery, SearchResult } from './search-engine.js';
import { searchProductsPg } from './search-products-pg.js';
import { VocabularyCache } from './search-vocabulary.js';

/**
 * The default search: PostgreSQL full-text matching over `products.search_document` in the tenant
 * schema, with typo correction from the catalog's own words (`search_words`, ADR 0026). Visibility (published, approved vendor) is
 * decided at query time, so `remove` has nothing to do: a hidden product is never returned.
 *
 * Results are kept in process (up to `cacheBytes` of JSON, ADR 0020). A kept result is served only
 * while the tenant's catalog version is the one it was read at: one small query instead of the
 * search, and a committed change to products, tiers, images, vendors or categories shows on the
 * next search. When the version cannot be read, the search runs. A browse's total and facet counts
 * are also kept on their own (up to `facetBytes`, ADR 0030): a browse that is not a kept result
 * (another page, another page size, or the result cache off) reads only its page when the catalog
 * version is the facets' one.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly kind = 'postgres';
  readonly cache: SearchCache;
  /** A browse's total and facets, shared by its pages and page sizes, per catalog version (ADR 0030). */
  readonly facets: FacetCache;
  /** The catalogs' words for typo correction, per tenant and catalog version (ADR 0026). */
  readonly vocabularies = new VocabularyCache();

  constructor(
    private readonly database: Database,
    cacheBytes = 0,
    facetBytes = 0,
  ) {
    this.cache = new SearchCache(cacheBytes);
    this.facets = new SearchCache(facetBytes);
  }

  async search(tenant: TenantRef, query: SearchQuery): Promise<SearchResult> {
    const key = searchCacheKey(tenant, query);
    const kept = this.cache.get(key);
    if (kept && kept.version === (await readCatalogVersion(this.database, tenant).catch(() => null))) {
      this.cache.hits++;
      return kept.result;
    }
    this.cache.misses++;
    const { result, version } = await searchProductsPg(
      this.database,
      tenant,
      query,
      this.vocabularies,
      this.facets,
    );
    if (version !== null) this.cache.set(key, version, result);
    return result;
  }

  async index(tenant: TenantRef, productIds: string[]): Promise<void> {
    await reindexProducts(this.database, tenant, productIds);
  }

  async remove(_tenant: TenantRef, _productIds: string[]): Promise<void> {}

  async reindexAll(tenant: TenantRef): Promise<{ indexed: number }> {
    return { indexed: await reindexAllProducts(this.database, tenant) };
  }
}
