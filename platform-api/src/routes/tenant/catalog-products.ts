import {
  MAX_PRODUCT_IMAGES,
  PRODUCT_STATUSES,
  ProductBody,
  ProductImages,
  ProductSummaryPage,
  ReorderImagesBody,
  VendorProduct,
  VendorProductListQuery,
} from '@agora/contracts';
import {
  addProductImage,
  catalogCsvTemplate,
  changeProductStatus,
  createProduct,
  deleteProductImage,
  exportProductsCsv,
  getVendorProduct,
  imageTooLarge,
  listVendorProducts,
  type ProductAction,
  reorderProductImages,
  updateProduct,
} from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access, chain } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { UPLOAD_BODY_LIMITS, uploadLimit } from '../../middleware/body-limit.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { csvText, textStream } from '../../text-stream.js';
import { binary, IdParam, uploadedBytes } from './catalog-schemas.js';
import { optionalParams } from './query-params.js';

const tags = ['catalog: vendor products'];

const ListQuery = optionalParams(VendorProductListQuery);

const statusAction = (action: ProductAction, summary: string, description: string) =>
  createRoute({
    ...access.vendor,
    method: 'post',
    path: `/vendor/products/{id}/${action}`,
    operationId: `${action}Product`,
    tags,
    summary,
    description,
    request: { params: IdParam },
    responses: { 200: json(VendorProduct, 'The product'), ...errorResponses(401, 403, 404, 409) },
  });

const imageLimit = uploadLimit(UPLOAD_BODY_LIMITS.productImage, () => imageTooLarge());

/**
 * A vendor's own products (vendor admins and staff): list, create, edit, publish, images, and the
 * CSV template and export. Every query is bound to the caller's vendor: other vendors' ids are 404.
 * The static paths (csv-template, export.csv) come before `{id}` so the router tries them first.
 */
