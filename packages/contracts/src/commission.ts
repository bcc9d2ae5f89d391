import { z } from 'zod';
import { emptyAsAbsent, NextCursor, PageCursor, PageLimit } from './page-query.js';

/**
 * Commission rules (ADR 0037): the operator's rules, their versions, and the preview,
 * explain and simulate answers. Amounts are integer minor units per currency
 * (`{ "EUR": 120 }`), rates basis points.
 */

const Minor = z
  .number()
  .int('must be a whole amount in minor units')
  .min(0, 'must be 0 or more')
  .max(Number.MAX_SAFE_INTEGER);
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in capitals, like EUR');
const Id = z.string().min(1).max(64);
/** A moment as ISO 8601 (`2026-12-01` or `2026-12-01T09:00:00Z`), read as a Date. */
const Moment = z
  .string()
  .max(40)
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)),
    'must be a date like 2026-12-31',
  )
  .transform((s) => new Date(s));

export const CommissionScope = z.enum(['marketplace', 'vendor', 'category', 'vendor_category', 'product']);
export type CommissionScope = z.infer<typeof CommissionScope>;
export const CommissionKind = z.enum(['percent', 'flat_per_unit', 'flat_per_line']);
export type CommissionKind = z.infer<typeof CommissionKind>;
export const CommissionCap = z.enum(['none', 'min', 'max', 'base']);
export type CommissionCap = z.infer<typeof CommissionCap>;

/** An amount per currency, `{ "EUR": 120 }` (minor units). */
export const AmountsByCurrency = z.record(Currency, Minor);
export type AmountsByCurrency = z.infer<typeof AmountsByCurrency>;

const RuleFields = z.object({
  scope: CommissionScope,
  vendorId: Id.nullish(),
  categoryId: Id.nullish(),
  productId: Id.nullish(),
  kind: CommissionKind,
  /** Percent rules: basis points of the line's net amount (1250 = 12.5%). */
  rateBps: z
    .number()
    .int('must be a whole number of basis points')
    .min(0, 'must be 0 or more')
    .max(10_000, 'must be at most 100%')
    .nullish(),
  /** Flat rules: the amount per unit or per line, per currency. */
  amounts: AmountsByCurrency.default({}),
  minAmounts: AmountsByCurrency.default({}),
  maxAmounts: AmountsByCurrency.default({}),
  validFrom: Moment.nullish(),
  validTo: Moment.nullish(),
  priority: z
    .number()
    .int('must be a whole number')
    .min(-1000, 'must be -1000 or more')
    .max(1000, 'must be at most 1000')
    .default(0),
  enabled: z.boolean().default(true),
  note: z.string().trim().max(500, 'must be at most 500 characters').default(''),
  /** Condition: applies only while the vendor's trailing 30-day GMV is at or above this, per currency. */
  vendorGmv30dMinMinor: AmountsByCurrency.nullish(),
});

const NEEDS: Record<CommissionScope, ('vendorId' | 'categoryId' | 'productId')[]> = {
  marketplace: [],
  vendor: ['vendorId'],
  category: ['categoryId'],
  vendor_category: ['vendorId', 'categoryId'],
  product: ['productId'],
};

/** A rule as the operator writes it (create, or edit: a new version). Every problem by field. */
export const CommissionRuleBody = RuleFields.superRefine((r, ctx) => {
  for (const field of ['vendorId', 'categoryId', 'productId'] as const) {
    const needed = NEEDS[r.scope].includes(field);
    if (needed && !r[field])
      ctx.addIssue({ code: 'custom', path: [field], message: 'is required for this scope' });
    if (!needed && r[field])
      ctx.addIssue({ code: 'custom', path: [field], message: 'must be empty for this scope' });
  }
  if (r.kind === 'percent' && (r.rateBps === null || r.rateBps === undefined))
    ctx.addIssue({ code: 'custom', path: ['rateBps'], message: 'is required for a percent rule' });
  if (r.kind !== 'percent') {
    if (r.rateBps !== null && r.rateBps !== undefined)
      ctx.addIssue({ code: 'custom', path: ['rateBps'], message: 'must be empty for a flat rule' });
    if (Object.keys(r.amounts).length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['amounts'],
        message: 'give the amount in at least one currency',
      });
  }
  for (const [currency, min] of Object.entries(r.minAmounts)) {
    const max = r.maxAmounts[currency];
    if (max !== undefined && min > max)
      ctx.addIssue({
        code: 'custom',
        path: ['maxAmounts', currency],
        message: 'must be at least the minimum',
      });
  }
  if (r.validFrom && r.validTo && r.validFrom >= r.validTo)
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must be after the start' });
});
export type CommissionRuleBody = z.infer<typeof CommissionRuleBody>;
export type CommissionRuleInput = z.input<typeof CommissionRuleBody>;

