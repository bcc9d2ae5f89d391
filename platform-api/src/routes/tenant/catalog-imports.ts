import { CatalogImport, CatalogImportPage, PageQuery } from '@agora/contracts';
import { getCatalogImport, importTooLarge, listCatalogImports, startCatalogImport } from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access, chain } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { UPLOAD_BODY_LIMITS, uploadLimit } from '../../middleware/body-limit.js';
import { createApi, errorResponses, json } from '../../openapi.js';
import { binary, uploadedBytes } from './catalog-schemas.js';
import { optionalParams } from './query-params.js';

const tags = ['catalog: CSV import and export'];
const IdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'imp_8k2m4q7w1z3x5c9v' }),
});

const FORMAT = `One row per product, a header row naming exactly these columns (any order):
sku, title, description, category_slug, unit, min_order_qty, order_increment, lead_time_days,
stock_qty, currency, base_price, tiers, attributes, status. UTF-8, comma-separated, quotes as in
RFC 4180. Prices in major units with a dot ("2.50"; whole amounts for currencies without minor
units such as JPY). tiers: "10:2.50|100:2.00" (min quantity:unit price). attributes:
"Material=Steel|Thread=M8". status: draft, published or archived; empty keeps an existing
product's status (new ones are drafts). Full description: docs/catalog-csv.md and
GET /vendor/products/csv-template.`;

/** CSV import of a vendor's catalog: start (202) and follow progress. */
export const tenantCatalogImports = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.vendor,
      middleware: chain(
        ...access.vendor.middleware,
        uploadLimit(UPLOAD_BODY_LIMITS.catalogImport, () => importTooLarge()),
      ),
      method: 'post',
      path: '/vendor/imports',
      operationId: 'startImport',
      tags,
      summary: 'Import products from a CSV file (20 MB at most)',
      description:
        `${FORMAT}\n\nThe file is the body (\`text/csv\`) or a multipart \`file\` field. The answer (202) ` +
        'comes at once; a job then checks every row with the same rules as the API and creates or ' +
        'updates products by SKU. Rows with errors change nothing and are listed with their row ' +
        'number and column. Follow it with GET /vendor/imports/{id}.',
      request: {
        body: {
          required: true,
          content: {
            'text/csv': { schema: { type: 'string' } },
            'multipart/form-data': {
              schema: { type: 'object', properties: { file: binary }, required: ['file'] },
            },
          },
        },
      },
      responses: {
        202: json(CatalogImport, 'Accepted and queued'),
        ...errorResponses(400, 401, 403, 415),
      },
    }),
    async (c) => {
      const bytes = await uploadedBytes(
        c,
        (type) => type === 'text/csv' || type === 'text/plain',
        'Send the CSV as the body with Content-Type text/csv, or as multipart/form-data with a "file" field',
      );
      const started = await startCatalogImport(
        c.var.deps,
        c.var.tenant,
        { userId: c.var.user.sub, vendorId: c.var.vendorId },
        bytes,
      );
      return c.json(started, 202);
    },
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/imports',
      operationId: 'listImports',
      tags,
      summary: "Your vendor's imports, newest first",
      description:
        'Every import of your vendor, running and finished, without their error lists (GET ' +
        '/vendor/imports/{id} has them). Keyset pagination: pass `nextCursor` as `cursor`. `limit` ' +
        '1-100, default 20.',
      request: { query: optionalParams(PageQuery) },
      responses: {
        200: json(CatalogImportPage, 'One page of imports, without their error lists'),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) =>
      c.json(
        await listCatalogImports(
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
      method: 'get',
      path: '/vendor/imports/{id}',
      operationId: 'getImport',
      tags,
      summary: 'An import: status, progress, counts and row errors',
      description:
        '`status` goes queued -> running -> done (or failed, for a file that cannot be read: wrong ' +
        'header, not CSV, not UTF-8; then nothing was changed). Progress is `processedRows` of `totalRows`.',
      request: { params: IdParam },
      responses: { 200: json(CatalogImport, 'The import'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await getCatalogImport(
          c.var.deps.database,
          c.var.tenant,
          { vendorId: c.var.vendorId },
          c.req.valid('param').id,
        ),
        200,
      ),
  );
