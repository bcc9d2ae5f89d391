import { z } from 'zod';
import { PaymentTerms, SpendingPeriod } from './commerce.js';
import { COMPANY_ACTIONS_DECIDED } from './company-transitions.js';
import { NextCursor, PageCursor, PageLimit } from './page-query.js';
import { NewPassword } from './users.js';
import { Country } from './vendors.js';

const isoTime = z.string().meta({ description: 'ISO 8601 timestamp' });

/**
 * Buyer companies and their members (issue 12, ADR 0033): the shapes of the buyer account,
 * sign-up, members, addresses and the operator's buyer queue.
 */

export const COMPANY_STATUSES = ['pending', 'info_requested', 'approved', 'rejected', 'suspended'] as const;
export type CompanyStatus = (typeof COMPANY_STATUSES)[number];

export const BUYER_ROLES = ['buyer_admin', 'buyer_member', 'buyer_approver'] as const;
export type BuyerRole = (typeof BUYER_ROLES)[number];

export const SpendingLimit = z
  .object({
    amountMinor: z.number().int().meta({ description: 'Marketplace currency, minor units' }),
    period: SpendingPeriod,
  })
  .meta({ id: 'SpendingLimit' });
export type SpendingLimit = z.infer<typeof SpendingLimit>;

/** `GET /account`: the signed-in buyer and a summary of their company. */
export const BuyerAccount = z
  .object({
    user: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.enum(BUYER_ROLES),
      emailVerified: z.boolean(),
      spendingLimit: SpendingLimit.nullable(),
    }),
    company: z.object({
      id: z.string(),
      legalName: z.string(),
      status: z.enum(COMPANY_STATUSES),
      statusReason: z.string().nullable().meta({ description: 'Why it was rejected, or what is asked' }),
    }),
  })
  .meta({ id: 'BuyerAccount' });
export type BuyerAccount = z.infer<typeof BuyerAccount>;

