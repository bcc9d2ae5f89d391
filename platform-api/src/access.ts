import type { MiddlewareHandler } from 'hono';
import { requireStaff, requireTenantUser } from './middleware/auth.js';
import { requireBuyerUser, requireOperator, requireVendorUser } from './middleware/roles.js';

/**
 * Who may call an endpoint, declared once per route: spread one of these into `createRoute`.
 * Each level brings the middleware that enforces it and publishes the same rule in the OpenAPI
 * document as `x-agora-access` (`level`, the `roles` allowed, and the `scope` of data they
 * reach), so the docs and the checks cannot drift apart. `test/vendors-authz.test.ts` checks
 * every vendor endpoint's declaration against what each kind of caller actually gets.
 *
 *   public       anyone, signed in or not
 *   signedIn     any user of this marketplace
 *   operator     the marketplace owner and operators; the whole marketplace
 *   vendor       vendor admins and staff; their own vendor only (others' ids are 404)
 *   vendorAdmin  vendor admins; their own vendor only
 *   staff        platform staff (control plane only)
 *
 * The level is also what the OpenAPI document derives from (openapi.ts `completeOperations`):
 * `security` (none for public), and the 401 and 403 responses.
 */
// A mutable tuple, as createRoute wants it, that keeps each middleware's type (and so `c.var`).
// biome-ignore lint/suspicious/noExplicitAny: any middleware
export const chain = <M extends MiddlewareHandler<any, any, any>[]>(...middleware: M) => middleware;
const bearer = (): { bearer: string[] }[] => [{ bearer: [] }];

export const access = {
  public: {
    security: [] as { bearer: string[] }[],
    'x-agora-access': { level: 'public', roles: [], scope: 'anyone, signed in or not' },
  },
  signedIn: {
    security: bearer(),
    middleware: chain(requireTenantUser),
    'x-agora-access': {
      level: 'signed_in',
      roles: [
        'owner',
        'operator',
        'vendor_admin',
        'vendor_staff',
        'buyer_admin',
        'buyer_member',
        'buyer_approver',
      ],
      scope: "the caller's own account",
    },
  },
  operator: {
    security: bearer(),
    middleware: chain(requireTenantUser, requireOperator),
    'x-agora-access': { level: 'operator', roles: ['owner', 'operator'], scope: 'the whole marketplace' },
  },
  vendor: {
    security: bearer(),
    middleware: chain(requireTenantUser, requireVendorUser()),
    'x-agora-access': {
      level: 'vendor',
      roles: ['vendor_admin', 'vendor_staff'],
      scope: "the caller's own vendor",
    },
  },
  vendorAdmin: {
    security: bearer(),
    middleware: chain(requireTenantUser, requireVendorUser(['vendor_admin'])),
    'x-agora-access': { level: 'vendor_admin', roles: ['vendor_admin'], scope: "the caller's own vendor" },
  },
  buyer: {
    security: bearer(),
    middleware: chain(requireTenantUser, requireBuyerUser()),
    'x-agora-access': {
      level: 'buyer',
      roles: ['buyer_admin', 'buyer_member', 'buyer_approver'],
      scope: "the caller's own company (a buyer: their own orders and cart)",
    },
  },
  buyerApprover: {
    security: bearer(),
    middleware: chain(
      requireTenantUser,
      requireBuyerUser(
        ['buyer_admin', 'buyer_approver'],
        'Only an approver or admin of the company may do this',
      ),
    ),
    'x-agora-access': {
      level: 'buyer_approver',
      roles: ['buyer_admin', 'buyer_approver'],
      scope: "the caller's own company",
    },
  },
  buyerAdmin: {
    security: bearer(),
    middleware: chain(
      requireTenantUser,
      requireBuyerUser(['buyer_admin'], 'Only an administrator of the company may do this'),
    ),
    'x-agora-access': { level: 'buyer_admin', roles: ['buyer_admin'], scope: "the caller's own company" },
  },
  staff: {
    security: bearer(),
    middleware: chain(requireStaff),
    'x-agora-access': { level: 'staff', roles: ['staff'], scope: 'every tenant (control plane)' },
  },
};

export type AccessLevel = keyof typeof access;
