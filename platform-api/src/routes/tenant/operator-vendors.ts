import {
  OperatorVendorListQuery,
  RejectVendorBody,
  RequestVendorInfoBody,
  SuspendVendorBody,
  VendorDetail,
  VendorSummaryPage,
} from '@agora/contracts';
import { decideVendor, getVendorDetail, listVendors } from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { optionalParams } from './query-params.js';
import { IdParam } from './vendor-schemas.js';

const tags = ['operator: vendors'];
const decided = {
  200: json(VendorDetail, 'The vendor after the decision'),
  ...errorResponses(400, 401, 403, 404, 409),
};
const DECISION_DOC =
  'Writes the tenant audit log (who, what, when, reason) and emails the vendor contact, in the ' +
  'same transaction as the change. 409 `invalid_state` when the vendor is not in a status that ' +
  'allows it.';

/** The operator's vendor queue and decisions (owner and operators). */
export const tenantOperatorVendors = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/vendors',
      operationId: 'listOperatorVendors',
      tags,
      summary: 'Vendor queue: every vendor, newest application first',
      description:
        'Filters: `status`, `country` (ISO code), `industry`, `from`/`to` (application date; a ' +
        'date `to` includes that whole day, UTC), `q` (business name, legal name or contact email). ' +
        'Keyset pagination: pass `nextCursor` as `cursor`. `limit` 1-100, default 20.',
      request: { query: optionalParams(OperatorVendorListQuery) },
      responses: { 200: json(VendorSummaryPage, 'One page'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listVendors(c.var.deps.database, c.var.tenant, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/vendors/{id}',
      operationId: 'getOperatorVendor',
      tags,
      summary: 'One vendor: profile, documents (signed links, 5 minutes), accounts, history',
      request: { params: IdParam },
      responses: { 200: json(VendorDetail, 'The vendor'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getVendorDetail(c.var.deps, c.var.tenant, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/vendors/{id}/approve',
      operationId: 'approveVendor',
      tags,
      summary: 'Approve a pending vendor (an operator approval also verifies it)',
      description: DECISION_DOC,
      request: { params: IdParam },
      responses: decided,
    }),
    async (c) =>
      c.json(
        await decideVendor(c.var.deps, c.var.tenant, {
          vendorId: c.req.valid('param').id,
          action: 'approve',
          actorUserId: c.var.user.sub,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/vendors/{id}/verify',
      operationId: 'verifyVendor',
      tags,
      summary: 'Mark an approved vendor verified, its documents reviewed',
      description: `${DECISION_DOC} For vendors approved automatically (the marketplace setting), which are approved but not verified until an operator has reviewed their documents; 409 when already verified.`,
      request: { params: IdParam },
      responses: decided,
    }),
    async (c) =>
      c.json(
        await decideVendor(c.var.deps, c.var.tenant, {
          vendorId: c.req.valid('param').id,
          action: 'verify',
          actorUserId: c.var.user.sub,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/vendors/{id}/reject',
      operationId: 'rejectVendor',
      tags,
      summary: 'Reject a pending vendor or one asked for more information, with a reason (final)',
      description: `${DECISION_DOC} The reason is shown to the vendor.`,
      request: { params: IdParam, body: jsonBody(RejectVendorBody) },
      responses: decided,
    }),
    async (c) =>
      c.json(
        await decideVendor(c.var.deps, c.var.tenant, {
          vendorId: c.req.valid('param').id,
          action: 'reject',
          actorUserId: c.var.user.sub,
          reason: c.req.valid('json').reason,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/vendors/{id}/request-info',
      operationId: 'requestVendorInfo',
      tags,
      summary: 'Ask a pending vendor for more information',
      description: `${DECISION_DOC} The vendor resubmits by saving its profile (PUT /vendor/profile), which makes it pending again.`,
      request: { params: IdParam, body: jsonBody(RequestVendorInfoBody) },
      responses: decided,
    }),
    async (c) =>
      c.json(
        await decideVendor(c.var.deps, c.var.tenant, {
          vendorId: c.req.valid('param').id,
          action: 'request_info',
          actorUserId: c.var.user.sub,
          reason: c.req.valid('json').message,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/vendors/{id}/suspend',
      operationId: 'suspendVendor',
      tags,
      summary: 'Suspend an approved vendor, with a reason (its products leave the storefront)',
      description: DECISION_DOC,
      request: { params: IdParam, body: jsonBody(SuspendVendorBody) },
      responses: decided,
    }),
    async (c) =>
      c.json(
        await decideVendor(c.var.deps, c.var.tenant, {
          vendorId: c.req.valid('param').id,
          action: 'suspend',
          actorUserId: c.var.user.sub,
          reason: c.req.valid('json').reason,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/vendors/{id}/reinstate',
      operationId: 'reinstateVendor',
      tags,
      summary: 'Reinstate a suspended vendor (approved again)',
      description: DECISION_DOC,
      request: { params: IdParam },
      responses: decided,
    }),
    async (c) =>
      c.json(
        await decideVendor(c.var.deps, c.var.tenant, {
          vendorId: c.req.valid('param').id,
          action: 'reinstate',
          actorUserId: c.var.user.sub,
        }),
        200,
      ),
  );
