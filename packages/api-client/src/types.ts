/**
 * The API's shapes, derived from @agora/contracts with type-only imports: the one definition
 * lives there (the routes validate and document with it), and no zod reaches a browser bundle.
 */
export type {
  Branding,
  BrandingInput,
  BuyerAccount,
  Footer,
  Me,
  Page,
  PageQueryInput as PageQuery,
  ProvisioningStepView,
  Session,
  Staff,
  StoredEmail,
  Storefront,
  Tenant,
  TenantStatus,
  TenantSummary,
  User,
} from '@agora/contracts';
