import type { TenantRef } from '@agora/db';
import type { SearchQuery, SearchResult } from './search-engine.js';

type Entry<V> = { version: number; result: V; bytes: number };

/**
 * Recent search results of one process, least recently used out first (ADR 0020), within a
 * budget of `maxBytes` counted as the results' JSON length (a result with a long facet list
 * weighs what it holds; the heap keeps about 1.3 times that). Each entry carries the tenant's
 * catalog version of the snapshot it was read in; whoever reads it must compare that with the
 * current version, which every committed catalog change raises. Entries are frozen: a result is
 * shared by every request that hits it. The same structure keeps a browse's facets and count
 * (`FacetCache`, ADR 0030), with their own budget.
 */
export class SearchCache<V = SearchResult> {
  private readonly entries = new Map<string, Entry<V>>();
  private used = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): Entry<V> | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Keeps a result, dropping the least recently used until it fits; one larger than the whole budget is not kept. */
  set(key: string, version: number, result: V): void {
    if (this.maxBytes <= 0) return;
    this.delete(key);
    const bytes = JSON.stringify(result).length;
    if (bytes > this.maxBytes) return;
    for (const oldest of this.entries.keys()) {
      if (this.used + bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
    this.entries.set(key, { version, result: deepFreeze(result), bytes });
    this.used += bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The JSON length of the kept results. */
  get bytes(): number {
    return this.used;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.bytes;
  }
}

/** The cache key of a search: the tenant (id and schema) and every field of the query, in a fixed order. */
export function searchCacheKey(tenant: TenantRef, query: SearchQuery): string {
  const fields = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([tenant.id, tenant.schemaName, fields]);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * A browse's total and facet counts: what every page and page size of one browse share (ADR
 * 0030). Kept per tenant and catalog version like whole results. The facets object is the one
 * every answer from these counts carries (frozen, shared), so its JSON is made once
 * (`searchResultJson`).
 */
export type KeptFacets = {
  total: number;
  facets: SearchResult['facets'];
};
export type FacetCache = SearchCache<KeptFacets>;

/**
 * The facet cache key of a query, or null when its counts are not kept: the tenant (id and
 * schema) and every field of the query but the page and its size, which the total and facets do
 * not depend on (they cover the whole result window). Only for queries that count their whole
 * window (`countTotal` not false); with `facets: false` the total alone is kept (a vendor's page).
 */
export function facetCacheKey(tenant: TenantRef, query: SearchQuery): string | null {
  if (query.countTotal === false) return null;
  return searchCacheKey(tenant, { ...query, page: 0, limit: 0 });
}

/** The JSON of frozen facets (kept counts, kept results: shared by every answer made from them). */
const facetsJson = new WeakMap<object, string>();

/**
 * `JSON.stringify(body)`, with the facets last, and the facets of a kept browse or result
 * serialised once rather than for every answer: a browse of a large catalog carries hundreds of
 * category and vendor counts, several times the JSON of its page (ADR 0030). Facets that are not
 * frozen (counted for this answer only) are serialised as usual.
 */
export function searchResultJson(body: { facets: SearchResult['facets'] }): string {
  const { facets, ...rest } = body;
  let json = facetsJson.get(facets);
  if (json === undefined) {
    json = JSON.stringify(facets);
    if (Object.isFrozen(facets)) facetsJson.set(facets, json);
  }
  const head = JSON.stringify(rest);
  return head === '{}' ? `{"facets":${json}}` : `${head.slice(0, -1)},"facets":${json}}`;
}
