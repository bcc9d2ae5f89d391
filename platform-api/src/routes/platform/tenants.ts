import {
  AppError,
  CreateTenantBody,
  ListTenantsQuery,
  StatusChangeBody,
  Tenant,
  TenantPage,
} from '@agora/contracts';
import {
  type Actor,
  changeTenantStatus,
  createTenant,
  getTenant,
  listTenants,
  retryProvisioning,
} from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../../access.js';
import type { AppEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { TenantIdParam } from './schemas.js';

const staffActor = (c: Context<AppEnv>): Actor => ({ type: 'staff', id: c.var.staff.sub });
const secured = { ...access.staff, tags: ['tenants'] };

const statusRoute = (action: 'suspend' | 'resume', summary: string) =>
  createRoute({
    ...secured,
    method: 'post',
    path: `/tenants/{id}/${action}`,
    operationId: `${action}Tenant`,
    summary,
    request: {
      params: TenantIdParam,
      body: { ...jsonBody(StatusChangeBody, 'Optional: why'), required: false },
    },
    responses: { 200: json(Tenant, 'The tenant after the change'), ...errorResponses(400, 401, 404, 409) },
  });

export const platformTenants = createApi<AppEnv>()
  .openapi(
    createRoute({
      ...secured,
      method: 'post',
      path: '/tenants',
      operationId: 'createTenant',
      summary: 'Create a tenant marketplace',
      description:
        'Records the tenant and starts provisioning in the background. Poll GET /tenants/{id} for progress.',
      request: { body: jsonBody(CreateTenantBody) },
      responses: {
        202: json(Tenant, 'Accepted: the tenant is provisioning'),
        ...errorResponses(400, 401, 409),
      },
    }),
    async (c) => c.json(await createTenant(c.var.deps, c.req.valid('json'), staffActor(c)), 202),
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'get',
      path: '/tenants',
      operationId: 'listTenants',
      summary: 'List tenants, newest first',
      request: { query: ListTenantsQuery },
      responses: {
        200: json(TenantPage, 'One page; pass nextCursor as cursor for the next'),
        ...errorResponses(400, 401),
      },
    }),
    async (c) => c.json(await listTenants(c.var.deps.database, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'get',
      path: '/tenants/{id}',
      operationId: 'getTenant',
      summary: 'A tenant with its provisioning steps, progress and domains',
      request: { params: TenantIdParam },
      responses: { 200: json(Tenant, 'The tenant'), ...errorResponses(401, 404) },
    }),
    async (c) => {
      const tenant = await getTenant(c.var.deps.database, c.req.valid('param').id);
      if (!tenant) throw new AppError('not_found', `No tenant with id ${c.req.valid('param').id}`);
      return c.json(tenant, 200);
    },
  )
  .openapi(statusRoute('suspend', 'Suspend a tenant: its storefront and API stop answering'), async (c) => {
    const { reason } = c.req.valid('json');
    return c.json(
      await changeTenantStatus(c.var.deps, c.req.valid('param').id, 'suspend', staffActor(c), reason),
      200,
    );
  })
  .openapi(statusRoute('resume', 'Resume a suspended tenant'), async (c) => {
    const { reason } = c.req.valid('json');
    return c.json(
      await changeTenantStatus(c.var.deps, c.req.valid('param').id, 'resume', staffActor(c), reason),
      200,
    );
  })
  .openapi(
    createRoute({
      ...secured,
      method: 'post',
      path: '/tenants/{id}/retry',
      operationId: 'retryTenantProvisioning',
      summary: 'Retry provisioning of a failed tenant from the failed step',
      request: { params: TenantIdParam },
      responses: {
        202: json(Tenant, 'Accepted: the tenant is provisioning again'),
        ...errorResponses(401, 404, 409),
      },
    }),
    async (c) => c.json(await retryProvisioning(c.var.deps, c.req.valid('param').id, staffActor(c)), 202),
  );
