import { z } from 'zod';
import { MAX_ATTRIBUTES, MAX_PRODUCT_IMAGES, MAX_QUANTITY, MAX_TIERS } from './catalog-limits.js';
import { PageCursor } from './page-query.js';

/**
 * Catalog: categories, products with volume tiers, images, CSV import. The same product schema
 * checks API bodies and CSV rows, so a row is valid exactly when the same product sent to the
 * API would be (see @agora/core catalog/validate-product.ts for the rules beyond shapes).
 */

export const CATEGORY_NAME_MAX = 80;

const CategoryName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(CATEGORY_NAME_MAX, `must be at most ${CATEGORY_NAME_MAX} characters`);

/** Lowercase words joined by single hyphens; a category's public address (`/c/<slug>`). */
export const CategorySlug = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens, not at the ends');

export const CreateCategoryBody = z.object({
  name: CategoryName,
  /** Made from the name when left out. */
  slug: CategorySlug.optional(),
  parentId: z.string().nullable().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
});
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;
export type CreateCategoryInput = z.input<typeof CreateCategoryBody>;

export const UpdateCategoryBody = z.object({
  name: CategoryName.optional(),
  slug: CategorySlug.optional(),
  /** `null` moves the category to the top level. */
  parentId: z.string().nullable().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
});
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBody>;
export type UpdateCategoryInput = z.input<typeof UpdateCategoryBody>;

export const PRODUCT_STATUSES = ['draft', 'pending_review', 'published', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

// The limits (MAX_TIERS, ...) are in catalog-limits.ts: plain numbers the console's browser code imports.

const MAX_QTY = MAX_QUANTITY;
/** 10^12 minor units: far above any unit price, well inside exact integers. */
const MAX_PRICE_MINOR = 1_000_000_000_000;

/** No control characters other than tab, newline and carriage return. */
const noControl = (s: string) => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return false;
  }
  return true;
};
const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => noControl(s) && !/[\r\n\t]/.test(s), 'must be one line of text');

const Count = (min: number, max = MAX_QTY) =>
  z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const MinorAmount = z
  .number({ error: 'must be a whole amount in minor units (cents)' })
  .int('must be a whole amount in minor units (cents)')
  .min(0, 'must not be negative')
  .max(MAX_PRICE_MINOR, 'is too large');

export const ProductAttribute = z.object({
  // `|` and `=` separate pairs and names from values in the CSV format.
  name: line(60)
    .min(1, 'must not be empty')
    .refine((s) => !/[|=]/.test(s), 'must not contain | or ='),
  value: line(200)
    .min(1, 'must not be empty')
    .refine((s) => !s.includes('|'), 'must not contain |'),
});

export const PriceTierInput = z.object({ minQty: Count(1), unitPriceMinor: MinorAmount });

/** A product as a vendor writes it: everything but its status and images (own endpoints). */
export const ProductBody = z.object({
  sku: line(64)
    .min(1, 'must not be empty')
    .refine((s) => !s.includes('|'), 'must not contain |'),
  title: line(200).min(1, 'must not be empty'),
  description: z
    .string()
    .trim()
    .max(10_000, 'must be at most 10000 characters')
    .refine(noControl, 'must not contain control characters')
    .default(''),
  categoryId: z.string().min(1).nullable().default(null),
  /** Unit of measure: "piece", "kg", "box of 100". */
  unit: line(40).min(1, 'must not be empty'),
  minOrderQty: Count(1).default(1),
  orderIncrement: Count(1).default(1),
  leadTimeDays: Count(0, 3650).default(0),
  stockQty: Count(0, 2_147_483_647).default(0),
  /** ISO 4217, upper case (EUR, USD, JPY). */
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in capitals, like EUR'),
  basePriceMinor: MinorAmount,
  attributes: z
    .array(ProductAttribute)
    .max(MAX_ATTRIBUTES, `at most ${MAX_ATTRIBUTES} attributes`)
    .default([]),
  /** Volume tiers as lower bounds; the first starts at minOrderQty. Empty: the list price only. */
  tiers: z.array(PriceTierInput).max(MAX_TIERS, `at most ${MAX_TIERS} tiers`).default([]),
});
export type ProductBody = z.infer<typeof ProductBody>;
export type ProductBodyInput = z.input<typeof ProductBody>;

export const RejectProductBody = z.object({
  reason: z
    .string()
    .trim()
    .min(3, 'must be at least 3 characters')
    .max(1000, 'must be at most 1000 characters'),
});
export type RejectProductBody = z.infer<typeof RejectProductBody>;

/** `PUT .../images/order`: the current positions in their new order (a permutation). */
export const ReorderImagesBody = z.object({
  positions: z.array(z.number().int().min(0)).max(MAX_PRODUCT_IMAGES),
});
export type ReorderImagesBody = z.infer<typeof ReorderImagesBody>;

export const CATALOG_IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportRowError = { row: number; field: string; message: string };

const ListLimit = z.coerce.number<string | number>().int().min(1).max(100).default(25);

/** `GET /vendor/products`: the vendor's own products. */
export const VendorProductListQuery = z.object({
  status: z.enum(PRODUCT_STATUSES).optional(),
  q: z.string().max(200).optional().meta({ description: 'Part of the title or SKU, any case' }),
  cursor: PageCursor.optional(),
  limit: ListLimit,
});
export type VendorProductListQuery = z.input<typeof VendorProductListQuery>;

/** `GET /operator/products`: every vendor's products; `status=pending_review` is the review queue. */
export const OperatorProductListQuery = z.object({
  status: z.enum(PRODUCT_STATUSES).optional(),
  vendorId: z.string().optional(),
  q: z.string().max(200).optional(),
  cursor: PageCursor.optional(),
  limit: ListLimit,
});
export type OperatorProductListQuery = z.input<typeof OperatorProductListQuery>;

/** `GET /operator/categories?counts`. */
export const CategoryCountsQuery = z.object({
  counts: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'With `true`, each category has `productCount` (one aggregate query)' }),
});
/** `GET /categories?counts&depth`: the public tree. */
export const CategoryTreeQuery = CategoryCountsQuery.extend({
  depth: z.coerce
    .number<string | number>()
    .int()
    .min(1)
    .max(20)
    .optional()
    .meta({ description: 'Levels to include: 1 gives the top-level categories only (empty `children`)' }),
});
export type CategoryTreeQuery = z.input<typeof CategoryTreeQuery>;