/** One version of a rule, with the names of what it is scoped to. */
export const CommissionRule = z.object({
  id: z.string(),
  version: z.number().int(),
  isDefault: z.boolean(),
  enabled: z.boolean(),
  scope: CommissionScope,
  vendorId: z.string().nullable(),
  vendorName: z.string().nullable(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  productId: z.string().nullable(),
  productTitle: z.string().nullable(),
  kind: CommissionKind,
  rateBps: z.number().int().nullable(),
  amounts: AmountsByCurrency,
  minAmounts: AmountsByCurrency,
  maxAmounts: AmountsByCurrency,
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  priority: z.number().int(),
  note: z.string(),
  vendorGmv30dMinMinor: AmountsByCurrency.nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type CommissionRule = z.infer<typeof CommissionRule>;

export const CommissionRuleList = z.object({ data: z.array(CommissionRule), nextCursor: NextCursor });
export const CommissionRuleVersions = z.object({ data: z.array(CommissionRule) });

/** `?scope&enabled&vendorId&categoryId&cursor&limit` of the rules list (empty means any). */
export const CommissionRuleListQuery = emptyAsAbsent(
  z.object({
    scope: CommissionScope.optional(),
    enabled: z.enum(['true', 'false']).optional(),
    vendorId: Id.optional(),
    categoryId: Id.optional(),
    cursor: PageCursor.optional(),
    limit: PageLimit,
  }),
);
export type CommissionRuleListQuery = z.input<typeof CommissionRuleListQuery>;

const Qty = z.coerce
  .number<string | number>({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(10_000_000, 'must be at most 10,000,000');

/** `?productId&qty` of the explain view. */
export const CommissionExplainQuery = z.object({ productId: Id, qty: Qty });
export type CommissionExplainQuery = z.input<typeof CommissionExplainQuery>;

/** Preview: a product at a quantity under the rules as they are, or with one draft rule added. */
export const CommissionPreviewBody = z.object({
  productId: Id,
  qty: Qty,
  /** A draft rule (the form being filled in); when it replaces an existing rule, its id. */
  rule: RuleFields.partial().extend({ scope: CommissionScope, kind: CommissionKind }).optional(),
  ruleId: Id.optional(),
});
export type CommissionPreviewBody = z.infer<typeof CommissionPreviewBody>;
export type CommissionPreviewInput = z.input<typeof CommissionPreviewBody>;

/** The commission frozen on (or computed for) one line. */
export const LineCommission = z.object({
  ruleId: z.string().nullable(),
  ruleVersion: z.number().int().nullable(),
  baseMinor: z.number().int(),
  rateBps: z.number().int().nullable(),
  flatMinor: z.number().int().nullable(),
  cap: CommissionCap,
  amountMinor: z.number().int(),
});
export type LineCommission = z.infer<typeof LineCommission>;

export const CommissionReason = z.enum([
  'won',
  'disabled',
  'not_yet_valid',
  'expired',
  'other_product',
  'other_vendor',
  'other_category',
  'condition_not_met',
  'no_amount_in_currency',
  'less_specific',
  'lower_priority',
  'older',
]);

export const CommissionLineQuote = z.object({
  productId: z.string(),
  productTitle: z.string(),
  vendorId: z.string(),
  qty: z.number().int(),
  currency: z.string(),
  netMinor: z.number().int(),
  commission: LineCommission,
});

/** Explain: every candidate rule for the line and why it won, lost or did not apply. */
export const CommissionExplanation = CommissionLineQuote.extend({
  vendorGmv30dMinor: z.number().int(),
  candidates: z.array(
    z.object({
      /** Null for a draft rule in a preview. */
      rule: CommissionRule.nullable(),
      outcome: z.enum(['won', 'lost', 'not_applicable']),
      reason: CommissionReason,
      amountMinor: z.number().int().nullable(),
      cap: CommissionCap.nullable(),
      lostTo: z.string().nullable(),
    }),
  ),
});
export type CommissionExplanation = z.infer<typeof CommissionExplanation>;

export const CommissionPreview = CommissionLineQuote.extend({
  /** What the draft rule gives on this line (null without a draft, or when it does not apply). */
  draftAmountMinor: z.number().int().nullable(),
  draftCap: CommissionCap.nullable(),
  /** Whether the draft would win (and so `commission` is the draft's). */
  draftWins: z.boolean(),
  /** Why the draft does not win or does not apply. */
  draftReason: CommissionReason.nullable(),
  /** The commission under the rules as they are, before the draft. */
  currentAmountMinor: z.number().int(),
});
export type CommissionPreview = z.infer<typeof CommissionPreview>;

/** One change of a simulation's draft. */
export const CommissionDraftChange = z.discriminatedUnion('action', [
  z.object({ action: z.literal('add'), rule: CommissionRuleBody }),
  z.object({ action: z.literal('edit'), ruleId: Id, rule: CommissionRuleBody }),
  z.object({ action: z.literal('disable'), ruleId: Id }),
  z.object({ action: z.literal('enable'), ruleId: Id }),
]);
export type CommissionDraftChange = z.infer<typeof CommissionDraftChange>;

/** A draft of changes run over the orders placed in `[from, to)` (default the last 90 days). */
export const CommissionSimulateBody = z
  .object({
    changes: z.array(CommissionDraftChange).max(50, 'at most 50 changes at once'),
    from: Moment.optional(),
    to: Moment.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.from && b.to && b.from >= b.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after the start' });
  });
export type CommissionSimulateBody = z.infer<typeof CommissionSimulateBody>;
export type CommissionSimulateInput = z.input<typeof CommissionSimulateBody>;

const Sums = {
  currency: z.string(),
  lines: z.number().int(),
  /** Under the rules as they are now. */
  beforeMinor: z.number().int(),
  /** Under the rules with the draft applied. */
  afterMinor: z.number().int(),
  diffMinor: z.number().int(),
  /** What was actually frozen on those orders. */
  chargedMinor: z.number().int(),
};
export const CommissionSimulation = z.object({
  from: z.string(),
  to: z.string(),
  vendors: z.array(z.object({ vendorId: z.string(), vendorName: z.string(), ...Sums })),
  totals: z.array(z.object(Sums)),
});
export type CommissionSimulation = z.infer<typeof CommissionSimulation>;
