import type { Database, TenantRef } from '@agora/db';
import { reindexAllProducts, reindexProducts } from './reindex-products.js';
import type { SearchEngine, SearchQuery, SearchResult } from './search-engine.js';
import { searchProductsPg } from './search-products-pg.js';

/**
 * The default search: PostgreSQL full-text and trigram matching over `products.search_document`
 * and `products.search_text` in the tenant schema. Visibility (published, approved vendor) is
 * decided at query time, so `remove` has nothing to do: a hidden product is never returned.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly kind = 'postgres';

  constructor(private readonly database: Database) {}

  search(tenant: TenantRef, query: SearchQuery): Promise<SearchResult> {
    return searchProductsPg(this.database, tenant, query);
  }

  async index(tenant: TenantRef, productIds: string[]): Promise<void> {
    await reindexProducts(this.database, tenant, productIds);
  }

  async remove(_tenant: TenantRef, _productIds: string[]): Promise<void> {}

  async reindexAll(tenant: TenantRef): Promise<{ indexed: number }> {
    return { indexed: await reindexAllProducts(this.database, tenant) };
  }
}
