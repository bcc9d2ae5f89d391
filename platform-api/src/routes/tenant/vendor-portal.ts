import {
  InviteVendorStaffBody,
  PageQuery,
  UpdateVendorProfileBody,
  Vendor,
  VendorDocument,
  VendorDocuments,
  VendorTeamMember,
  VendorTeamPage,
} from '@agora/contracts';
import {
  addVendorDocuments,
  getOwnVendor,
  getOwnVendorDocument,
  inviteVendorStaff,
  listVendorTeam,
  removeVendorStaff,
  updateOwnVendor,
} from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import { access, chain } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { optionalParams } from './query-params.js';
import { documentsBodyDoc, documentsLimit, IdParam, readMultipart } from './vendor-schemas.js';

const tags = ['vendor: own vendor'];

/**
 * The signed-in vendor user's own vendor: profile, documents, team. Every query is bound to the
 * `vendorId` that `requireVendorUser` put on the context, so ids of other vendors are a 404.
 */
export const tenantVendorPortal = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/profile',
      operationId: 'getVendorProfile',
      tags,
      summary: 'Your vendor: profile, status and its reason, documents',
      responses: { 200: json(Vendor, 'Your vendor'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getOwnVendor(c.var.deps, c.var.tenant, c.var.vendorId), 200),
  )
  .openapi(
    createRoute({
      ...access.vendorAdmin,
      method: 'put',
      path: '/vendor/profile',
      operationId: 'updateVendorProfile',
      tags,
      summary: 'Change your vendor profile (resubmits after an information request)',
      description:
        'The whole profile (the same fields as the application, without password and documents; ' +
        '`contactEmail` is where decisions are emailed, not the login). While `info_requested`, ' +
        'saving resubmits: the vendor is `pending` again and the operators are emailed. Approved ' +
        'vendors cannot change `legalName`, `taxId` or `country` (409 `invalid_state` naming them); ' +
        'rejected and suspended vendors cannot change anything (409).',
      request: { body: jsonBody(UpdateVendorProfileBody) },
      responses: { 200: json(Vendor, 'Your vendor as saved'), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await updateOwnVendor(c.var.deps, c.var.tenant, {
          vendorId: c.var.vendorId,
          actorUserId: c.var.user.sub,
          profile: c.req.valid('json'),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.vendorAdmin,
      middleware: chain(...access.vendorAdmin.middleware, documentsLimit),
      method: 'post',
      path: '/vendor/documents',
      operationId: 'addVendorDocuments',
      tags,
      summary: 'Add verification documents while the application is open',
      description:
        'Multipart, files in `documents` (PDF, PNG or JPEG by their bytes, 5 MB each, 1-5 per ' +
        'upload, 10 per vendor). Only while `pending` or `info_requested` (else 409). A rejected ' +
        'upload stores nothing. Answers with all of your documents.',
      request: { body: documentsBodyDoc },
      responses: {
        201: json(VendorDocuments, 'All of your documents'),
        ...errorResponses(400, 401, 403, 404, 409, 415),
      },
    }),
    async (c) => {
      const { uploads } = await readMultipart(c);
      const data = await addVendorDocuments(c.var.deps, c.var.tenant, {
        vendorId: c.var.vendorId,
        actorUserId: c.var.user.sub,
        uploads,
      });
      return c.json({ data }, 201);
    },
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/documents/{id}',
      operationId: 'getVendorDocument',
      tags,
      summary: 'One of your documents, with a fresh signed link (5 minutes)',
      request: { params: IdParam },
      responses: { 200: json(VendorDocument, 'The document'), ...errorResponses(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await getOwnVendorDocument(c.var.deps, c.var.tenant, {
          vendorId: c.var.vendorId,
          documentId: c.req.valid('param').id,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.vendor,
      method: 'get',
      path: '/vendor/team',
      operationId: 'listVendorTeam',
      tags,
      summary: "Your vendor's accounts: the admin first, then staff, invited or active",
      description: 'Keyset pagination: pass `nextCursor` as `cursor`. `limit` 1-100, default 20.',
      request: { query: optionalParams(PageQuery) },
      responses: {
        200: json(VendorTeamPage, 'One page of the team'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await listVendorTeam(c.var.deps.database, c.var.tenant, c.var.vendorId, c.req.valid('query')),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...access.vendorAdmin,
      method: 'post',
      path: '/vendor/team/invitations',
      operationId: 'inviteVendorStaff',
      tags,
      summary: 'Invite a colleague as vendor staff',
      description:
        'Adds an `invited` vendor staff user of your vendor and emails an invitation link ' +
        '(`/console/accept-invite?token=...`, 7 days, once; accepted with POST /auth/accept-invite). ' +
        '409 `email_taken` when the email already has an account in this marketplace; 409 ' +
        '`invalid_state` for a rejected or suspended vendor.',
      request: { body: jsonBody(InviteVendorStaffBody) },
      responses: { 201: json(VendorTeamMember, 'Invited'), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await inviteVendorStaff(c.var.deps.database, c.var.tenant, {
          vendorId: c.var.vendorId,
          actorUserId: c.var.user.sub,
          ...c.req.valid('json'),
        }),
        201,
      ),
  )
  .openapi(
    createRoute({
      ...access.vendorAdmin,
      method: 'delete',
      path: '/vendor/team/{id}',
      operationId: 'removeVendorStaff',
      tags,
      summary: 'Remove a staff member (or withdraw an invitation)',
      description:
        'Their sessions stop working at once. A user who is not on your team is a 404; the vendor ' +
        'admin and yourself cannot be removed (409 `conflict`).',
      request: { params: IdParam },
      responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await removeVendorStaff(c.var.deps.database, c.var.tenant, {
        vendorId: c.var.vendorId,
        actorUserId: c.var.user.sub,
        userId: c.req.valid('param').id,
      });
      return c.body(null, 204);
    },
  );
