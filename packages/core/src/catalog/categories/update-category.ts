import { AppError, type UpdateCategoryBody } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, eq, ne, sql } from 'drizzle-orm';
import { recordTenantAudit } from '../../audit/record-tenant-audit.js';
import { categoriesChanged } from '../catalog-events.js';
import { likePrefix } from '../like-prefix.js';
import { categoryNotFound, slugTaken } from './category-errors.js';
import { type CategoryView, categoryView } from './category-view.js';
import { usableParent } from './create-category.js';
import { lockCategoryTree } from './lock-category-tree.js';

/**
 * Rename, re-slug, reorder or move a category. Moving takes its whole subtree along: every
 * descendant's `path` is rewritten in one statement. A category cannot go under itself or under
 * one of its descendants (409 `invalid_state`), nor under an archived category (400).
 * Products keep their category; search is told about every category whose names or place changed.
 */
export async function updateCategory(
  database: Database,
  tenant: TenantRef,
  actorUserId: string,
  id: string,
  input: UpdateCategoryBody,
): Promise<CategoryView> {
  return withTenant(database, tenant, async (tx) => {
    const { db, t } = tx;
    await lockCategoryTree(tx);
    const [current] = await db.select().from(t.categories).where(eq(t.categories.id, id));
    if (!current) throw categoryNotFound();

    if (input.slug !== undefined && input.slug !== current.slug) {
      const [other] = await db
        .select({ id: t.categories.id })
        .from(t.categories)
        .where(and(eq(t.categories.slug, input.slug), ne(t.categories.id, id)));
      if (other) throw slugTaken(input.slug, 'slug');
    }

    let path = current.path;
    const moving = input.parentId !== undefined && input.parentId !== current.parentId;
    if (moving) {
      let parentPath = '/';
      if (input.parentId) {
        const parent = await usableParent(tx, input.parentId);
        if (parent.path.startsWith(current.path))
          throw new AppError(
            'invalid_state',
            parent.id === id
              ? 'A category cannot be its own parent'
              : `"${parent.name}" is inside "${current.name}"; a category cannot move under its own subcategory`,
            { fields: [{ path: 'parentId', message: 'is this category or one of its subcategories' }] },
          );
        parentPath = parent.path;
      }
      path = `${parentPath}${id}/`;
      // The whole subtree in one statement: each path keeps its tail below this category.
      await db
        .update(t.categories)
        .set({ path: sql`${path} || substr(${t.categories.path}, ${current.path.length + 1})` })
        .where(sql`${t.categories.path} like ${likePrefix(current.path)}`);
    }

    const [row] = await db
      .update(t.categories)
      .set({
        name: input.name ?? current.name,
        slug: input.slug ?? current.slug,
        position: input.position ?? current.position,
        parentId: moving ? (input.parentId ?? null) : current.parentId,
      })
      .where(eq(t.categories.id, id))
      .returning();
    if (!row) throw categoryNotFound();

    const renamed = row.name !== current.name || row.slug !== current.slug;
    if (renamed || moving) {
      const subtree = await db
        .select({ id: t.categories.id })
        .from(t.categories)
        .where(sql`${t.categories.path} like ${likePrefix(path)}`);
      await categoriesChanged(
        tx,
        subtree.map((c) => c.id),
      );
    }
    await recordTenantAudit(tx, {
      actorUserId,
      action: moving ? 'category.moved' : 'category.updated',
      subjectType: 'category',
      subjectId: id,
      data: {
        before: {
          name: current.name,
          slug: current.slug,
          parentId: current.parentId,
          position: current.position,
        },
        after: { name: row.name, slug: row.slug, parentId: row.parentId, position: row.position },
      },
    });
    return categoryView(row);
  });
}
