import { z } from 'zod';
import { CATALOG_IMPORT_STATUSES, PRODUCT_STATUSES } from './catalog.js';
import { NextCursor } from './page-query.js';

/**
 * Response shapes of the catalog endpoints: the routes document and check them, core's views are
 * `z.infer` of them, the api-client's types are derived from them (type-only).
 */

const isoTime = z.string().meta({ example: '2025-03-01T09:30:00.000Z' });
const nullableTime = z.string().nullable().meta({ example: '2025-03-01T09:30:00.000Z' });
const minor = (description: string) => z.number().int().meta({ description, example: 250 });

export const Category = z
  .object({
    id: z.string().meta({ example: 'cat_3k9m2q7w1z3x5c9v' }),
    name: z.string().meta({ example: 'Fasteners' }),
    slug: z.string().meta({ example: 'fasteners', description: 'Unique in the marketplace' }),
    parentId: z.string().nullable(),
    position: z.number().int().meta({ description: 'Siblings are ordered by position, then name' }),
    archivedAt: nullableTime.meta({ description: 'Set while archived (hidden from the public tree)' }),
  })
  .meta({ id: 'Category' });

type Node = z.infer<typeof Category> & { productCount?: number; children: Node[] };
export const CategoryNode: z.ZodType<Node> = Category.extend({
  productCount: z
    .number()
    .int()
    .optional()
    .meta({ description: 'With `counts=true`: published products of approved vendors here and below' }),
  get children() {
    return z.array(CategoryNode);
  },
}).meta({ id: 'CategoryNode' });

export const CategoryTree = z.object({ data: z.array(CategoryNode) }).meta({ id: 'CategoryTree' });

export const PriceTier = z
  .object({
    minQty: z.number().int().meta({ example: 100 }),
    unitPriceMinor: minor('Unit price from minQty on'),
  })
  .meta({ id: 'PriceTier' });

export const ProductImage = z
  .object({
    position: z.number().int().meta({ description: '0 is the main image' }),
    url: z.string().meta({
      example: '/media/products/3f2a9c0d1b7e4a5566778899.png',
      description: "Public path on the marketplace's host, cached for a year",
    }),
  })
  .meta({ id: 'ProductImage' });
export const ProductImages = z.object({ images: z.array(ProductImage) }).meta({ id: 'ProductImages' });

const Attribute = z.object({
  name: z.string().meta({ example: 'Material' }),
  value: z.string().meta({ example: 'Steel' }),
});
const Status = z.enum(PRODUCT_STATUSES);

export const VendorProduct = z
  .object({
    id: z.string().meta({ example: 'prd_8k2m4q7w1z3x5c9v' }),
    vendorId: z.string(),
    sku: z.string().meta({ example: 'BOLT-M8-40' }),
    title: z.string(),
    description: z.string(),
    categoryId: z.string().nullable(),
    unit: z.string().meta({ example: 'piece' }),
    minOrderQty: z.number().int(),
    orderIncrement: z.number().int(),
    leadTimeDays: z.number().int(),
    stockQty: z.number().int(),
    attributes: z.array(Attribute),
    currency: z.string().meta({ example: 'EUR' }),
    basePriceMinor: minor('List unit price in minor units'),
    tiers: z.array(PriceTier).meta({ description: 'Ascending; empty means the list price only' }),
    images: z.array(ProductImage),
    status: Status,
    statusReason: z.string().nullable().meta({
      description:
        "The operator's reason when moderation sent it back to draft; null again after the next status change",
      example: 'Photos show another product',
    }),
    publishedAt: nullableTime,
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'VendorProduct' });

const VendorRef = z.object({ id: z.string(), name: z.string(), status: z.string() });

export const OperatorProduct = VendorProduct.extend({ vendor: VendorRef }).meta({ id: 'OperatorProduct' });

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
  imageUrl: z.string().nullable().meta({ description: 'The main image, or null' }),
  publishedAt: nullableTime,
  updatedAt: isoTime,
};

export const ProductSummary = z.object(summaryShape).meta({ id: 'ProductSummary' });
export const ProductSummaryPage = z
  .object({ data: z.array(ProductSummary), nextCursor: NextCursor })
  .meta({ id: 'ProductSummaryPage' });

export const OperatorProductSummary = z
  .object({ ...summaryShape, vendor: VendorRef })
  .meta({ id: 'OperatorProductSummary' });
export const OperatorProductPage = z
  .object({
    data: z.array(OperatorProductSummary),
    nextCursor: NextCursor,
  })
  .meta({ id: 'OperatorProductPage' });