const text = (min: number, max: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(min, min === 1 ? 'is required' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).default('');
const Email = z.string({ error: 'is required' }).trim().toLowerCase().email('must be an email address');

/** A postal address (billing or shipping). */
export const Address = z
  .object({
    line1: text(1, 200),
    line2: optionalText(200),
    city: text(1, 100),
    postalCode: text(1, 20),
    region: optionalText(100),
    country: Country,
  })
  .meta({ id: 'Address' });
export type Address = z.infer<typeof Address>;
export type AddressInput = z.input<typeof Address>;

export const ShippingAddressBody = z
  .object({ label: text(1, 80), address: Address })
  .meta({ id: 'ShippingAddressBody' });
export type ShippingAddressBody = z.infer<typeof ShippingAddressBody>;
export type ShippingAddressInput = z.input<typeof ShippingAddressBody>;

export const MAX_SHIPPING_ADDRESSES = 20;

/** `POST /companies`: a business account, its addresses and its first member (the admin). */
export const CompanySignUpBody = z
  .object({
    legalName: text(2, 160),
    country: Country,
    taxId: text(2, 64),
    billingAddress: Address,
    shippingAddresses: z
      .array(ShippingAddressBody, { error: 'is required' })
      .min(1, 'add at least one shipping address')
      .max(MAX_SHIPPING_ADDRESSES, `at most ${MAX_SHIPPING_ADDRESSES}`),
    name: text(2, 120),
    email: Email,
    password: NewPassword,
  })
  .meta({ id: 'CompanySignUpBody' });
export type CompanySignUpBody = z.infer<typeof CompanySignUpBody>;
export type CompanySignUpInput = z.input<typeof CompanySignUpBody>;

/** `PUT /company`: the company's own details (an admin; a company asked for information resubmits so). */
export const CompanyDetailsBody = z
  .object({ legalName: text(2, 160), country: Country, taxId: text(2, 64), billingAddress: Address })
  .meta({ id: 'CompanyDetailsBody' });
export type CompanyDetailsBody = z.infer<typeof CompanyDetailsBody>;
export type CompanyDetailsInput = z.input<typeof CompanyDetailsBody>;

export const ShippingAddress = z
  .object({ id: z.string(), label: z.string(), address: Address, createdAt: isoTime })
  .meta({ id: 'ShippingAddress' });
export type ShippingAddress = z.infer<typeof ShippingAddress>;

export const CompanyTerms = z
  .object({
    paymentTerms: PaymentTerms,
    netDays: z.number().int().meta({ description: 'Days to pay an invoice (net terms); 0 with prepay' }),
    creditLimitMinor: z.number().int().nullable().meta({
      description: 'Open invoices may not exceed this (marketplace currency, minor units); null: no limit',
    }),
  })
  .meta({ id: 'CompanyTerms' });
export type CompanyTerms = z.infer<typeof CompanyTerms>;

/** `PUT /operator/companies/{id}/terms`. */
export const CompanyTermsBody = z
  .object({
    paymentTerms: PaymentTerms,
    netDays: z.coerce
      .number<string | number>({ error: 'must be a number' })
      .int('must be a whole number of days')
      .min(0, 'must be 0 or more')
      .max(365, 'must be at most 365'),
    creditLimitMinor: z
      .number({ error: 'must be an amount' })
      .int('must be a whole amount in minor units')
      .min(0, 'must be 0 or more')
      .max(Number.MAX_SAFE_INTEGER, 'is too large')
      .nullable(),
  })
  .superRefine((b, ctx) => {
    if (b.paymentTerms === 'net' && b.netDays < 1)
      ctx.addIssue({
        code: 'custom',
        path: ['netDays'],
        message: 'must be at least 1 day with invoice terms',
      });
    if (b.paymentTerms === 'prepay' && b.netDays !== 0)
      ctx.addIssue({ code: 'custom', path: ['netDays'], message: 'must be 0 with payment in advance' });
  })
  .meta({ id: 'CompanyTermsBody' });
export type CompanyTermsBody = z.infer<typeof CompanyTermsBody>;
export type CompanyTermsInput = z.input<typeof CompanyTermsBody>;

export const CompanyMember = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(BUYER_ROLES),
    status: z.enum(['invited', 'active', 'disabled']),
    emailVerified: z.boolean(),
    spendingLimit: SpendingLimit.nullable(),
    createdAt: isoTime,
  })
  .meta({ id: 'CompanyMember' });
export type CompanyMember = z.infer<typeof CompanyMember>;

/** The member roles as a company admin names them: admin, buyer, approver. */
export const MEMBER_ROLE_NAMES = {
  admin: 'buyer_admin',
  buyer: 'buyer_member',
  approver: 'buyer_approver',
} as const;

/** A spending limit as a form sends it: an amount (minor units) and a period, or none (both empty). */
const LimitFields = {
  spendingLimitMinor: z
    .number({ error: 'must be an amount' })
    .int('must be a whole amount in minor units')
    .min(1, 'must be more than 0')
    .max(Number.MAX_SAFE_INTEGER, 'is too large')
    .nullable()
    .optional(),
  spendingPeriod: SpendingPeriod.nullable().optional(),
};
const limitRule = (
  b: { spendingLimitMinor?: number | null; spendingPeriod?: string | null },
  ctx: z.RefinementCtx,
) => {
  const amount = b.spendingLimitMinor ?? null;
  const period = b.spendingPeriod ?? null;
  if (amount !== null && period === null)
    ctx.addIssue({ code: 'custom', path: ['spendingPeriod'], message: 'choose a period for the limit' });
  if (amount === null && period !== null)
    ctx.addIssue({ code: 'custom', path: ['spendingLimitMinor'], message: 'enter an amount for the limit' });
};

/** `POST /company/members`: invite someone to the company. */
export const InviteMemberBody = z
  .object({
    email: Email,
    role: z.enum(BUYER_ROLES, { error: 'must be admin, buyer or approver' }),
    ...LimitFields,
  })
  .superRefine(limitRule)
  .meta({ id: 'InviteMemberBody' });
export type InviteMemberBody = z.infer<typeof InviteMemberBody>;
export type InviteMemberInput = z.input<typeof InviteMemberBody>;

