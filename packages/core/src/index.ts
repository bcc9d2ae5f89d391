export { type Actor, recordAudit } from './audit.js';
export { hashLinkToken, LINK_TTL_MS, type LinkPurpose, newLinkToken } from './auth/link-tokens.js';
export { hashPassword, verifyPassword } from './auth/passwords.js';
export {
  PLATFORM_AUDIENCE,
  signToken,
  type TokenClaims,
  tenantAudience,
  verifyToken,
} from './auth/tokens.js';
export { type BrandingView, brandingView } from './branding/branding-view.js';
export {
  brandingWarnings,
  contrastRatio,
  MIN_TEXT_CONTRAST,
  parseHexColor,
  relativeLuminance,
} from './branding/contrast.js';
export { getBranding } from './branding/get-branding.js';
export { getLogoFile, LOGO_URL_PATH, logoKey, removeLogo, setLogo } from './branding/logo.js';
export { updateBranding } from './branding/update-branding.js';
export {
  type LogoType,
  logoError,
  logoTooLarge,
  unsafeSvgReason,
  validateLogo,
} from './branding/validate-logo.js';
export { DEMO_TENANTS, type DemoTenant, seedDemo } from './demo/seed-demo.js';
export type { Deps } from './deps.js';
export { type EmailView, listEmails } from './emails/list-emails.js';
export {
  createMailer,
  emailDelivered,
  type Mailer,
  type OutgoingEmail,
  type SentEmail,
} from './emails/mailer.js';
export { primaryHostname, publicOrigin } from './emails/public-origin.js';
export { type SendOutcome, sendOutboxEmail } from './emails/send-outbox-email.js';
export { SmtpMailer } from './emails/smtp-mailer.js';
export { StoredMailer } from './emails/stored-mailer.js';
export { failpoint } from './failpoint.js';
export { emitEvent, notifyOutbox, OUTBOX_CHANNEL } from './outbox/emit-event.js';
export { outboxJobId, type RelayBatchResult, relayOutboxBatch } from './outbox/relay-outbox-batch.js';
export { type RelayTarget, relayTargets } from './outbox/relay-targets.js';
export { PermanentJobError } from './permanent-job-error.js';
export {
  effectiveTiers,
  type PricedProduct,
  type Quote,
  quote,
  resolveTier,
  savingBps,
  type Tier,
  type TierRow,
  tierTable,
  validateTiers,
} from './pricing/tiers.js';
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
export { inviteOperator } from './team/invite-operator.js';
export { listTeam, TEAM_ROLES, type TeamMember } from './team/list-team.js';
export { removeTeamMember } from './team/remove-team-member.js';
export { announce, changeTenantStatus, retryProvisioning } from './tenants/change-status.js';
export { createTenant, enqueueProvisioning } from './tenants/create-tenant.js';
export { getTenant, type TenantView } from './tenants/get-tenant.js';
export { defaultHostname, normalizeHost } from './tenants/hosts.js';
export { type ListTenantsQuery, listTenants } from './tenants/list-tenants.js';
export { type HostTenant, lookupTenantByHost } from './tenants/lookup-host.js';
export { acceptInvite } from './users/accept-invite.js';
export { requestPasswordReset } from './users/request-password-reset.js';
export { resetPassword } from './users/reset-password.js';
export { createTenantUser, getTenantUser, loginTenantUser, type TenantRole } from './users/tenant-users.js';
