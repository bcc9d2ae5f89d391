import { type Database, type TenantRef, withTenant } from '@agora/db';
import { asc, gt } from 'drizzle-orm';
import { rebuildSearchWordsTx, reindexProductsTx } from './reindex-products-tx.js';

const BATCH = 1000;

/**
 * `reindexProductsTx` for any number of products, in batches of 1,000, one transaction each
 * (a vendor with many products never holds one long transaction). Returns rows written.
 */
export async function reindexProducts(database: Database, tenant: TenantRef, productIds: string[]) {
  const ids = [...new Set(productIds)];
  let written = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    written += await withTenant(database, tenant, (tx) => reindexProductsTx(tx, batch));
  }
  return written;
}

/**
 * Recompute every product of the tenant, in id order, 2,000 per transaction, then rebuild the
 * vocabulary of typo correction (`search_words`) in one more.
 */
export async function reindexAllProducts(database: Database, tenant: TenantRef): Promise<number> {
  let after = '';
  let seen = 0;
  for (;;) {
    const ids = await withTenant(database, tenant, async (tx) => {
      const { products } = tx.t;
      const rows = await tx.db
        .select({ id: products.id })
        .from(products)
        .where(gt(products.id, after))
        .orderBy(asc(products.id))
        .limit(2 * BATCH);
      await reindexProductsTx(
        tx,
        rows.map((r) => r.id),
      );
      return rows.map((r) => r.id);
    });
    seen += ids.length;
    if (ids.length < 2 * BATCH) {
      await withTenant(database, tenant, (tx) => rebuildSearchWordsTx(tx));
      return seen;
    }
    after = ids[ids.length - 1] as string;
  }
}
