import type { OperatorProduct } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { productNotFound } from './find-vendor-product.js';
import { fullProductView, productColumns } from './product-view.js';

export type OperatorProductView = OperatorProduct;

/** Any product of the marketplace, whatever its status, for the operator (review, support). */
export async function getOperatorProduct(
  database: Database,
  tenant: TenantRef,
  productId: string,
): Promise<OperatorProductView> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    const [row] = await db
      .select({
        product: productColumns(t),
        vendor: { id: t.vendors.id, name: t.vendors.name, status: t.vendors.status },
      })
      .from(t.products)
      .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
      .where(eq(t.products.id, productId));
    if (!row) throw productNotFound();
    return { ...(await fullProductView(tx, row.product)), vendor: row.vendor };
  });
}
