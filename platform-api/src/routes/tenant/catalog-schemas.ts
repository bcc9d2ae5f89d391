import { AppError, CATALOG_IMPORT_STATUSES, PRODUCT_STATUSES } from '@agora/contracts';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { lastValue, readForm } from '../../form-body.js';
import { NextCursor } from '../../openapi.js';

// Response shapes of the catalog endpoints (documentation and typing; core builds them).

const isoTime = z.string().openapi({ example: '2025-03-01T09:30:00.000Z' });
const nullableTime = z.string().nullable().openapi({ example: '2025-03-01T09:30:00.000Z' });
const minor = (description: string) => z.number().int().openapi({ description, example: 250 });

export const IdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'prd_8k2m4q7w1z3x5c9v' }),
});

export const Category = z
  .object({
    id: z.string().openapi({ example: 'cat_3k9m2q7w1z3x5c9v' }),
    name: z.string().openapi({ example: 'Fasteners' }),
    slug: z.string().openapi({ example: 'fasteners', description: 'Unique in the marketplace' }),
    parentId: z.string().nullable(),
    position: z.number().int().openapi({ description: 'Siblings are ordered by position, then name' }),
    archivedAt: nullableTime.openapi({ description: 'Set while archived (hidden from the public tree)' }),
  })
  .openapi('Category');

type Node = z.infer<typeof Category> & { productCount?: number; children: Node[] };
export const CategoryNode: z.ZodType<Node> = Category.extend({
  productCount: z
    .number()
    .int()
    .optional()
    .openapi({ description: 'With `counts=true`: published products of approved vendors here and below' }),
  get children() {
    return z.array(CategoryNode);
  },
}).openapi('CategoryNode');

export const CategoryTree = z.object({ data: z.array(CategoryNode) }).openapi('CategoryTree');

export const PriceTier = z
  .object({
    minQty: z.number().int().openapi({ example: 100 }),
    unitPriceMinor: minor('Unit price from minQty on'),
  })
  .openapi('PriceTier');

export const ProductImage = z
  .object({
    position: z.number().int().openapi({ description: '0 is the main image' }),
    url: z.string().openapi({
      example: '/media/products/3f2a9c0d1b7e4a5566778899.png',
      description: "Public path on the marketplace's host, cached for a year",
    }),
  })
  .openapi('ProductImage');
export const ProductImages = z.object({ images: z.array(ProductImage) }).openapi('ProductImages');

const Attribute = z.object({
  name: z.string().openapi({ example: 'Material' }),
  value: z.string().openapi({ example: 'Steel' }),
});
const Status = z.enum(PRODUCT_STATUSES);

