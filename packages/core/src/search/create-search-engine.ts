import type { Config } from '@agora/config';
import type { Database } from '@agora/db';
import { MeilisearchEngine } from './meili/meilisearch-engine.js';
import { PostgresSearchEngine } from './postgres-search-engine.js';
import type { SearchEngine } from './search-engine.js';

/** Meilisearch when MEILI_URL is set, else PostgreSQL in the tenant schema (with its result cache). */
export function createSearchEngine(config: Pick<Config, 'search'>, database: Database): SearchEngine {
  const meili = config.search.meili;
  if (meili) return new MeilisearchEngine({ url: meili.url, apiKey: meili.apiKey, database });
  return new PostgresSearchEngine(database, config.search.cacheBytes, config.search.facetCacheBytes);
}
