import { z } from 'zod';
import { PaymentTerms } from './commerce.js';
import { emptyAsAbsent, NextCursor, PageCursor, PageLimit } from './page-query.js';

/**
 * Checkout (ADR 0033, 0035): the preview a buyer confirms, the result of placing, and the
 * order groups waiting for an approver. `PlaceCheckoutBody` is in commerce.ts.
 */

/** The header that makes a retried checkout return the first call's orders. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IdempotencyKey = z
  .string({ error: 'send an Idempotency-Key header: any unique string per checkout, such as a UUID' })
  .trim()
  .min(8, 'must be at least 8 characters')
  .max(100, 'must be at most 100 characters');

export const CheckoutGroupStatus = z.enum(['awaiting_approval', 'placed', 'declined']);
export type CheckoutGroupStatus = z.infer<typeof CheckoutGroupStatus>;

const Address = z.record(z.string(), z.string());

export const CompanyAddress = z
  .object({ id: z.string(), label: z.string(), address: Address })
  .meta({ id: 'CompanyAddress' });
export type CompanyAddress = z.infer<typeof CompanyAddress>;

export const CheckoutPreviewQuery = emptyAsAbsent(
  z.object({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code like EUR')
      .optional()
      .meta({
        description: 'Which of the cart’s currencies; default: the marketplace currency if in the cart',
      }),
  }),
);
export type CheckoutPreviewQuery = z.infer<typeof CheckoutPreviewQuery>;

const PreviewLine = z.object({
  productId: z.string(),
  sku: z.string(),
  title: z.string(),
  unit: z.string(),
  qty: z.number().int(),
  unitPriceMinor: z.number().int(),
  tierMinQty: z.number().int(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
});

export const CheckoutPreview = z
  .object({
    currency: z.string().nullable().meta({ description: 'Null when the cart is empty' }),
    currencies: z.array(z.string()),
    taxBps: z.number().int(),
    vendors: z.array(
      z.object({
        vendor: z.object({ id: z.string(), name: z.string() }),
        lines: z.array(PreviewLine),
        subtotalMinor: z.number().int(),
        taxMinor: z.number().int(),
        shippingMinor: z.number().int(),
        totalMinor: z.number().int(),
      }),
    ),
    totalMinor: z.number().int().meta({ description: 'Send as `expectedTotalMinor` when placing' }),
    problems: z
      .array(z.object({ productId: z.string(), message: z.string() }))
      .meta({ description: 'Lines that cannot be ordered as they are: fix the cart first' }),
    company: z.object({
      id: z.string(),
      name: z.string(),
      status: z.string(),
      paymentTerms: PaymentTerms,
      netDays: z.number().int(),
      creditLimitMinor: z.number().int().nullable(),
    }),
    addresses: z.array(CompanyAddress),
  })
  .meta({ id: 'CheckoutPreview' });
export type CheckoutPreview = z.infer<typeof CheckoutPreview>;

export const CheckoutResult = z
  .object({
    groupId: z.string(),
    status: CheckoutGroupStatus,
    currency: z.string(),
    totalMinor: z.number().int(),
    orderIds: z.array(z.string()),
    replayed: z
      .boolean()
      .meta({ description: 'True when an earlier call with the same key made this group' }),
  })
  .meta({ id: 'CheckoutResult' });
export type CheckoutResult = z.infer<typeof CheckoutResult>;

const Person = z.object({ id: z.string(), name: z.string().nullable(), email: z.string() });

export const CheckoutGroupSummary = z
  .object({
    id: z.string(),
    status: CheckoutGroupStatus,
    currency: z.string(),
    totalMinor: z.number().int(),
    buyer: Person,
    lineCount: z.number().int(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
  })
  .meta({ id: 'CheckoutGroupSummary' });
export type CheckoutGroupSummary = z.infer<typeof CheckoutGroupSummary>;

export const CheckoutGroupPage = z
  .object({ data: z.array(CheckoutGroupSummary), nextCursor: NextCursor })
  .meta({ id: 'CheckoutGroupPage' });
export type CheckoutGroupPage = z.infer<typeof CheckoutGroupPage>;

export const CheckoutGroup = z
  .object({
    ...CheckoutGroupSummary.shape,
    poNumber: z.string().nullable(),
    shippingAddress: Address.nullable(),
    decidedBy: Person.nullable(),
    lines: z
      .array(
        z.object({
          productId: z.string(),
          sku: z.string(),
          title: z.string(),
          vendor: z.object({ id: z.string(), name: z.string() }),
          qty: z.number().int(),
          unitPriceMinor: z
            .number()
            .int()
            .nullable()
            .meta({ description: 'Now (placed: as frozen on the order)' }),
        }),
      )
      .meta({ description: 'What was asked for (waiting or declined) or what was ordered (placed)' }),
    orders: z.array(
      z.object({
        id: z.string(),
        vendor: z.object({ id: z.string(), name: z.string() }),
        status: z.string(),
        subtotalMinor: z.number().int(),
        taxMinor: z.number().int(),
        shippingMinor: z.number().int(),
        totalMinor: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'CheckoutGroup' });
export type CheckoutGroup = z.infer<typeof CheckoutGroup>;

/** The buyer's own checkouts (`status` filter), or an approver's queue (waiting ones). */
export const CheckoutListQuery = emptyAsAbsent(
  z.object({ status: CheckoutGroupStatus.optional(), cursor: PageCursor.optional(), limit: PageLimit }),
);
export type CheckoutListQuery = z.infer<typeof CheckoutListQuery>;
export type CheckoutListInput = z.input<typeof CheckoutListQuery>;

export const DeclineCheckoutBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, 'say why, so the buyer knows what to change')
      .max(500, 'must be at most 500 characters'),
  })
  .meta({ id: 'DeclineCheckoutBody' });
export type DeclineCheckoutBody = z.infer<typeof DeclineCheckoutBody>;
