import { z } from 'zod';
import { NextCursor, PageCursor, PageLimit } from './page-query.js';
import { TenantStatus } from './tenants.js';

/** Control-plane shapes (`/platform/v1`): tenants and their provisioning. */

export const TenantSummary = z
  .object({
    id: z.string().meta({ example: 'ten_3k9x2m4q7w1z' }),
    slug: z.string(),
    name: z.string(),
    status: TenantStatus,
    plan: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'TenantSummary' });
export type TenantSummary = z.infer<typeof TenantSummary>;

export const ProvisioningStepView = z.object({
  step: z.string(),
  label: z.string(),
  status: z.enum(['pending', 'done', 'failed']),
  attempts: z.number().int(),
  error: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ProvisioningStepView = z.infer<typeof ProvisioningStepView>;

export const Tenant = TenantSummary.extend({
  schemaName: z.string(),
  ownerEmail: z.string(),
  failureReason: z.string().nullable(),
  updatedAt: z.string(),
  provisioning: z.object({
    attempt: z.number().int(),
    progress: z.number().int().meta({ description: 'Percent of steps done' }),
    steps: z.array(ProvisioningStepView),
  }),
  domains: z
    .array(
      z.object({
        hostname: z.string(),
        kind: z.enum(['platform', 'custom']),
        primary: z
          .boolean()
          .meta({ description: 'The host the marketplace is served at (others redirect to it)' }),
      }),
    )
    .meta({
      description:
        'The hosts the marketplace is served on: its platform host and its verified or failing custom domains (all custom domains: GET /tenants/{id}/domains)',
    }),
}).meta({ id: 'Tenant' });
export type Tenant = z.infer<typeof Tenant>;

export const TenantPage = z
  .object({ data: z.array(TenantSummary), nextCursor: NextCursor })
  .meta({ id: 'TenantPage' });
export type TenantPage = z.infer<typeof TenantPage>;

export const ListTenantsQuery = z.object({
  limit: PageLimit,
  cursor: PageCursor.optional(),
  status: TenantStatus.optional(),
  q: z.string().trim().min(1).max(100).optional().meta({ description: 'Search in name and slug' }),
});
export type ListTenantsQuery = z.infer<typeof ListTenantsQuery>;

export const StatusChangeBody = z
  .object({ reason: z.string().trim().max(500).optional() })
  .meta({ id: 'StatusChange' });
export type StatusChangeBody = z.infer<typeof StatusChangeBody>;