/** `PUT /company/members/{id}`: a member's role and spending limit (both fields; null limit: none). */
export const UpdateMemberBody = z
  .object({ role: z.enum(BUYER_ROLES, { error: 'must be admin, buyer or approver' }), ...LimitFields })
  .superRefine(limitRule)
  .meta({ id: 'UpdateMemberBody' });
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;
export type UpdateMemberInput = z.input<typeof UpdateMemberBody>;

export const CompanyMemberPage = z
  .object({ data: z.array(CompanyMember), nextCursor: NextCursor })
  .meta({ id: 'CompanyMemberPage' });
export type CompanyMemberPage = z.infer<typeof CompanyMemberPage>;

/** A company as its admins and the operator see it. */
export const Company = z
  .object({
    id: z.string(),
    legalName: z.string(),
    country: z.string(),
    taxId: z.string(),
    billingAddress: Address,
    status: z.enum(COMPANY_STATUSES),
    statusReason: z.string().nullable(),
    terms: CompanyTerms,
    currency: z.string().meta({
      description: 'The marketplace currency: credit and spending limits count in it',
      example: 'EUR',
    }),
    shippingAddresses: z.array(ShippingAddress),
    decidedAt: isoTime.nullable(),
    createdAt: isoTime,
  })
  .meta({ id: 'Company' });
export type Company = z.infer<typeof Company>;

/** The operator's view: the company, its members and its history of decisions. */
export const CompanyDetail = Company.extend({
  members: z.array(CompanyMember),
  history: z.array(
    z.object({
      action: z.string(),
      at: isoTime,
      actorName: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
}).meta({ id: 'CompanyDetail' });
export type CompanyDetail = z.infer<typeof CompanyDetail>;

export const CompanySummary = z
  .object({
    id: z.string(),
    legalName: z.string(),
    country: z.string(),
    taxId: z.string(),
    status: z.enum(COMPANY_STATUSES),
    adminEmail: z.string().nullable(),
    members: z.number().int(),
    createdAt: isoTime,
  })
  .meta({ id: 'CompanySummary' });
export type CompanySummary = z.infer<typeof CompanySummary>;
export const CompanySummaryPage = z
  .object({ data: z.array(CompanySummary), nextCursor: NextCursor })
  .meta({ id: 'CompanySummaryPage' });
export type CompanySummaryPage = z.infer<typeof CompanySummaryPage>;

export const OperatorCompanyListQuery = z.object({
  status: z.enum(COMPANY_STATUSES, { error: `must be one of ${COMPANY_STATUSES.join(', ')}` }).optional(),
  q: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
  cursor: PageCursor.optional(),
  limit: PageLimit,
});
export type OperatorCompanyListQuery = z.infer<typeof OperatorCompanyListQuery>;
export type OperatorCompanyListInput = z.input<typeof OperatorCompanyListQuery>;

/** `POST /operator/companies/{id}/decisions`: approve, reject or request information (with a reason), suspend, reinstate. */
export const CompanyDecisionBody = z
  .object({
    action: z.enum(COMPANY_ACTIONS_DECIDED, {
      error: `must be one of ${COMPANY_ACTIONS_DECIDED.join(', ')}`,
    }),
    reason: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
    ),
  })
  .superRefine((b, ctx) => {
    if (['reject', 'request_info', 'suspend'].includes(b.action) && !b.reason)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message:
          b.action === 'request_info'
            ? 'is required: tell the company what is missing'
            : 'is required: tell the company why',
      });
  })
  .meta({ id: 'CompanyDecisionBody' });
export type CompanyDecisionBody = z.infer<typeof CompanyDecisionBody>;

/** `POST /companies`' answer: the company as created, and whether it can already order. */
export const CompanySignUpResult = z
  .object({
    companyId: z.string(),
    userId: z.string(),
    status: z.enum(COMPANY_STATUSES),
    token: z.string().meta({ description: "A session for the new admin, valid on this marketplace's hosts" }),
  })
  .meta({ id: 'CompanySignUpResult' });
export type CompanySignUpResult = z.infer<typeof CompanySignUpResult>;
