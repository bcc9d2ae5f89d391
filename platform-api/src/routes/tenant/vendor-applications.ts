import { EmailVerified, VendorApplicationResult, VerifyEmailBody } from '@agora/contracts';
import { applyAsVendor, parseVendorApplication, verifyEmail } from '@agora/core';
import { createRoute } from '@hono/zod-openapi';
import { access } from '../../access.js';
import type { TenantEnv } from '../../context.js';
import { rateLimit, rateLimitedResponse } from '../../middleware/rate-limit.js';
import { createApi, errorResponses, json, jsonBody } from '../../openapi.js';
import { applicationBodyDoc, documentsLimit, readMultipart } from './vendor-schemas.js';

/**
 * Per client address and marketplace. Applications refused as invalid (400, nothing stored) give
 * their hit back, so someone fixing the form is not locked out; a 409 (address already has an
 * account) counts, so the form cannot be used to probe for accounts at speed.
 */
const applicationLimit = rateLimit({
  name: 'vendor-applications',
  rule: (config) => config.rateLimits.vendorApplications,
  message: 'Too many applications from your network address',
  refund: (status) => status === 400,
});

/** Becoming a vendor: the public application form, and confirming the applicant's email. */
export const tenantVendorApplications = createApi<TenantEnv>()
  .openapi(
    createRoute({
      ...access.public,
      middleware: [applicationLimit, documentsLimit] as const,
      method: 'post',
      path: '/vendor-applications',
      operationId: 'applyAsVendor',
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
        'includes a session `token` for the new account. Rate limited per client address and ' +
        'marketplace (default 5 per hour; `AGORA_VENDOR_APPLICATION_LIMIT`, ' +
        '`AGORA_VENDOR_APPLICATION_WINDOW_S`); invalid applications (400) do not count.',
      request: { body: applicationBodyDoc },
      responses: {
        201: json(VendorApplicationResult, 'The vendor as created, and a session for its admin'),
        ...errorResponses(400, 403, 404, 409, 415),
        ...rateLimitedResponse(
          'Too many applications from this address: `rate_limited`; nothing is stored. Wait `Retry-After` seconds',
        ),
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
      operationId: 'verifyEmail',
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