export const CategoryRef = z
  .object({ id: z.string(), name: z.string(), slug: z.string() })
  .meta({ id: 'CategoryRef' });

export const TierRow = z
  .object({
    minQty: z.number().int(),
    maxQty: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Last quantity of the band; null for the last band' }),
    unitPriceMinor: z.number().int(),
    savingBps: z
      .number()
      .int()
      .meta({ description: 'Saving against the list price, basis points, rounded down' }),
  })
  .meta({ id: 'TierRow' });

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
    basePriceMinor: z.number().int().nullable().meta({
      description:
        'List unit price; null when the marketplace shows prices to approved buyers only and the caller is not one',
    }),
    images: z.array(ProductImage),
    vendor: z.object({ id: z.string(), name: z.string(), country: z.string(), verified: z.boolean() }),
    category: CategoryRef.nullable(),
    breadcrumb: z.array(CategoryRef).meta({ description: 'Top-level category first, the own category last' }),
    tiers: z.array(TierRow).meta({
      description: 'Price bands from the minimum order on; without volume tiers one band at the list price',
    }),
    pricesHidden: z.boolean().meta({
      description:
        'true: prices and tiers are left out for this caller (sign in as an approved buyer to see them)',
    }),
    publishedAt: nullableTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'PublicProduct' });

export const ProductQuote = z
  .union([
    z.object({
      ok: z.literal(true),
      qty: z.number().int(),
      unitPriceMinor: z.number().int(),
      totalMinor: z.number().int(),
      savingMinor: z.number().int().meta({ description: 'Against the list price, for the whole quantity' }),
      savingBps: z.number().int(),
      currency: z.string(),
    }),
    z.object({
      ok: z.literal(false),
      qty: z.number(),
      reason: z.string().meta({ example: 'The minimum order is 100' }),
      currency: z.string(),
    }),
  ])
  .meta({ id: 'ProductQuote' });

const importShape = {
  id: z.string().meta({ example: 'imp_8k2m4q7w1z3x5c9v' }),
  status: z.enum(CATALOG_IMPORT_STATUSES),
  totalRows: z.number().int().meta({ description: 'Data rows in the file (known once it is read)' }),
  processedRows: z.number().int().meta({ description: 'Rows checked and applied so far' }),
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  errorRows: z.number().int().meta({ description: 'Rows left unchanged because of errors' }),
  errorsTruncated: z
    .boolean()
    .meta({ description: 'More rows had errors than `errors` lists (1,000 at most)' }),
  createdAt: isoTime,
  updatedAt: isoTime,
};
export const CatalogImport = z
  .object({
    ...importShape,
    errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })).meta({
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
  .meta({ id: 'CatalogImport' });
export const CatalogImportSummary = z.object(importShape).meta({ id: 'CatalogImportSummary' });
export const CatalogImportPage = z
  .object({ data: z.array(CatalogImportSummary), nextCursor: NextCursor })
  .meta({ id: 'CatalogImportPage' });

/** `GET /categories/{slug}`: the category with everything below it, and its ancestors. */
export const CategoryWithAncestors = z
  .object({
    category: CategoryNode,
    ancestors: z.array(CategoryRef).meta({ description: 'From the top level down to the parent' }),
  })
  .meta({ id: 'CategoryWithAncestors' });

export type Category = z.infer<typeof Category>;
export type CategoryNode = z.infer<typeof CategoryNode>;
export type CategoryTree = z.infer<typeof CategoryTree>;
export type CategoryRef = z.infer<typeof CategoryRef>;
export type CategoryWithAncestors = z.infer<typeof CategoryWithAncestors>;
export type PriceTier = z.infer<typeof PriceTier>;
export type ProductImage = z.infer<typeof ProductImage>;
export type ProductImages = z.infer<typeof ProductImages>;
export type VendorProduct = z.infer<typeof VendorProduct>;
export type OperatorProduct = z.infer<typeof OperatorProduct>;
export type ProductSummary = z.infer<typeof ProductSummary>;
export type ProductSummaryPage = z.infer<typeof ProductSummaryPage>;
export type OperatorProductSummary = z.infer<typeof OperatorProductSummary>;
export type OperatorProductPage = z.infer<typeof OperatorProductPage>;
export type TierRow = z.infer<typeof TierRow>;
export type PublicProduct = z.infer<typeof PublicProduct>;
export type ProductQuote = z.infer<typeof ProductQuote>;
export type CatalogImport = z.infer<typeof CatalogImport>;
export type CatalogImportSummary = z.infer<typeof CatalogImportSummary>;
export type CatalogImportPage = z.infer<typeof CatalogImportPage>;
