import { AddDomainBody, MAX_DOMAINS_PER_TENANT, TenantDomain, TenantDomainList } from '@agora/contracts';
import {
  addDomain,
  checkDomain,
  type DomainActor,
  listDomains,
  makePrimaryDomain,
  removeDomain,
} from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';

const secured = { tags: ['domains'], ...access.operator };
const DomainIdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const user = (c: Context<TenantEnv>): DomainActor => ({ type: 'user', userId: c.var.user.sub });

/** The marketplace's own domains (owner and operators): add, check, make primary, remove (ADR 0039). */
export const tenantDomains = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...secured,
      method: 'get',
      path: '/domains',
      operationId: 'listDomains',
      summary: "The marketplace's custom domains, with their DNS instructions and last checks",
      description: `At most ${MAX_DOMAINS_PER_TENANT} domains, oldest first (no paging). \`canonicalHost\` is where the marketplace is served: the verified primary domain, else \`defaultHost\`.`,
      responses: { 200: json(TenantDomainList, 'The domains'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(await listDomains(c.var.deps, c.var.tenant), 200),
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'post',
      path: '/domains',
      operationId: 'addDomain',
      summary: 'Add a domain (pending until its DNS records verify)',
      description:
        "The name is normalised (lower case, no trailing dot, punycode). 400 `validation_failed` for a name that is not a hostname or is one of the platform's own; 409 `domain_taken` when another marketplace has it, `conflict` past the limit. Adding a domain the marketplace already has returns it (200).",
      request: { body: jsonBody(AddDomainBody) },
      responses: {
        200: json(TenantDomain, 'Already added: unchanged'),
        201: json(TenantDomain, 'Added, pending verification'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { domain, created } = await addDomain(c.var.deps, c.var.tenant, c.req.valid('json'), user(c));
      return created ? c.json(domain, 201) : c.json(domain, 200);
    },
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'post',
      path: '/domains/{id}/check',
      operationId: 'checkDomain',
      summary: "Check a domain's DNS now",
      description:
        'Looks up the TXT record `_agora.<domain>` and the CNAME (or A records), stores what was seen in `lastResult`, and moves the status: passing verifies, failing flags a verified domain `failing`.',
      request: { params: DomainIdParam },
      responses: { 200: json(TenantDomain, 'The domain after the check'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(await checkDomain(c.var.deps, c.var.tenant, c.req.valid('param').id, user(c)), 200),
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'post',
      path: '/domains/{id}/primary',
      operationId: 'makeDomainPrimary',
      summary: 'Make a verified domain primary',
      description:
        "Page requests (GET/HEAD, not `/api/`) to the marketplace's other hosts redirect to it with a 301, and emails link to it, while it stays verified. 409 `invalid_state` for a domain that is not verified.",
      request: { params: DomainIdParam },
      responses: { 200: json(TenantDomain, 'The primary domain'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const view = await makePrimaryDomain(c.var.deps, c.var.tenant, c.req.valid('param').id, user(c));
      if (!view) throw new Error('making a domain primary returned no domain');
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'delete',
      path: '/domains/primary',
      operationId: 'clearPrimaryDomain',
      summary: 'Serve the marketplace on its default host again (no primary domain)',
      responses: { 204: { description: 'No primary domain' }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      await makePrimaryDomain(c.var.deps, c.var.tenant, null, user(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      ...secured,
      method: 'delete',
      path: '/domains/{id}',
      operationId: 'removeDomain',
      summary: 'Remove a domain',
      description: 'It stops being served at once; a primary domain removed leaves the default host primary.',
      request: { params: DomainIdParam },
      responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      await removeDomain(c.var.deps, c.var.tenant, c.req.valid('param').id, user(c));
      return c.body(null, 204);
    },
  );
