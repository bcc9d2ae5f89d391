import { z } from 'zod';
import { NextCursor, PageCursor, PageLimit } from './page-query.js';

/**
 * The ledger's API shapes (ADR 0038): recording buyer payments and vendor payouts, the
 * vendor's balance and statement, the operator's revenue, receivables and payables. Amounts are
 * integer minor units; a `signed` amount is seen from the account holder's side (positive: owed
 * to the vendor / owed by the company).
 */

const Minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const PositiveMinor = z
  .number()
  .int('must be a whole amount')
  .min(1, 'must be more than 0')
  .max(Number.MAX_SAFE_INTEGER);
const SignedMinor = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in capitals, like EUR');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31');
const IdempotencyKey = z.string().trim().min(8, 'must be at least 8 characters').max(100);
const Reference = z
  .string()
  .trim()
  .min(1, 'enter the bank transfer’s reference')
  .max(140, 'must be at most 140 characters');

/** The operator records a bank transfer from a buyer company that settles some of its orders. */
export const RecordInvoicePaymentBody = z.object({
  /** A retried request with the same key records nothing new. */
  idempotencyKey: IdempotencyKey,
  orderIds: z.array(z.string().min(1).max(64)).min(1, 'choose at least one invoice').max(50),
  currency: Currency,
  /** Must equal what is open on the chosen orders (partial payments are not recorded). */
  amountMinor: PositiveMinor,
  paidOn: Day,
  reference: Reference,
});
export type RecordInvoicePaymentBody = z.infer<typeof RecordInvoicePaymentBody>;

/** The operator records a bank transfer to a vendor: at most its available balance. */
export const RecordVendorPayoutBody = z.object({
  idempotencyKey: IdempotencyKey,
  vendorId: z.string().min(1, 'choose a vendor').max(64),
  currency: Currency,
  amountMinor: PositiveMinor,
  paidOn: Day,
  reference: Reference,
});
export type RecordVendorPayoutBody = z.infer<typeof RecordVendorPayoutBody>;

export const LedgerTransactionKind = z.enum([
  'order_placed',
  'order_reversed',
  'invoice_paid',
  'vendor_paid',
]);
export type LedgerTransactionKind = z.infer<typeof LedgerTransactionKind>;

/** What a recording request answers: the ledger transaction (the same one when replayed). */
export const LedgerPosting = z.object({
  transactionId: z.string(),
  kind: LedgerTransactionKind,
  amountMinor: Minor,
  currency: z.string(),
  reference: z.string(),
  occurredAt: z.string(),
  replayed: z.boolean(),
});
export type LedgerPosting = z.infer<typeof LedgerPosting>;

/**
 * A vendor's money in one currency: `pending` (orders not delivered yet), `available` (earned on
 * delivered or completed orders, not paid out yet), `paid` (paid out so far). pending +
 * available is what the marketplace owes the vendor (its payable account's balance).
 */
export const VendorBalance = z.object({
  currency: z.string(),
  pendingMinor: SignedMinor,
  availableMinor: SignedMinor,
  paidMinor: SignedMinor,
  owedMinor: SignedMinor,
});
export type VendorBalance = z.infer<typeof VendorBalance>;
export const VendorBalances = z.object({ data: z.array(VendorBalance) });
export type VendorBalances = z.infer<typeof VendorBalances>;

/** Filters of a statement: a date range (marketplace days, inclusive) and a currency. */
export const StatementQuery = z.object({
  from: Day.optional(),
  to: Day.optional(),
  currency: Currency.optional(),
  cursor: PageCursor.optional(),
  limit: PageLimit,
});
export type StatementQuery = z.infer<typeof StatementQuery>;
export type StatementQueryInput = z.input<typeof StatementQuery>;

/** One entry on the vendor's account, with the order it belongs to (none for a payout). */
export const StatementEntry = z.object({
  id: z.string(),
  occurredAt: z.string(),
  kind: LedgerTransactionKind,
  reference: z.string(),
  orderId: z.string().nullable(),
  orderStatus: z.string().nullable(),
  currency: z.string(),
  /** Positive: the marketplace owes the vendor more; negative: less (a reversal, a payout). */
  amountMinor: SignedMinor,
  /**
   * The marketplace's commission on this entry's order in the same transaction, already taken off
   * `amountMinor`: positive when charged (placement), negative when given back (a cancellation,
   * a rejection, a partial reversal at the frozen rate); null for entries of no order (payouts).
   */
  commissionMinor: SignedMinor.nullable(),
});
export type StatementEntry = z.infer<typeof StatementEntry>;
export const StatementPage = z.object({ data: z.array(StatementEntry), nextCursor: NextCursor });
export type StatementPage = z.infer<typeof StatementPage>;

/** The operator's revenue over a date range in one currency. */
export const RevenueQuery = z.object({
  from: Day.optional(),
  to: Day.optional(),
  currency: Currency.optional(),
});
export type RevenueQuery = z.infer<typeof RevenueQuery>;

export const RevenueDashboard = z.object({
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  /** Commission booked (net of reversals) in the range, from the ledger. */
  commissionMinor: SignedMinor,
  /** Net goods value of the orders placed in the range and not called off. */
  gmvMinor: Minor,
  /** commission / GMV in basis points (0 without GMV). */
  averageRateBps: z.number().int(),
  /** Every day of the range; over 400 days, only the days with commission. */
  byDay: z.array(z.object({ day: z.string(), commissionMinor: SignedMinor })),
  byVendor: z.array(z.object({ vendorId: z.string(), vendorName: z.string(), commissionMinor: SignedMinor })),
  /**
   * Commission booked in the range (net of reversals, from the ledger like byDay and byVendor),
   * each order's split over its lines' product categories in proportion to their commission.
   */
  byCategory: z.array(
    z.object({ categoryId: z.string().nullable(), categoryName: z.string(), commissionMinor: SignedMinor }),
  ),
});
export type RevenueDashboard = z.infer<typeof RevenueDashboard>;

/** An order with money still owed on it by the buyer company. */
export const OpenInvoice = z.object({
  orderId: z.string(),
  placedAt: z.string(),
  paymentTerms: z.enum(['prepay', 'net']),
  /** Net terms: placed + net days (a marketplace day); prepay: the day it was placed. */
  dueOn: z.string(),
  overdue: z.boolean(),
  outstandingMinor: SignedMinor,
});
export type OpenInvoice = z.infer<typeof OpenInvoice>;

export const CompanyReceivable = z.object({
  companyId: z.string(),
  companyName: z.string(),
  currency: z.string(),
  outstandingMinor: SignedMinor,
  overdueMinor: SignedMinor,
  invoices: z.array(OpenInvoice),
});
export type CompanyReceivable = z.infer<typeof CompanyReceivable>;
export const ReceivablesPage = z.object({ data: z.array(CompanyReceivable), nextCursor: NextCursor });
export type ReceivablesPage = z.infer<typeof ReceivablesPage>;

export const VendorPayable = VendorBalance.extend({ vendorId: z.string(), vendorName: z.string() });
export type VendorPayable = z.infer<typeof VendorPayable>;
export const PayablesPage = z.object({ data: z.array(VendorPayable), nextCursor: NextCursor });
export type PayablesPage = z.infer<typeof PayablesPage>;
