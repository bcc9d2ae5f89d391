import { z } from 'zod';
import { MAX_QUANTITY } from './catalog-limits.js';

/**
 * The buyer's cart (ADR 0035): one per buyer user, kept on the server as lines of products
 * and quantities. Every view is priced now, at the volume tier of each line's quantity.
 */

/** The most lines one cart holds: a checkout of more is a purchasing project, not a cart. */
export const MAX_CART_LINES = 200;
/** The most text a quick order takes (pasted lines or an uploaded CSV). */
export const MAX_QUICK_ORDER_CHARS = 100_000;

const Qty = z.coerce
  .number<string | number>({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY.toLocaleString('en-US')}`);

export const AddCartLineBody = z
  .object({
    productId: z.string().min(1, 'choose a product').max(64),
    qty: Qty.meta({ description: 'Added to the quantity already in the cart for this product' }),
  })
  .meta({ id: 'AddCartLineBody' });
export type AddCartLineBody = z.infer<typeof AddCartLineBody>;
export type AddCartLineInput = z.input<typeof AddCartLineBody>;

export const SetCartLineBody = z.object({ qty: Qty }).meta({ id: 'SetCartLineBody' });
export type SetCartLineBody = z.infer<typeof SetCartLineBody>;
export type SetCartLineInput = z.input<typeof SetCartLineBody>;

/** Why a line cannot be checked out as it is (or, for `price_changed`, should be looked at). */
export const CartLineFlag = z.enum([
  'unpublished',
  'vendor_suspended',
  'price_changed',
  'quantity_not_allowed',
]);
export type CartLineFlag = z.infer<typeof CartLineFlag>;

export const CartLine = z
  .object({
    productId: z.string(),
    sku: z.string(),
    title: z.string(),
    unit: z.string(),
    currency: z.string(),
    qty: z.number().int(),
    minOrderQty: z.number().int(),
    orderIncrement: z.number().int(),
    quantityRule: z.string().meta({ description: 'What may be ordered: "at least 100, in steps of 50"' }),
    listPriceMinor: z.number().int(),
    unitPriceMinor: z.number().int().meta({ description: 'The volume tier at this quantity, now' }),
    unitPriceSeenMinor: z.number().int().meta({ description: 'The unit price when the line was last set' }),
    lineTotalMinor: z.number().int(),
    savingMinor: z.number().int().meta({ description: 'Against the list price, for the whole line' }),
    savingBps: z.number().int(),
    nextTier: z
      .object({ minQty: z.number().int(), unitPriceMinor: z.number().int() })
      .nullable()
      .meta({ description: 'The next cheaper tier, as an orderable quantity; null at the top' }),
    flags: z.array(CartLineFlag),
  })
  .meta({ id: 'CartLine' });
export type CartLine = z.infer<typeof CartLine>;

export const CartVendorGroup = z
  .object({
    vendor: z.object({ id: z.string(), name: z.string() }),
    currency: z.string(),
    lines: z.array(CartLine),
    subtotalMinor: z.number().int(),
  })
  .meta({ id: 'CartVendorGroup' });

export const Cart = z
  .object({
    groups: z.array(CartVendorGroup).meta({ description: 'Lines grouped by vendor and currency' }),
    totals: z
      .array(z.object({ currency: z.string(), subtotalMinor: z.number().int(), lines: z.number().int() }))
      .meta({ description: 'Per currency: a checkout is in one currency at a time' }),
    lineCount: z.number().int(),
    maxLines: z.number().int(),
    flagged: z.number().int().meta({ description: 'Lines with a flag: review them before checkout' }),
  })
  .meta({ id: 'Cart' });
export type Cart = z.infer<typeof Cart>;
export type CartVendorGroup = z.infer<typeof CartVendorGroup>;

/**
 * Quick order: lines of `SKU, quantity` (optionally `, vendor` when a SKU is sold by several
 * vendors), pasted or read from a CSV file. A first line `sku,quantity` is taken as a header.
 */
export const QuickOrderBody = z
  .object({
    text: z
      .string()
      .min(1, 'paste at least one line of SKU, quantity')
      .max(
        MAX_QUICK_ORDER_CHARS,
        `must be at most ${MAX_QUICK_ORDER_CHARS.toLocaleString('en-US')} characters`,
      ),
  })
  .meta({ id: 'QuickOrderBody' });
export type QuickOrderBody = z.infer<typeof QuickOrderBody>;

export const QuickOrderProblem = z
  .object({
    line: z.number().int().meta({ description: 'Line number in the text, from 1' }),
    text: z.string(),
    message: z.string(),
  })
  .meta({ id: 'QuickOrderProblem' });
export type QuickOrderProblem = z.infer<typeof QuickOrderProblem>;

export const QuickOrderResult = z
  .object({
    added: z.array(
      z.object({ line: z.number().int(), productId: z.string(), sku: z.string(), qty: z.number().int() }),
    ),
    problems: z.array(QuickOrderProblem).meta({ description: 'Lines not added, by line number' }),
    cart: Cart,
  })
  .meta({ id: 'QuickOrderResult' });
export type QuickOrderResult = z.infer<typeof QuickOrderResult>;
