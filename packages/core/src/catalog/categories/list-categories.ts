import type { CategoryNode } from '@agora/contracts';
import { type Database, readTenant, type TenantRef, withTenant } from '@agora/db';
import { and, asc, count, eq, isNotNull, sql } from 'drizzle-orm';
import { categoryView } from './category-view.js';

type CategoryRow = Parameters<typeof categoryView>[0];

export type { CategoryNode } from '@agora/contracts';

/**
 * The category tree, siblings ordered by position then name.
 *
 * Public (default): archived categories and everything below them are left out. With
 * `includeArchived` (operators) every category is there, with its `archivedAt`.
 * With `counts`, each node has `productCount`: published products of approved vendors in it and
 * in all its subcategories (one aggregate over published products).
 */
export async function listCategories(
  database: Database,
  tenant: TenantRef,
  options: { counts?: boolean; includeArchived?: boolean } = {},
): Promise<CategoryNode[]> {
  const { rows, counts } = options.counts
    ? await readWithCounts(database, tenant)
    : // The public tree (every storefront page of a tenant not in the public cache): one
      // statement in one round trip (ADR 0030).
      {
        rows: await readTenant<CategoryRow>(
          database,
          tenant,
          (t) => sql`select id, parent_id as "parentId", name, slug, path, position,
                       archived_at as "archivedAt", created_at as "createdAt"
                     from ${t.categories} order by position, name`,
        ),
        counts: [],
      };

  const own = new Map(counts.map((c) => [c.categoryId as string, c.n]));
  const nodes = new Map<string, CategoryNode>();
  for (const row of rows) {
    if (row.archivedAt && !options.includeArchived) continue;
    nodes.set(row.id, { ...categoryView(row), ...(options.counts ? { productCount: 0 } : {}), children: [] });
  }
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    if (node.parentId === null) roots.push(node);
    // A node whose parent is left out (archived) is left out with it.
    else nodes.get(node.parentId)?.children.push(node);
  }
  if (options.counts) {
    const total = (node: CategoryNode): number => {
      node.productCount = (own.get(node.id) ?? 0) + node.children.reduce((n, c) => n + total(c), 0);
      return node.productCount;
    };
    roots.forEach(total);
  }
  return roots;
}

async function readWithCounts(database: Database, tenant: TenantRef) {
  return withTenant(database, tenant, async ({ db, t }) => {
    const rows = await db
      .select()
      .from(t.categories)
      .orderBy(asc(t.categories.position), asc(t.categories.name));
    const counts = await db
      .select({ categoryId: t.products.categoryId, n: count() })
      .from(t.products)
      .innerJoin(t.vendors, eq(t.vendors.id, t.products.vendorId))
      .where(
        and(
          eq(t.products.status, 'published'),
          eq(t.vendors.status, 'approved'),
          isNotNull(t.products.categoryId),
        ),
      )
      .groupBy(t.products.categoryId);
    return { rows, counts };
  });
}
