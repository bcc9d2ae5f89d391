import { z } from 'zod';
import { SpendingPeriod } from './commerce.js';

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
