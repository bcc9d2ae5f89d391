import type { TenantTx } from '@agora/db';
import { asc, eq } from 'drizzle-orm';

/** Rewrite a product's images in the given order, numbered 0..n-1 (the first is the main image). */
export async function writeImageOrder(
  { db, t }: TenantTx,
  productId: string,
  fileKeys: string[],
): Promise<void> {
  // Delete and insert rather than update: shifting positions in place would collide with the
  // (product, position) primary key partway through the statement.
  await db.delete(t.productImages).where(eq(t.productImages.productId, productId));
  if (fileKeys.length)
    await db
      .insert(t.productImages)
      .values(fileKeys.map((fileKey, position) => ({ productId, position, fileKey })));
}

export async function currentImageKeys({ db, t }: TenantTx, productId: string): Promise<string[]> {
  const rows = await db
    .select({ fileKey: t.productImages.fileKey })
    .from(t.productImages)
    .where(eq(t.productImages.productId, productId))
    .orderBy(asc(t.productImages.position));
  return rows.map((r) => r.fileKey);
}
