import type {
  AddDomainBody,
  Branding,
  BrandingInput,
  EmailVerificationSent,
  ListTenantsQuery,
  Me,
  Page,
  PageQueryInput,
  PasswordResetRequested,
  Session,
  Staff,
  Storefront,
  TeamMember,
  Tenant,
  TenantDomain,
  TenantDomainList,
  TenantSummary,
  User,
} from '@agora/contracts';
import { catalogClient } from './catalog.js';
import { commerceClient } from './commerce.js';
import { commissionClient } from './commission.js';
import { companiesClient } from './companies.js';
import { type QueryOf, request, type Transport } from './http.js';
import { ledgerClient } from './ledger.js';
import { ordersClient } from './orders.js';

export type * from './catalog.js';
export { flattenCategories } from './catalog.js';
export type * from './commerce.js';
export type * from './commission.js';
export type * from './companies.js';
export { ApiError, type QueryOf, type Transport } from './http.js';
export type * from './types.js';

/**
 * Typed client for one marketplace's API (`/api/v1` on its host). Remix loaders use it with
 * the Hono app's in-process fetch; anything else can use the network fetch.
 */
function tenantClient(t: Transport) {
  return {
    storefront: () => request<Storefront>(t, '/api/v1/storefront'),
    login: (email: string, password: string) =>
      request<Session>(t, '/api/v1/auth/login', { body: { email, password } }),
    me: () => request<Me>(t, '/api/v1/me'),
    requestEmailVerification: () =>
      request<EmailVerificationSent>(t, '/api/v1/auth/email-verification', { method: 'POST' }),
    user: (userId: string) => request<User>(t, `/api/v1/users/${encodeURIComponent(userId)}`),
    acceptInvite: (body: { token: string; password: string; name?: string }) =>
      request<Session>(t, '/api/v1/auth/accept-invite', { body }),
    requestPasswordReset: (email: string) =>
      request<PasswordResetRequested>(t, '/api/v1/auth/password-reset', { body: { email } }),
    confirmPasswordReset: (body: { token: string; password: string }) =>
      request<Session>(t, '/api/v1/auth/password-reset/confirm', { body }),
    team: (query: PageQueryInput = {}) => request<Page<TeamMember>>(t, '/api/v1/team', { query }),
    inviteOperator: (email: string) =>
      request<TeamMember>(t, '/api/v1/team/invitations', { body: { email } }),
    removeTeamMember: (id: string) =>
      request<void>(t, `/api/v1/team/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    branding: () => request<Branding>(t, '/api/v1/settings/branding'),
    updateBranding: (body: BrandingInput) =>
      request<Branding>(t, '/api/v1/settings/branding', { method: 'PUT', body }),
    uploadLogo: (bytes: Uint8Array, contentType: string) =>
      request<Branding>(t, '/api/v1/settings/logo', { method: 'PUT', raw: { bytes, contentType } }),
    deleteLogo: () => request<Branding>(t, '/api/v1/settings/logo', { method: 'DELETE' }),
    domains: () => request<TenantDomainList>(t, '/api/v1/domains'),
    addDomain: (body: AddDomainBody) => request<TenantDomain>(t, '/api/v1/domains', { body }),
    checkDomain: (id: string) =>
      request<TenantDomain>(t, `/api/v1/domains/${encodeURIComponent(id)}/check`, { method: 'POST' }),
    makeDomainPrimary: (id: string) =>
      request<TenantDomain>(t, `/api/v1/domains/${encodeURIComponent(id)}/primary`, { method: 'POST' }),
    clearPrimaryDomain: () => request<void>(t, '/api/v1/domains/primary', { method: 'DELETE' }),
    removeDomain: (id: string) =>
      request<void>(t, `/api/v1/domains/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  };
}

export type TenantApi = ReturnType<typeof tenantClient> &
  ReturnType<typeof catalogClient> &
  ReturnType<typeof ordersClient> &
  ReturnType<typeof companiesClient> &
  ReturnType<typeof commerceClient> &
  ReturnType<typeof ledgerClient> &
  ReturnType<typeof commissionClient> & { withToken(token: string): TenantApi };

export function tenantApi(t: Transport): TenantApi {
  return {
    ...tenantClient(t),
    ...catalogClient(t),
    ...ordersClient(t),
    ...companiesClient(t),
    ...commerceClient(t),
    ...ledgerClient(t),
    ...commissionClient(t),
    withToken: (token) => tenantApi({ ...t, token }),
  };
}

/** Typed client for the control plane (`/platform/v1` on the platform host). */
function platformClient(t: Transport) {
  return {
    login: (email: string, password: string) =>
      request<Session>(t, '/platform/v1/auth/login', { body: { email, password } }),
    me: () => request<Staff>(t, '/platform/v1/me'),
    listTenants: (query: QueryOf<ListTenantsQuery> = {}) =>
      request<Page<TenantSummary>>(t, '/platform/v1/tenants', { query }),
    getTenant: (id: string) => request<Tenant>(t, `/platform/v1/tenants/${encodeURIComponent(id)}`),
    createTenant: (body: { name: string; slug: string; ownerEmail: string }) =>
      request<Tenant>(t, '/platform/v1/tenants', { body }),
    suspendTenant: (id: string, reason?: string) =>
      request<Tenant>(t, `/platform/v1/tenants/${encodeURIComponent(id)}/suspend`, {
        body: reason ? { reason } : {},
      }),
    resumeTenant: (id: string) =>
      request<Tenant>(t, `/platform/v1/tenants/${encodeURIComponent(id)}/resume`, { body: {} }),
    tenantDomains: (id: string) =>
      request<TenantDomainList>(t, `/platform/v1/tenants/${encodeURIComponent(id)}/domains`),
    removeTenantDomain: (id: string, domainId: string) =>
      request<void>(
        t,
        `/platform/v1/tenants/${encodeURIComponent(id)}/domains/${encodeURIComponent(domainId)}`,
        { method: 'DELETE' },
      ),
    retryTenant: (id: string) =>
      request<Tenant>(t, `/platform/v1/tenants/${encodeURIComponent(id)}/retry`, { method: 'POST' }),
  };
}

export type PlatformApi = ReturnType<typeof platformClient> & { withToken(token: string): PlatformApi };

export function platformApi(t: Transport): PlatformApi {
  return { ...platformClient(t), withToken: (token) => platformApi({ ...t, token }) };
}