export const tenantCatalogProducts = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/products/csv-template',
      operationId: 'getProductCsvTemplate',
      tags: ['catalog: CSV import and export'],
      summary: 'The CSV template: header and two example rows',
      description: 'The format is described in docs/catalog-csv.md and on POST /vendor/imports.',
      responses: { 200: { description: 'The template', content: csvText }, ...errorResponses(401, 403) },
    }),
    (c) =>
      c.body(catalogCsvTemplate(), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="catalog-template.csv"',
      }),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/products/export.csv',
      operationId: 'exportProductsCsv',
      tags: ['catalog: CSV import and export'],
      summary: 'Your catalog as CSV, in the import format (streamed)',
      description:
        'Every product by SKU, archived ones included (or only `status`), so a file exported, ' +
        'edited and imported again updates the same products.',
      request: { query: optionalParams(z.object({ status: z.enum(PRODUCT_STATUSES).optional() })) },
      responses: { 200: { description: 'The CSV file', content: csvText }, ...errorResponses(400, 401, 403) },
    }),
    (c) =>
      c.body(
        textStream(
          exportProductsCsv(
            c.var.deps.database,
            c.var.tenant,
            { vendorId: c.var.vendorId },
            { status: c.req.valid('query').status },
          ),
        ),
        200,
        {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="products.csv"',
          'cache-control': 'no-store',
        },
      ),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/products',
      operationId: 'listVendorProducts',
      tags,
      summary: 'Your products, by SKU',
      description: 'Filter by `status` and by `q` (part of the title or SKU). Keyset-paginated.',
      request: { query: ListQuery },
      responses: { 200: json(ProductSummaryPage, 'A page of products'), ...errorResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(
        await listVendorProducts(
          c.var.deps.database,
          c.var.tenant,
          { vendorId: c.var.vendorId },
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'post',
      path: '/vendor/products',
      operationId: 'createProduct',
      tags,
      summary: 'Add a product (as a draft)',
      description:
        'Amounts are integers in minor units of `currency` (cents). `tiers` are volume prices as lower ' +
        'bounds: the first starts at `minOrderQty`, bounds are unique, and the unit price never rises ' +
        'with quantity nor exceeds `basePriceMinor`. Errors name each field (`tiers.1.unitPriceMinor`). ' +
        'An SKU you already use is a 409 `sku_taken` naming `sku`.',
      request: { body: jsonBody(ProductBody) },
      responses: { 201: json(VendorProduct, 'Created'), ...errorResponses(400, 401, 403, 409) },
    }),
    async (c) =>
      c.json(
        await createProduct(
          c.var.deps.database,
          c.var.tenant,
          { userId: c.var.user.sub, vendorId: c.var.vendorId },
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/products/{id}',
      operationId: 'getVendorProduct',
      tags,
      summary: 'One of your products, with tiers and images',
      request: { params: IdParam },
      responses: { 200: json(VendorProduct, 'The product'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await getVendorProduct(
          c.var.deps.database,
          c.var.tenant,
          { vendorId: c.var.vendorId },
          c.req.valid('param').id,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'put',
      path: '/vendor/products/{id}',
      operationId: 'updateProduct',
      tags,
      summary: 'Replace a product (all fields, tiers as a whole)',
      description:
        'Same body and rules as creating. The status is kept: a published product stays published ' +
        'with the new content.',
      request: { params: IdParam, body: jsonBody(ProductBody) },
      responses: {
        200: json(VendorProduct, 'The product as saved'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await updateProduct(
          c.var.deps.database,
          c.var.tenant,
          { userId: c.var.user.sub, vendorId: c.var.vendorId },
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    statusAction(
      'publish',
      'Publish a product',
      'Only once your vendor is approved (else 409 `invalid_state` saying why). When the marketplace ' +
        'moderates products, the status becomes `pending_review` until an operator approves it; ' +
        'otherwise `published` at once. Publishing a published or waiting product changes nothing.',
    ),
    async (c) =>
      c.json(
        await changeProductStatus(
          c.var.deps.database,
          c.var.tenant,
          { userId: c.var.user.sub, vendorId: c.var.vendorId },
          c.req.valid('param').id,
          'publish',
        ),
        200,
      ),
  )
  .openapi(
    statusAction(
      'unpublish',
      'Take a product back to draft',
      'Hides it from buyers (or withdraws it from review); also restores an archived product as a draft.',
    ),
    async (c) =>
      c.json(
        await changeProductStatus(
          c.var.deps.database,
          c.var.tenant,
          { userId: c.var.user.sub, vendorId: c.var.vendorId },
          c.req.valid('param').id,
          'unpublish',
        ),
        200,
      ),
  )
  .openapi(
    statusAction('archive', 'Archive a product', 'Hidden from buyers; stays in your lists and exports.'),
    async (c) =>
      c.json(
        await changeProductStatus(
          c.var.deps.database,
          c.var.tenant,
          { userId: c.var.user.sub, vendorId: c.var.vendorId },
          c.req.valid('param').id,
          'archive',
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      middleware: chain(...access.vendor.middleware, imageLimit),
      method: 'post',
      path: '/vendor/products/{id}/images',
      operationId: 'addProductImage',
      tags,
      summary: `Add an image at the end (PNG or JPEG, 2 MB, at most ${MAX_PRODUCT_IMAGES})`,
      description:
        'The image bytes as the body (`image/png`, `image/jpeg`), or `multipart/form-data` with a ' +
        '`file` field. The type is read from the bytes. A product with 8 images is a 409.',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'image/png': { schema: binary },
            'image/jpeg': { schema: binary },
            'multipart/form-data': {
              schema: { type: 'object', properties: { file: binary }, required: ['file'] },
            },
          },
        },
      },
      responses: {
        201: json(ProductImages, "The product's images in order"),
        ...errorResponses(400, 401, 403, 404, 409, 415),
      },
    }),
    async (c) => {
      const bytes = await uploadedBytes(
        c,
        (type) => type.startsWith('image/'),
        'Send the image as the body with Content-Type image/png or image/jpeg, or as multipart/form-data with a "file" field',
      );
      const images = await addProductImage(
        c.var.deps,
        c.var.tenant,
        { userId: c.var.user.sub, vendorId: c.var.vendorId },
        c.req.valid('param').id,
        bytes,
      );
      return c.json({ images }, 201);
    },
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'put',
      path: '/vendor/products/{id}/images/order',
      operationId: 'reorderProductImages',
      tags,
      summary: 'Reorder the images',
      description:
        '`positions` lists every current position once, in the new order: `[2, 0, 1]` makes the third ' +
        'image the main one. Positions are renumbered from 0.',
      request: { params: IdParam, body: jsonBody(ReorderImagesBody) },
      responses: {
        200: json(ProductImages, 'The images in their new order'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const images = await reorderProductImages(
        c.var.deps.database,
        c.var.tenant,
        { userId: c.var.user.sub, vendorId: c.var.vendorId },
        c.req.valid('param').id,
        c.req.valid('json').positions,
      );
      return c.json({ images }, 200);
    },
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'delete',
      path: '/vendor/products/{id}/images/{position}',
      operationId: 'deleteProductImage',
      tags,
      summary: 'Remove an image; the ones after it move up',
      request: {
        params: IdParam.extend({
          position: z.coerce
            .number()
            .int()
            .min(0)
            .openapi({ param: { name: 'position', in: 'path' }, example: 0 }),
        }),
      },
      responses: { 200: json(ProductImages, 'The remaining images'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, position } = c.req.valid('param');
      const images = await deleteProductImage(
        c.var.deps.database,
        c.var.tenant,
        { userId: c.var.user.sub, vendorId: c.var.vendorId },
        id,
        position,
      );
      return c.json({ images }, 200);
    },
  );
