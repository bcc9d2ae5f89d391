import { AppError, checkFieldsMessage, type FieldIssue, type ProductBody } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { eq } from 'drizzle-orm';
import type { Tier } from '../../pricing/tiers.js';
import { categoryState } from '../categories/category-state.js';
import { productRuleIssues } from './validate-product.js';

/** Throw the one 400 shape when there are issues, naming every field. */
export function throwIfInvalid(issues: FieldIssue[], what = 'product'): void {
  if (!issues.length) return;
  throw new AppError(
    'validation_failed',
    checkFieldsMessage(
      what,
      issues.map((i) => i.path),
    ),
    { fields: issues },
  );
}

/**
 * Every rule a product must follow, the database ones included: the category exists and is not
 * archived (a product already in an archived category may stay there).
 */
export async function productIssues(
  tx: TenantTx,
  input: ProductBody,
  currentCategoryId: string | null = null,
): Promise<FieldIssue[]> {
  const issues = productRuleIssues(input);
  if (input.categoryId && input.categoryId !== currentCategoryId) {
    const category = await categoryState(tx, input.categoryId);
    if (!category)
      issues.push({ path: 'categoryId', message: 'no category with this id in this marketplace' });
    else if (category.hidden)
      issues.push({
        path: 'categoryId',
        message: 'this category is archived (or inside an archived one); choose another',
      });
  }
  return issues;
}

export const skuTaken = (sku: string) =>
  new AppError('sku_taken', `You already have a product with SKU ${sku}; SKUs are unique per vendor`, {
    fields: [{ path: 'sku', message: 'is already used by another of your products' }],
  });

/** A unique-constraint violation from PostgreSQL, possibly wrapped by drizzle. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (x: unknown) => (x as { code?: unknown } | null)?.code;
  return code(e) === '23505' || code((e as { cause?: unknown } | null)?.cause) === '23505';
}

/** Replace a product's tiers as a whole. */
export async function replaceTiers({ db, t }: TenantTx, productId: string, tiers: Tier[]): Promise<void> {
  await db.delete(t.priceTiers).where(eq(t.priceTiers.productId, productId));
  if (tiers.length) await db.insert(t.priceTiers).values(tiers.map((tier) => ({ productId, ...tier })));
}

/** The product columns a vendor writes, from a validated body. */
export const writableColumns = (input: ProductBody) => ({
  sku: input.sku,
  title: input.title,
  description: input.description,
  categoryId: input.categoryId,
  unit: input.unit,
  minOrderQty: input.minOrderQty,
  orderIncrement: input.orderIncrement,
  leadTimeDays: input.leadTimeDays,
  stockQty: input.stockQty,
  attributes: input.attributes,
  currency: input.currency,
  basePriceMinor: input.basePriceMinor,
});
