import {
  Company,
  CompanyDecisionBody,
  CompanyDetail,
  CompanyDetailsBody,
  CompanyMember,
  CompanyMemberPage,
  CompanySignUpBody,
  CompanySignUpResult,
  CompanySummaryPage,
  CompanyTermsBody,
  InviteMemberBody,
  OperatorCompanyListQuery,
  PageQuery,
  ShippingAddressBody,
  UpdateMemberBody,
} from '@agora/contracts';
import {
  addShippingAddress,
  decideCompany,
  getCompanyDetail,
  getOwnCompany,
  inviteCompanyMember,
  listCompanies,
  listCompanyMembers,
  removeCompanyMember,
  removeShippingAddress,
  signUpCompany,
  updateCompanyMember,
  updateCompanyTerms,
  updateOwnCompany,
  updateShippingAddress,
} from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { rateLimit, rateLimitedResponse } from '../../middleware/rate-limit.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { optionalParams } from './query-params.js';

const idParam = (example: string) =>
  z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example }) });
const CompanyId = idParam('cmp_8k2m4q7w1z3x5c9v');
const MemberId = idParam('usr_8k2m4q7w1z3x5c9v');
const AddressId = idParam('adr_8k2m4q7w1z3x5c9v');

/**
 * Per client address and marketplace, with the vendor applications' rule
 * (`AGORA_VENDOR_APPLICATION_LIMIT` / `_WINDOW_S`): a refused form (400) gives its hit back.
 */
const signUpLimit = rateLimit({
  name: 'company-sign-ups',
  rule: (config) => config.rateLimits.vendorApplications,
  message: 'Too many sign-ups from your network address',
  refund: (status) => status === 400,
});

const buyerTags = ['buyers'];
const operatorTags = ['operator: buyer companies'];

