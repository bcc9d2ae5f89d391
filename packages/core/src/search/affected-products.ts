import { OUTBOX_EVENTS } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { sql } from 'drizzle-orm';

/** The topics that change what search shows, and so lead to `search.index.v1`. */
export const SEARCH_TOPICS = [
  'product.changed',
  'vendor.status_changed',
  'vendor.updated',
  'category.changed',
] as const;
export type SearchTopic = (typeof SEARCH_TOPICS)[number];

export const isSearchTopic = (topic: string): topic is SearchTopic =>
  (SEARCH_TOPICS as readonly string[]).includes(topic);

/**
 * The products an event touches, read now: a product change names them; a vendor change means
 * all of its products; a category change means every product in the category's subtree.
 */
export async function affectedProducts(
  tx: TenantTx,
  topic: SearchTopic,
  payload: unknown,
): Promise<string[]> {
  const { products, categories } = tx.t;
  switch (topic) {
    case 'product.changed':
      return OUTBOX_EVENTS[topic].parse(payload).productIds;
    case 'vendor.status_changed':
    case 'vendor.updated': {
      const { vendorId } = OUTBOX_EVENTS[topic].parse(payload);
      const rows = await tx.db.execute<{ id: string }>(
        sql`select id from ${products} where vendor_id = ${vendorId} order by id`,
      );
      return rows.rows.map((r) => r.id);
    }
    case 'category.changed': {
      const { categoryIds } = OUTBOX_EVENTS[topic].parse(payload);
      const rows = await tx.db.execute<{ id: string }>(sql`
        select p.id from ${products} p
        where p.category_id in (
          select c.id from ${categories} c, ${categories} root
          where root.id = any(${sql.param(categoryIds)}::text[])
            and left(c.path, length(root.path)) = root.path
        )
        order by p.id
      `);
      return rows.rows.map((r) => r.id);
    }
  }
}
