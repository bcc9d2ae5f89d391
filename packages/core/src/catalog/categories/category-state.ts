import type { TenantTx } from '@agora/db';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { pathIds } from './category-view.js';

/**
 * A category and whether it is hidden: archived itself or below an archived category (the
 * public tree leaves out whole archived subtrees). Null when there is no such category.
 */
export async function categoryState(
  { db, t }: TenantTx,
  id: string,
): Promise<{ id: string; name: string; path: string; hidden: boolean } | null> {
  const [row] = await db
    .select({ id: t.categories.id, name: t.categories.name, path: t.categories.path })
    .from(t.categories)
    .where(eq(t.categories.id, id));
  if (!row) return null;
  const archived = await db
    .select({ id: t.categories.id })
    .from(t.categories)
    .where(and(inArray(t.categories.id, pathIds(row.path)), isNotNull(t.categories.archivedAt)))
    .limit(1);
  return { ...row, hidden: archived.length > 0 };
}

/** Hidden categories (archived, or below an archived one) among all of a tenant's categories. */
export function hiddenCategoryIds(all: { id: string; path: string; archivedAt: Date | null }[]): Set<string> {
  const archived = new Set(all.filter((c) => c.archivedAt).map((c) => c.id));
  return new Set(all.filter((c) => pathIds(c.path).some((id) => archived.has(id))).map((c) => c.id));
}
