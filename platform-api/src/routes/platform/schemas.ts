import { TenantStatus } from '@agora/contracts';
import { z } from '@hono/zod-openapi';
import { NextCursor } from '../../openapi.js';

export const Tenant = z
  .object({
    id: z.string().openapi({ example: 'ten_3k9x2m4q7w1z' }),
    slug: z.string(),
    name: z.string(),
    status: TenantStatus,
    plan: z.string(),
    schemaName: z.string(),
    ownerEmail: z.string(),
    failureReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    provisioning: z.object({
      attempt: z.number().int(),
      progress: z.number().int().openapi({ description: 'Percent of steps done' }),
      steps: z.array(
        z.object({
          step: z.string(),
          label: z.string(),
          status: z.enum(['pending', 'done', 'failed']),
          attempts: z.number().int(),
          error: z.string().nullable(),
          startedAt: z.string().nullable(),
          finishedAt: z.string().nullable(),
        }),
      ),
    }),
    domains: z.array(
      z.object({ hostname: z.string(), kind: z.enum(['subdomain', 'custom']), primary: z.boolean() }),
    ),
  })
  .openapi('Tenant');

export const TenantSummary = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    status: TenantStatus,
    plan: z.string(),
    createdAt: z.string(),
  })
  .openapi('TenantSummary');

export const TenantPage = z
  .object({ data: z.array(TenantSummary), nextCursor: NextCursor })
  .openapi('TenantPage');

export const TenantIdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

export const ListTenantsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().optional(),
  status: TenantStatus.optional(),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'Search in name and slug' }),
});

export const StatusChangeBody = z
  .object({ reason: z.string().trim().max(500).optional() })
  .openapi('StatusChange');
