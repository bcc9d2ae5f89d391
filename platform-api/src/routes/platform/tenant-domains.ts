import { AppError, TenantDomainList } from '@agora/contracts';
import { getTenant, listDomains, removeDomain } from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../../access.js';
import type { AppEnv } from '../../context.js';
import { createApi, errorResponses, json } from '../../openapi.js';
import { TenantIdParam } from './schemas.js';

const secured = { ...access.staff, tags: ['tenants'] };

async function tenantOr404(c: Context<AppEnv>, id: string) {
  const tenant = await getTenant(c.var.deps.database, id);
  if (!tenant) throw new AppError('not_found', `No tenant with id ${id}`);
  return tenant;
}

/** Staff: any tenant's custom domains, and removing one (a disputed or abusive name). */
export const platformTenantDomains = createApi<AppEnv>()
  .openapi(
    createRoute({
      ...secured,
      method: 'get',
      path: '/tenants/{id}/domains',
      operationId: 'listTenantDomains',
      summary: "A tenant's custom domains, with status and last checks",
      request: { params: TenantIdParam },
      responses: { 200: json(TenantDomainList, 'The domains'), ...errorResponses(401, 404) },
    }),
    async (c) => c.json(await listDomains(c.var.deps, await tenantOr404(c, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'delete',
      path: '/tenants/{id}/domains/{domainId}',
      operationId: 'removeTenantDomain',
      summary: "Remove one of a tenant's custom domains",
      description: "Audited in the platform's log and the tenant's; the domain stops being served at once.",
      request: {
        params: TenantIdParam.extend({
          domainId: z.string().openapi({ param: { name: 'domainId', in: 'path' } }),
        }),
      },
      responses: { 204: { description: 'Removed' }, ...errorResponses(401, 404) },
    }),
    async (c) => {
      const { id, domainId } = c.req.valid('param');
      const tenant = await tenantOr404(c, id);
      await removeDomain(c.var.deps, tenant, domainId, { type: 'staff', id: c.var.staff.sub });
      return c.body(null, 204);
    },
  );
