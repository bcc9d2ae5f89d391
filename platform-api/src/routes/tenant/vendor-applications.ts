import { VerifyEmailBody } from '@agora/contracts';
import { applyAsVendor, parseVendorApplication, verifyEmail } from '@agora/core';
import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { applicationBodyDoc, readMultipart, uploadLimit, VendorApplicationResult } from './vendor-schemas.js';

const EmailVerified = z.object({ email: z.string(), verifiedAt: z.string() }).openapi('EmailVerified', {
  example: { email: 'sales@nordicpack.example', verifiedAt: '2025-03-01T09:30:00.000Z' },
});

/** Becoming a vendor: the public application form, and confirming the applicant's email. */
export const tenantVendorApplications = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.public,
      middleware: [uploadLimit] as const,
      method: 'post',
      path: '/vendor-applications',
      tags: ['vendors'],
      summary: 'Apply to sell on this marketplace (multipart form with documents)',
      description:
        'Creates the vendor (`pending`, or `approved` and verified when the marketplace approves ' +
        "vendors automatically), stores the documents, and creates the applicant's vendor admin " +
        'account (email = `contactEmail`, active, email not yet verified) with `password`. The ' +
        'applicant gets an email with a verification link (`/console/verify-email?token=...`, 24 h); ' +
        'the owner and operators get a "New vendor application" email. Every invalid field (and ' +
        'document, as `documents.<n>`) is listed in one 400 and nothing is stored. A `contactEmail` ' +
        'that already has an account here is a 409 `email_taken` naming `contactEmail`. The answer ' +
        'includes a session `token` for the new account.',
      request: { body: applicationBodyDoc },
      responses: {
        201: json(VendorApplicationResult, 'The vendor as created, and a session for its admin'),
        ...errorResponses(400, 403, 404, 409, 415),
      },
    }),
    async (c) => {
      const { fields, uploads } = await readMultipart(c);
      const parsed = parseVendorApplication(fields, uploads);
      return c.json(await applyAsVendor(c.var.deps, c.var.tenant, parsed), 201);
    },
  )
  .openapi(
    createRoute({
      ...access.public,
      method: 'post',
      path: '/auth/verify-email',
      tags: ['auth'],
      summary: 'Confirm an email address with the emailed link',
      description:
        'The `token` query parameter of the link `/console/verify-email?token=...` (valid 24 hours). ' +
        'Using it again answers the same. An invalid or expired token is a 400 `invalid_token`.',
      request: { body: jsonBody(VerifyEmailBody) },
      responses: { 200: json(EmailVerified, 'The address is verified'), ...errorResponses(400, 403, 404) },
    }),
    async (c) => c.json(await verifyEmail(c.var.deps, c.var.tenant, c.req.valid('json').token), 200),
  );
