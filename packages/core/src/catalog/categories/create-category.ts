import { type CreateCategoryBody, newId } from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { recordTenantAudit } from '../../audit/record-tenant-audit.js';
import { slugify } from '../slugify.js';
import { fieldError, slugTaken } from './category-errors.js';
import { categoryState } from './category-state.js';
import { type CategoryView, categoryView } from './category-view.js';
import { lockCategoryTree } from './lock-category-tree.js';

/**
 * Add a category, at the top level or under `parentId` (which must exist and not be archived).
 * The slug comes from the name unless given; slugs are unique in the marketplace (409
 * `slug_taken`, naming the field to change).
 */
export async function createCategory(
  database: Database,
  tenant: TenantRef,
  actorUserId: string,
  input: CreateCategoryBody,
): Promise<CategoryView> {
  const slug = input.slug ?? slugify(input.name);
  if (!slug) throw fieldError('slug', 'cannot be made from this name; send a slug (a-z, 0-9, hyphens)');
  return withTenant(database, tenant, async (tx) => {
    await lockCategoryTree(tx);
    const parentPath = input.parentId ? (await usableParent(tx, input.parentId)).path : '/';
    const id = newId('cat');
    const [row] = await tx.db
      .insert(tx.t.categories)
      .values({
        id,
        parentId: input.parentId ?? null,
        name: input.name,
        slug,
        path: `${parentPath}${id}/`,
        position: input.position ?? 0,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw slugTaken(slug, input.slug ? 'slug' : 'name');
    await recordTenantAudit(tx, {
      actorUserId,
      action: 'category.created',
      subjectType: 'category',
      subjectId: id,
      data: { name: row.name, slug, parentId: row.parentId },
    });
    return categoryView(row);
  });
}

/** A category that may take children: it exists and is not archived (nor below an archived one). */
export async function usableParent(tx: TenantTx, parentId: string) {
  const parent = await categoryState(tx, parentId);
  if (!parent) throw fieldError('parentId', 'no category with this id in this marketplace');
  if (parent.hidden)
    throw fieldError(
      'parentId',
      'this category is archived (or is inside an archived one); restore it first',
    );
  return parent;
}
