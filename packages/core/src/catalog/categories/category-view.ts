import type { Category } from '@agora/contracts';
import type { TenantTx } from '@agora/db';

type CategoryRow = TenantTx['t']['categories']['$inferSelect'];

/** A category as the API shows it; `path` (the ids from the root) stays internal. */
export type CategoryView = Category;

export const categoryView = (row: CategoryRow): CategoryView => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  parentId: row.parentId,
  position: row.position,
  archivedAt: row.archivedAt?.toISOString() ?? null,
});

/** Category ids from the root down to this one, from a materialized path `/cat_a/cat_b/`. */
export const pathIds = (path: string) => path.split('/').filter(Boolean);
