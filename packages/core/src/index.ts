export { type Actor, recordAudit } from './audit.js';
export { hashPassword, verifyPassword } from './auth/passwords.js';
export {
  PLATFORM_AUDIENCE,
  signToken,
  type TokenClaims,
  tenantAudience,
  verifyToken,
} from './auth/tokens.js';
export type { Deps } from './deps.js';
export { failpoint } from './failpoint.js';
export {
  PermanentProvisioningError,
  runProvisioning,
  tenantsAwaitingProvisioning,
} from './provisioning/run-provisioning.js';
export { seedTenant } from './provisioning/seed-tenant.js';
export { PROVISIONING_STEPS, type ProvisioningStep, STEP_LABELS } from './provisioning/steps.js';
export { createRuntime, type Runtime } from './runtime.js';
export { ensureStaffUser, getStaff, loginStaff } from './staff/staff.js';
export { getStorefront } from './storefront/get-storefront.js';
export { announce, changeTenantStatus, retryProvisioning } from './tenants/change-status.js';
export { createTenant, enqueueProvisioning } from './tenants/create-tenant.js';
export { getTenant, type TenantView } from './tenants/get-tenant.js';
export { defaultHostname, normalizeHost } from './tenants/hosts.js';
export { type ListTenantsQuery, listTenants } from './tenants/list-tenants.js';
export { type HostTenant, lookupTenantByHost } from './tenants/lookup-host.js';
export { createTenantUser, getTenantUser, loginTenantUser, type TenantRole } from './users/tenant-users.js';
