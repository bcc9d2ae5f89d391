import { AppError, type CreateCategoryBody, newId } from '@agora/contracts';
import { type Database, type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { count } from 'drizzle-orm';
import { recordTenantAudit } from '../../audit/record-tenant-audit.js';
import { slugify } from '../slugify.js';
import { fieldError, slugTaken } from './category-errors.js';
import { categoryState } from './category-state.js';
import { type CategoryView, categoryView } from './category-view.js';
import { lockCategoryTree } from './lock-category-tree.js';

/**
 * Categories a marketplace may hold, archived ones included. The tree is listed whole (a tree
 * does not page), so this bounds every category list: about 150 bytes a category in JSON.
 */
export const MAX_CATEGORIES = 5_000;

/**
 * Add a category, at the top level or under `parentId` (which must exist and not be archived).
 * The slug comes from the name unless given; slugs are unique in the marketplace (409
 * `slug_taken`, naming the field to change; 409 `conflict` beyond MAX_CATEGORIES).
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
    // Under the tree lock, so concurrent additions cannot pass the bound together.
    const [held] = await tx.db.select({ n: count() }).from(tx.t.categories);
    if ((held?.n ?? 0) >= MAX_CATEGORIES)
      throw new AppError(
        'conflict',
        `A marketplace holds at most ${MAX_CATEGORIES} categories, archived ones included; rename or move existing ones`,
      );
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
