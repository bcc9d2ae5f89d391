import { newId, type ProductBody, type ProductStatus } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { inArray, sql } from 'drizzle-orm';
import { getMarketplaceSettings } from '../../marketplace/get-marketplace-settings.js';
import { productsChanged } from '../catalog-events.js';
import { type ProductFields, productColumns } from './product-view.js';
import { isUniqueViolation, skuTaken } from './product-writes.js';

/** What a vendor asks for: `published` may mean "waiting for review" (moderation). */
export type ProductIntent = 'draft' | 'published' | 'archived';

/**
 * The status a product moves to when its vendor asks for `requested` (null: keep it; a new
 * product starts as a draft). Publishing waits for the operator (`pending_review`) when the
 * marketplace moderates products; a product already published or waiting stays as it is.
 * The one rule for the product API (create, update, publish/unpublish/archive) and the CSV
 * import. Whether the vendor may publish at all (approved) is checked by the callers.
 */
export function nextProductStatus(
  current: ProductStatus | null,
  requested: ProductIntent | null,
  moderated: boolean,
): ProductStatus {
  if (requested === null) return current ?? 'draft';
  if (requested === 'published') {
    if (current === 'published' || current === 'pending_review') return current;
    return moderated ? 'pending_review' : 'published';
  }
  return requested;
}

/** The audit action of a status change, by the status reached. */
export const STATUS_AUDIT_ACTIONS: Record<ProductStatus, string> = {
  draft: 'product.unpublished',
  pending_review: 'product.submitted',
  published: 'product.published',
  archived: 'product.archived',
};

/** The audit entry of a status change (the same from the API's status actions and from writes). */
export const statusAuditEntry = (
  actorUserId: string | null,
  product: { id: string; vendorId: string },
  from: ProductStatus,
  to: ProductStatus,
) => ({
  actorUserId,
  action: STATUS_AUDIT_ACTIONS[to],
  subjectType: 'product',
  subjectId: product.id,
  data: { vendorId: product.vendorId, from, to },
});

export type ProductWrite = {
  /** The product as it is, locked by the caller (`for update`); null for a new product. */
  current: Pick<ProductFields, 'id' | 'sku' | 'status' | 'statusReason' | 'publishedAt'> | null;
  /** Its new content (fields and tiers), checked by the caller. */
  product: ProductBody;
  /** The status asked for (null keeps it). */
  status: ProductIntent | null;
};

/** Whose catalog, and who acts (the vendor user; for an import, the user who started it). */
export type WriteContext = { vendorId: string; userId: string | null };

/**
 * The one write path for product content: the product API's create and update and the CSV
 * import's batches. In the caller's unit of work: every row inserted or updated in one
 * statement (status by `nextProductStatus`; a status change clears the moderation reason and
 * publishing stamps `publishedAt`), its tiers replaced, search columns and `product.changed`
 * (`productsChanged`), and audit rows: `product.created` or `product.updated`, then the status
 * change if any (`product.published`, `product.submitted`, ...). An SKU the vendor already uses
 * elsewhere is a 409 `sku_taken`. Returns the saved rows in the order given.
 */
export async function writeProducts(
  tx: TenantTx,
  context: WriteContext,
  rows: ProductWrite[],
): Promise<(ProductFields & { inserted: boolean })[]> {
  if (!rows.length) return [];
  const { db, t } = tx;
  const moderated = rows.some((r) => r.status === 'published')
    ? (await getMarketplaceSettings(tx)).moderateProducts
    : false;
  const values = rows.map(({ current, product, status: requested }) => {
    const status = nextProductStatus(current?.status ?? null, requested, moderated);
    const publishedAt =
      status === 'published' && current?.status !== 'published' ? new Date() : (current?.publishedAt ?? null);
    return {
      id: current?.id ?? newId('prd'),
      vendorId: context.vendorId,
      sku: product.sku,
      title: product.title,
      description: product.description,
      categoryId: product.categoryId,
      unit: product.unit,
      minOrderQty: product.minOrderQty,
      orderIncrement: product.orderIncrement,
      leadTimeDays: product.leadTimeDays,
      stockQty: product.stockQty,
      attributes: product.attributes,
      currency: product.currency,
      basePriceMinor: product.basePriceMinor,
      status,
      statusReason: current?.status === status ? current.statusReason : null,
      publishedAt,
    };
  });
  const set = Object.fromEntries(
    UPDATE_COLUMNS.map(([key, column]) => [key, sql.raw(`excluded."${column}"`)]),
  );
  let saved: (ProductFields & { inserted: boolean })[];
  try {
    saved = await db
      .insert(t.products)
      .values(values)
      .onConflictDoUpdate({ target: t.products.id, set: { ...set, updatedAt: sql`now()` } })
      .returning({ ...productColumns(t), inserted: sql<boolean>`(xmax = 0)` });
  } catch (e) {
    // Another product of this vendor has the SKU (a new one, or a renamed one).
    if (isUniqueViolation(e) && rows.length === 1 && rows[0]) throw skuTaken(rows[0].product.sku);
    throw e;
  }
  const byId = new Map(saved.map((s) => [s.id, s]));
  const ordered = values.map((v) => byId.get(v.id) as ProductFields & { inserted: boolean });

  const ids = ordered.map((s) => s.id);
  await db.delete(t.priceTiers).where(inArray(t.priceTiers.productId, ids));
  const tiers = ordered.flatMap((s, i) =>
    (rows[i]?.product.tiers ?? []).map((tier) => ({ productId: s.id, ...tier })),
  );
  for (let i = 0; i < tiers.length; i += 5000) await db.insert(t.priceTiers).values(tiers.slice(i, i + 5000));
  await productsChanged(tx, ids);

  const audit = ordered.flatMap((s, i) => {
    const current = rows[i]?.current ?? null;
    const entries = [
      {
        actorUserId: context.userId,
        action: current ? 'product.updated' : 'product.created',
        subjectType: 'product',
        subjectId: s.id,
        data: {
          vendorId: s.vendorId,
          sku: s.sku,
          ...(current && current.sku !== s.sku ? { previousSku: current.sku } : {}),
        } as Record<string, unknown>,
      },
    ];
    const from = current?.status ?? 'draft';
    if (s.status !== from) entries.push(statusAuditEntry(context.userId, s, from, s.status));
    return entries;
  });
  for (let i = 0; i < audit.length; i += 5000) await db.insert(t.auditLog).values(audit.slice(i, i + 5000));
  return ordered;
}

/** Columns a write replaces on an existing product; created_at and the search columns stay. */
const UPDATE_COLUMNS = [
  ['sku', 'sku'],
  ['title', 'title'],
  ['description', 'description'],
  ['categoryId', 'category_id'],
  ['unit', 'unit'],
  ['minOrderQty', 'min_order_qty'],
  ['orderIncrement', 'order_increment'],
  ['leadTimeDays', 'lead_time_days'],
  ['stockQty', 'stock_qty'],
  ['attributes', 'attributes'],
  ['currency', 'currency'],
  ['basePriceMinor', 'base_price_minor'],
  ['status', 'status'],
  ['statusReason', 'status_reason'],
  ['publishedAt', 'published_at'],
] as const;