/** Buyer companies: sign-up (public), the company's own pages (its members), the operator's queue. */
export const tenantCompanies = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.public,
      middleware: [signUpLimit] as const,
      method: 'post',
      path: '/companies',
      operationId: 'signUpCompany',
      tags: buyerTags,
      summary: 'Create a business (buyer) account',
      description:
        'Creates the company (`pending`, or `approved` when the marketplace approves buyers ' +
        'automatically), its shipping addresses and its first member, a buyer admin (email = ' +
        '`email`, active, email not yet verified; a verification link is emailed, ' +
        '`/account/verify-email?token=...`, 24 h). Operators get a "new buyer company" email. Every ' +
        'invalid field is listed in one 400 (paths like `billingAddress.city`, ' +
        '`shippingAddresses.0.address.postalCode`) and nothing is stored; an `email` that already has ' +
        'an account here is a 409 `email_taken`. The answer includes a session `token`. Rate limited ' +
        'per client address and marketplace like vendor applications; invalid sign-ups do not count.',
      request: { body: jsonBody(CompanySignUpBody) },
      responses: {
        201: json(CompanySignUpResult, 'The company as created, and a session for its admin'),
        ...errorResponses(400, 403, 404, 409),
        ...rateLimitedResponse('Too many sign-ups from this address: `rate_limited`; nothing is stored'),
      },
    }),
    async (c) => c.json(await signUpCompany(c.var.deps, c.var.tenant, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      ...access.buyer,
      method: 'get',
      path: '/company',
      operationId: 'getOwnCompany',
      tags: buyerTags,
      summary: "The caller's company: status, terms, billing and shipping addresses",
      responses: { 200: json(Company, 'The company'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getOwnCompany(c.var.deps.database, c.var.tenant, c.var.companyId), 200),
  )
  .openapi(
    createRoute({
      ...access.buyerAdmin,
      method: 'put',
      path: '/company',
      operationId: 'updateOwnCompany',
      tags: buyerTags,
      summary: "Change the company's details and billing address (its admins)",
      description:
        'A company the operator asked for information is sent back for review by this save ' +
        '(`pending` again; operators are told). A rejected company cannot be changed (409).',
      request: { body: jsonBody(CompanyDetailsBody) },
      responses: { 200: json(Company, 'The company as saved'), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await updateOwnCompany(c.var.deps.database, c.var.tenant, {
          companyId: c.var.companyId,
          actorUserId: c.var.user.sub,
          body: c.req.valid('json'),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.buyerAdmin,
      method: 'post',
      path: '/company/addresses',
      operationId: 'addShippingAddress',
      tags: buyerTags,
      summary: 'Add a shipping address (company admins)',
      request: { body: jsonBody(ShippingAddressBody) },
      responses: {
        201: json(Company, 'The company with the address'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await addShippingAddress(c.var.deps.database, c.var.tenant, {
          companyId: c.var.companyId,
          actorUserId: c.var.user.sub,
          body: c.req.valid('json'),
        }),
        201,
      ),
  )
  .openapi(
    createRoute({
      ...access.buyerAdmin,
      method: 'put',
      path: '/company/addresses/{id}',
      operationId: 'updateShippingAddress',
      tags: buyerTags,
      summary: 'Change a shipping address (company admins)',
      request: { params: AddressId, body: jsonBody(ShippingAddressBody) },
      responses: { 200: json(Company, 'The company'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await updateShippingAddress(c.var.deps.database, c.var.tenant, {
          companyId: c.var.companyId,
          actorUserId: c.var.user.sub,
          addressId: c.req.valid('param').id,
          body: c.req.valid('json'),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.buyerAdmin,
      method: 'delete',
      path: '/company/addresses/{id}',
      operationId: 'removeShippingAddress',
      tags: buyerTags,
      summary: 'Remove a shipping address (company admins; the last one stays, 409)',
      request: { params: AddressId },
      responses: { 200: json(Company, 'The company'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await removeShippingAddress(c.var.deps.database, c.var.tenant, {
          companyId: c.var.companyId,
          actorUserId: c.var.user.sub,
          addressId: c.req.valid('param').id,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.buyerAdmin,
      method: 'get',
      path: '/company/members',
      operationId: 'listCompanyMembers',
      tags: buyerTags,
      summary: "The company's members, invited and active (company admins)",
      description:
        'Oldest first. Keyset pagination: pass `nextCursor` as `cursor`; `limit` 1-100, default 20.',
      request: { query: PageQuery },
      responses: { 200: json(CompanyMemberPage, 'One page'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await listCompanyMembers(c.var.deps.database, c.var.tenant, c.var.companyId, c.req.valid('query')),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.buyerAdmin,
      method: 'post',
      path: '/company/members',
      operationId: 'inviteCompanyMember',
      tags: buyerTags,
      summary: 'Invite someone to the company (company admins)',
      description:
        'Role `buyer_admin`, `buyer_member` or `buyer_approver`, and an optional spending limit ' +
        '(amount in the marketplace currency, minor units, per week, month or quarter; both or ' +
        'neither). The invitation email links to `/account/accept-invite` (7 days, once). An email ' +
        'that already has an account here is a 409 `email_taken`.',
      request: { body: jsonBody(InviteMemberBody) },
      responses: {
        201: json(CompanyMember, 'The invited member'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await inviteCompanyMember(c.var.deps.database, c.var.tenant, {
          companyId: c.var.companyId,
          actorUserId: c.var.user.sub,
          ...c.req.valid('json'),
        }),
        201,
      ),
  )
  .openapi(
    createRoute({
      ...access.buyerAdmin,
      method: 'put',
      path: '/company/members/{id}',
      operationId: 'updateCompanyMember',
      tags: buyerTags,
      summary: "Change a member's role and spending limit (company admins)",
      description:
        'Both fields; a null limit removes it. A changed role ends the member’s sessions. The only ' +
        'active administrator stays one (409).',
      request: { params: MemberId, body: jsonBody(UpdateMemberBody) },
      responses: { 200: json(CompanyMember, 'The member'), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await updateCompanyMember(c.var.deps.database, c.var.tenant, {
          companyId: c.var.companyId,
          actorUserId: c.var.user.sub,
          userId: c.req.valid('param').id,
          ...c.req.valid('json'),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.buyerAdmin,
      method: 'delete',
      path: '/company/members/{id}',
      operationId: 'removeCompanyMember',
      tags: buyerTags,
      summary: 'Remove a member (company admins): the account is disabled and its sessions end',
      request: { params: MemberId },
      responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await removeCompanyMember(c.var.deps.database, c.var.tenant, {
        companyId: c.var.companyId,
        actorUserId: c.var.user.sub,
        userId: c.req.valid('param').id,
      });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/companies',
      operationId: 'listOperatorCompanies',
      tags: operatorTags,
      summary: 'Buyer queue: every buyer company, newest sign-up first',
      description:
        'Filters: `status`, `q` (legal name or tax id). Keyset pagination: pass `nextCursor` as ' +
        '`cursor`. `limit` 1-100, default 20.',
      request: { query: optionalParams(OperatorCompanyListQuery) },
      responses: { 200: json(CompanySummaryPage, 'One page'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listCompanies(c.var.deps.database, c.var.tenant, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'get',
      path: '/operator/companies/{id}',
      operationId: 'getOperatorCompany',
      tags: operatorTags,
      summary: 'One buyer company: details, addresses, terms, members, decisions',
      request: { params: CompanyId },
      responses: { 200: json(CompanyDetail, 'The company'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(await getCompanyDetail(c.var.deps.database, c.var.tenant, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'post',
      path: '/operator/companies/{id}/decisions',
      operationId: 'decideCompany',
      tags: operatorTags,
      summary: 'Approve, reject, request information, suspend or reinstate a buyer company',
      description:
        'The allowed moves are COMPANY_TRANSITIONS (contracts): approve or reject a `pending` or ' +
        '`info_requested` company, request information about a `pending` one, suspend an approved ' +
        'one, reinstate a suspended one. `reason` is required to reject, request information or ' +
        'suspend, and is shown to the company. Writes the audit log and emails the company admins ' +
        'in the same transaction. 409 `invalid_state` when the company is not in a status that allows it.',
      request: { params: CompanyId, body: jsonBody(CompanyDecisionBody) },
      responses: {
        200: json(CompanyDetail, 'The company after the decision'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await decideCompany(c.var.deps.database, c.var.tenant, {
          companyId: c.req.valid('param').id,
          actorUserId: c.var.user.sub,
          ...c.req.valid('json'),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.operator,
      method: 'put',
      path: '/operator/companies/{id}/terms',
      operationId: 'updateCompanyTerms',
      tags: operatorTags,
      summary: "Set a company's payment terms and credit limit",
      description:
        '`prepay` (bank transfer in advance, `netDays` 0) or `net` (invoice, `netDays` 1-365); ' +
        '`creditLimitMinor` in the marketplace currency (minor units), null for none. A change is ' +
        'audited and emailed to the company admins.',
      request: { params: CompanyId, body: jsonBody(CompanyTermsBody) },
      responses: { 200: json(CompanyDetail, 'The company'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await updateCompanyTerms(c.var.deps.database, c.var.tenant, {
          companyId: c.req.valid('param').id,
          actorUserId: c.var.user.sub,
          ...c.req.valid('json'),
        }),
        200,
      ),
  );
