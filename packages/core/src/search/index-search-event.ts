import { type Database, platformTables as p, withTenant } from '@agora/db';
import type { JobPayload, searchIndexJob } from '@agora/queue';
import { and, eq, inArray } from 'drizzle-orm';
import { PermanentJobError } from '../permanent-job-error.js';
import { affectedProducts, isSearchTopic } from './affected-products.js';
import { reindexProducts } from './reindex-products.js';
import type { SearchEngine } from './search-engine.js';

export type IndexOutcome = { products: number; written: number };

/**
 * The `search.index.v1` job: recompute the products an outbox event touches. The PostgreSQL
 * columns are always recomputed (cheap when nothing changed: unchanged rows are not written), so
 * they stay right whichever engine serves searches; a Meilisearch engine then re-reads the same
 * products into its index (hidden ones are deleted). Everything is read from the database at
 * run time, so a retried or repeated job converges on the same index.
 */
export async function indexSearchEvent(
  deps: { database: Database; search: SearchEngine },
  payload: JobPayload<typeof searchIndexJob>,
): Promise<IndexOutcome> {
  if (!isSearchTopic(payload.topic)) throw new PermanentJobError(`not a search topic: ${payload.topic}`);
  const [tenant] = await deps.database.platform
    .select({ id: p.tenants.id, schemaName: p.tenants.schemaName })
    .from(p.tenants)
    .where(and(eq(p.tenants.id, payload.tenantId), inArray(p.tenants.status, ['active', 'suspended'])));
  // A tenant that is gone (or not provisioned) has no products to index; the event is dropped.
  if (!tenant) return { products: 0, written: 0 };
  const topic = payload.topic;
  const ids = await withTenant(deps.database, tenant, (tx) => affectedProducts(tx, topic, payload.payload));
  const written = await reindexProducts(deps.database, tenant, ids);
  if (deps.search.kind !== 'postgres' && ids.length) await deps.search.index(tenant, ids);
  return { products: ids.length, written };
}
