import type { TenantTx } from '@agora/db';
import { emitEvent } from '../outbox/emit-event.js';
import { reindexProductsTx } from '../search/reindex-products-tx.js';

/** Ids per event: a 10,000-row import becomes a few events, not one huge payload. */
const IDS_PER_EVENT = 1000;

/**
 * Every catalog write calls this in its own unit of work. The PostgreSQL search columns are
 * recomputed right there (`reindexProductsTx`, owned by search), so a product change is
 * searchable on the next request; a `product.changed` event goes to the outbox for every other
 * consumer (the indexing job, Meilisearch). A rolled-back write does neither.
 * `indexNow: false` leaves the search columns to the indexing job (bulk imports).
 */
export async function productsChanged(
  tx: TenantTx,
  productIds: string[],
  options: { indexNow?: boolean } = {},
): Promise<void> {
  if (!productIds.length) return;
  if (options.indexNow !== false) await reindexProductsTx(tx, productIds);
  for (let i = 0; i < productIds.length; i += IDS_PER_EVENT)
    await emitEvent(tx, 'product.changed', { productIds: productIds.slice(i, i + IDS_PER_EVENT) });
}

/** Category names and places feed product search documents too (rename, move, archive). */
export async function categoriesChanged(tx: TenantTx, categoryIds: string[]): Promise<void> {
  if (categoryIds.length) await emitEvent(tx, 'category.changed', { categoryIds });
}
