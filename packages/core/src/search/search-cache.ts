import type { TenantRef } from '@agora/db';
import type { SearchQuery, SearchResult } from './search-engine.js';

type Entry = { version: number; result: SearchResult };

/**
 * Recent search results of one process, least recently used out first (ADR 0020). Each entry
 * carries the tenant's catalog version of the snapshot it was read in; whoever reads it must
 * compare that with the current version, which every committed catalog change raises. Entries
 * are frozen: a result is shared by every request that hits it.
 */
export class SearchCache {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries: number) {}

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, version: number, result: SearchResult): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { version, result: deepFreeze(result) });
  }

  get size(): number {
    return this.entries.size;
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
