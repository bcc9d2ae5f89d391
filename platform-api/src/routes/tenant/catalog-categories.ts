import {
  AppError,
  Category,
  CategoryCountsQuery,
  CategoryTree,
  CategoryTreeQuery,
  CategoryWithAncestors,
  CreateCategoryBody,
  UpdateCategoryBody,
} from '@agora/contracts';
import {
  createCategory,
  findCategoryBySlug,
  listCategories,
  MAX_CATEGORIES,
  setCategoryArchived,
  treeToDepth,
  updateCategory,
} from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { changesPublic } from '../../public-cache.js';

const tags = ['catalog: categories'];
const IdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'cat_3k9m2q7w1z3x5c9v' }),
});
const SlugParam = z.object({
  slug: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'slug', in: 'path' }, example: 'fasteners' }),
});

/** The public tree, kept per tenant in the public cache (it changes a few times a year). */
const publicTree = (c: { var: TenantEnv['Variables'] }) => {
  const { database, publicCache } = c.var.deps;
  const tenant = c.var.tenant;
  return publicCache.read(tenant.id, 'categories', () => listCategories(database, tenant));
};

/** The category tree: public reading, operator changes (create, rename, move, archive). */
export const tenantCatalogCategories = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.public,
      method: 'get',
      path: '/categories',
      operationId: 'listCategories',
      tags,
      summary: 'The category tree (public)',
      description:
        'Top-level categories with nested `children`, siblings ordered by `position`, then name. ' +
        'Archived categories and everything below them are left out.',
      request: { query: CategoryTreeQuery },
      responses: { 200: json(CategoryTree, 'The tree'), ...errorResponses(400, 404) },
    }),
    async (c) => {
      const { counts, depth } = c.req.valid('query');
      // With counts the tree follows every product change, so only the plain tree is cached.
      const tree =
        counts === 'true'
          ? await listCategories(c.var.deps.database, c.var.tenant, { counts: true })
          : await publicTree(c);
      return c.json({ data: depth ? treeToDepth(tree, depth) : tree }, 200);
    },
  )
  .openapi(
    createRoute({
      ...access.public,
      method: 'get',
      path: '/categories/{slug}',
      operationId: 'getCategory',
      tags,
      summary: 'One category by slug, with everything below it and its ancestors (public)',
      description:
        'What a category page needs without the whole tree. An archived category, or one inside an ' +
        'archived one, is a 404 like an unknown slug.',
      request: { params: SlugParam },
      responses: { 200: json(CategoryWithAncestors, 'The category'), ...errorResponses(400, 404) },
    }),
    async (c) => {
      const found = findCategoryBySlug(await publicTree(c), c.req.valid('param').slug);
      if (!found) throw new AppError('not_found', 'There is no category with this slug');
      return c.json(found, 200);
    },
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/categories',
      operationId: 'listOperatorCategories',
      tags,
      summary: 'The whole category tree, archived categories included (operator)',
      request: { query: CategoryCountsQuery },
      responses: { 200: json(CategoryTree, 'The tree'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        {
          data: await listCategories(c.var.deps.database, c.var.tenant, {
            counts: c.req.valid('query').counts === 'true',
            includeArchived: true,
          }),
        },
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      ...changesPublic(...access.operator.middleware),
      method: 'post',
      path: '/operator/categories',
      operationId: 'createCategory',
      tags,
      summary: 'Add a category (operator)',
      description:
        'At the top level, or under `parentId` (which must exist and not be archived: else 400 on ' +
        '`parentId`). The slug is made from the name unless `slug` is given; a slug already used ' +
        'is a 409 `slug_taken` naming the field to change (`name` or `slug`). A marketplace holds at ' +
        `most ${MAX_CATEGORIES.toLocaleString('en')} categories, archived ones included (409 \`conflict\` beyond): the tree is listed whole.`,
      request: { body: jsonBody(CreateCategoryBody) },
      responses: { 201: json(Category, 'Created'), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await createCategory(c.var.deps.database, c.var.tenant, c.var.user.sub, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      ...changesPublic(...access.operator.middleware),
      method: 'patch',
      path: '/operator/categories/{id}',
      operationId: 'updateCategory',
      tags,
      summary: 'Rename, reorder or move a category (operator)',
      description:
        'Only the fields sent change. The slug stays as it is on rename (addresses keep working) ' +
        'unless `slug` is sent. `parentId: null` moves it to the top level; moving takes the whole ' +
        'subtree along. Moving under itself or one of its subcategories is a 409 `invalid_state`.',
      request: { params: IdParam, body: jsonBody(UpdateCategoryBody) },
      responses: { 200: json(Category, 'The category as saved'), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await updateCategory(
          c.var.deps.database,
          c.var.tenant,
          c.var.user.sub,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      ...changesPublic(...access.operator.middleware),
      method: 'post',
      path: '/operator/categories/{id}/archive',
      operationId: 'archiveCategory',
      tags,
      summary: 'Archive a category (operator)',
      description:
        'It and everything below it leave the public tree; products keep their category. Idempotent.',
      request: { params: IdParam },
      responses: { 200: json(Category, 'The archived category'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await setCategoryArchived(
          c.var.deps.database,
          c.var.tenant,
          c.var.user.sub,
          c.req.valid('param').id,
          true,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      ...changesPublic(...access.operator.middleware),
      method: 'post',
      path: '/operator/categories/{id}/restore',
      operationId: 'restoreCategory',
      tags,
      summary: 'Bring an archived category back (operator)',
      description: 'Its parent must not be archived (409). Idempotent.',
      request: { params: IdParam },
      responses: { 200: json(Category, 'The category'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await setCategoryArchived(
          c.var.deps.database,
          c.var.tenant,
          c.var.user.sub,
          c.req.valid('param').id,
          false,
        ),
        200,
      ),
  );
