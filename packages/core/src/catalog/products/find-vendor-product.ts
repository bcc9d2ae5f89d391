import { AppError } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { and, eq } from 'drizzle-orm';
import { type ProductFields, productColumns } from './product-view.js';

export const productNotFound = () => new AppError('not_found', 'No product with this id');

/**
 * One of the vendor's own products, locked for the rest of the unit of work when `lock` is set.
 * Another vendor's product is "not found", exactly like a missing one.
 */
export async function findVendorProduct(
  { db, t }: TenantTx,
  vendorId: string,
  productId: string,
  options: { lock?: boolean } = {},
): Promise<ProductFields> {
  const query = db
    .select(productColumns(t))
    .from(t.products)
    .where(and(eq(t.products.id, productId), eq(t.products.vendorId, vendorId)));
  const [row] = await (options.lock ? query.for('update') : query);
  if (!row) throw productNotFound();
  return row;
}