export const VendorProduct = z
  .object({
    id: z.string().openapi({ example: 'prd_8k2m4q7w1z3x5c9v' }),
    vendorId: z.string(),
    sku: z.string().openapi({ example: 'BOLT-M8-40' }),
    title: z.string(),
    description: z.string(),
    categoryId: z.string().nullable(),
    unit: z.string().openapi({ example: 'piece' }),
    minOrderQty: z.number().int(),
    orderIncrement: z.number().int(),
    leadTimeDays: z.number().int(),
    stockQty: z.number().int(),
    attributes: z.array(Attribute),
    currency: z.string().openapi({ example: 'EUR' }),
    basePriceMinor: minor('List unit price in minor units'),
    tiers: z.array(PriceTier).openapi({ description: 'Ascending; empty means the list price only' }),
    images: z.array(ProductImage),
    status: Status,
    statusReason: z.string().nullable().openapi({
      description:
        "The operator's reason when moderation sent it back to draft; null again after the next status change",
      example: 'Photos show another product',
    }),
    publishedAt: nullableTime,
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .openapi('VendorProduct');

const VendorRef = z.object({ id: z.string(), name: z.string(), status: z.string() });

export const OperatorProduct = VendorProduct.extend({ vendor: VendorRef }).openapi('OperatorProduct');

const summaryShape = {
  id: z.string(),
  sku: z.string(),
  title: z.string(),
  status: Status,
  categoryId: z.string().nullable(),
  unit: z.string(),
  minOrderQty: z.number().int(),
  stockQty: z.number().int(),
  currency: z.string(),
  basePriceMinor: z.number().int(),
  imageUrl: z.string().nullable().openapi({ description: 'The main image, or null' }),
  publishedAt: nullableTime,
  updatedAt: isoTime,
};

export const ProductSummaryPage = z
  .object({ data: z.array(z.object(summaryShape).openapi('ProductSummary')), nextCursor: NextCursor })
  .openapi('ProductSummaryPage');

export const OperatorProductPage = z
  .object({
    data: z.array(z.object({ ...summaryShape, vendor: VendorRef }).openapi('OperatorProductSummary')),
    nextCursor: NextCursor,
  })
  .openapi('OperatorProductPage');

const CategoryRef = z.object({ id: z.string(), name: z.string(), slug: z.string() });

export const TierRow = z
  .object({
    minQty: z.number().int(),
    maxQty: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Last quantity of the band; null for the last band' }),
    unitPriceMinor: z.number().int(),
    savingBps: z
      .number()
      .int()
      .openapi({ description: 'Saving against the list price, basis points, rounded down' }),
  })
  .openapi('TierRow');

export const PublicProduct = z
  .object({
    id: z.string(),
    sku: z.string(),
    title: z.string(),
    description: z.string(),
    unit: z.string(),
    minOrderQty: z.number().int(),
    orderIncrement: z.number().int(),
    leadTimeDays: z.number().int(),
    stockQty: z.number().int(),
    attributes: z.array(Attribute),
    currency: z.string(),
    basePriceMinor: z.number().int(),
    images: z.array(ProductImage),
    vendor: z.object({ id: z.string(), name: z.string(), country: z.string(), verified: z.boolean() }),
    category: CategoryRef.nullable(),
    breadcrumb: z
      .array(CategoryRef)
      .openapi({ description: 'Top-level category first, the own category last' }),
    tiers: z.array(TierRow).openapi({
      description: 'Price bands from the minimum order on; without volume tiers one band at the list price',
    }),
    publishedAt: nullableTime,
    updatedAt: isoTime,
  })
  .openapi('PublicProduct');

export const ProductQuote = z
  .union([
    z.object({
      ok: z.literal(true),
      qty: z.number().int(),
      unitPriceMinor: z.number().int(),
      totalMinor: z.number().int(),
      savingMinor: z
        .number()
        .int()
        .openapi({ description: 'Against the list price, for the whole quantity' }),
      savingBps: z.number().int(),
      currency: z.string(),
    }),
    z.object({
      ok: z.literal(false),
      qty: z.number(),
      reason: z.string().openapi({ example: 'The minimum order is 100' }),
      currency: z.string(),
    }),
  ])
  .openapi('ProductQuote');

const importShape = {
  id: z.string().openapi({ example: 'imp_8k2m4q7w1z3x5c9v' }),
  status: z.enum(CATALOG_IMPORT_STATUSES),
  totalRows: z.number().int().openapi({ description: 'Data rows in the file (known once it is read)' }),
  processedRows: z.number().int().openapi({ description: 'Rows checked and applied so far' }),
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  errorRows: z.number().int().openapi({ description: 'Rows left unchanged because of errors' }),
  errorsTruncated: z
    .boolean()
    .openapi({ description: 'More rows had errors than `errors` lists (1,000 at most)' }),
  createdAt: isoTime,
  updatedAt: isoTime,
};
export const CatalogImport = z
  .object({
    ...importShape,
    errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })).openapi({
      description:
        'Row numbers count the header as row 1, as a spreadsheet does; `field` is the CSV column. ' +
        'Row 0 with field `file` is about the whole file (then `status` is `failed`).',
      example: [
        {
          row: 7,
          field: 'tiers',
          message: 'tier 2 (from 100): the price must not be above the price for fewer units (250)',
        },
      ],
    }),
  })
  .openapi('CatalogImport');
export const CatalogImportPage = z
  .object({ data: z.array(z.object(importShape).openapi('CatalogImportSummary')), nextCursor: NextCursor })
  .openapi('CatalogImportPage');

export const binary = { type: 'string', format: 'binary' } as const;

/**
 * An uploaded file: the raw body (with one of `rawTypes`, or application/octet-stream), or a
 * multipart/form-data field named `file`. Anything else is a 415 saying how to send it.
 */
export async function uploadedBytes(
  c: Context,
  rawTypes: (type: string) => boolean,
  how: string,
): Promise<Uint8Array> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'multipart/form-data') {
    const file = lastValue((await readForm(c)).file);
    if (!(file instanceof File))
      throw new AppError('validation_failed', 'Send the file in a multipart field named "file"', {
        fields: [{ path: 'file', message: 'is required' }],
      });
    return new Uint8Array(await file.arrayBuffer());
  }
  if (rawTypes(type) || type === 'application/octet-stream') return new Uint8Array(await c.req.arrayBuffer());
  throw new AppError('unsupported_media_type', how);
}
