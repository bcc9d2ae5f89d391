import { AppError } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../../audit/record-tenant-audit.js';
import { categoriesChanged } from '../catalog-events.js';
import { likePrefix } from '../like-prefix.js';
import { categoryNotFound } from './category-errors.js';
import { categoryState } from './category-state.js';
import { type CategoryView, categoryView, pathIds } from './category-view.js';
import { lockCategoryTree } from './lock-category-tree.js';

/**
 * Archive a category (`archived: true`) or bring it back (`false`). An archived category and
 * everything below it leave the public tree; products keep their category. Idempotent.
 * Restoring under a parent that is still archived is refused (409): restore the parent first.
 */
export async function setCategoryArchived(
  database: Database,
  tenant: TenantRef,
  actorUserId: string,
  id: string,
  archived: boolean,
): Promise<CategoryView> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    await lockCategoryTree(tx);
    const [current] = await db.select().from(t.categories).where(eq(t.categories.id, id));
    if (!current) throw categoryNotFound();
    if (Boolean(current.archivedAt) === archived) return categoryView(current);
    if (!archived && current.parentId) {
      const parent = await categoryState(tx, current.parentId);
      if (parent?.hidden)
        throw new AppError(
          'invalid_state',
          `"${parent.name}" above this category is archived (or inside an archived one); restore it first or move this category`,
        );
    }
    const [row] = await db
      .update(t.categories)
      .set({ archivedAt: archived ? new Date() : null })
      .where(eq(t.categories.id, id))
      .returning();
    if (!row) throw categoryNotFound();
    const subtree = await db
      .select({ id: t.categories.id })
      .from(t.categories)
      .where(sql`${t.categories.path} like ${likePrefix(row.path)}`);
    await categoriesChanged(
      tx,
      subtree.map((c) => c.id),
    );
    await recordTenantAudit(tx, {
      actorUserId,
      action: archived ? 'category.archived' : 'category.restored',
      subjectType: 'category',
      subjectId: id,
      data: { name: row.name, path: pathIds(row.path) },
    });
    return categoryView(row);
  });
}
