import type { HostTenant, Runtime, TokenClaims } from '@agora/core';
import type { BodyLimit } from './middleware/body-limit.js';
import type { TenantResolver } from './middleware/resolve-tenant.js';
import type { PublicCache } from './public-cache.js';

/** Where a request landed, decided once from its Host header. */
export type Surface =
  | { kind: 'platform' }
  | { kind: 'tenant'; tenant: HostTenant }
  | { kind: 'unknown'; host: string };

export type ApiDeps = Runtime & { resolver: TenantResolver; publicCache: PublicCache };

export type AppEnv = {
  Variables: {
    deps: ApiDeps;
    surface: Surface;
    staff: TokenClaims;
    /** The signed-in tenant user: token claims, current role, their vendor (vendor users) or company (buyers). */
    user: TokenClaims & { vendorId?: string | null; companyId?: string | null };
    requestId: string;
    /** The body limit in force (see middleware/body-limit.ts); undefined for bodiless requests. */
    bodyLimit: BodyLimit | undefined;
  };
};

/** The tenant of a request on a tenant host (set by the tenant guard). */
export type TenantEnv = AppEnv & { Variables: AppEnv['Variables'] & { tenant: HostTenant } };

/** A vendor user's request: `vendorId` is their own vendor (set by `requireVendorUser`). */
export type VendorEnv = TenantEnv & { Variables: TenantEnv['Variables'] & { vendorId: string } };

/** A buyer's request: `companyId` is their own company (set by `requireBuyerUser`). */
export type BuyerEnv = TenantEnv & { Variables: TenantEnv['Variables'] & { companyId: string } };
