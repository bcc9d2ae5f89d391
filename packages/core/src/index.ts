export { recordTenantAudit, type TenantAuditEntry } from './audit/record-tenant-audit.js';
export { type Actor, recordAudit } from './audit.js';
export {
  EMAIL_VERIFICATION_TTL_SECONDS,
  readEmailVerificationToken,
  signEmailVerificationToken,
} from './auth/email-verification-token.js';
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
export { setCategoryArchived } from './catalog/categories/archive-category.js';
export { type CategoryRef, findCategoryBySlug, treeToDepth } from './catalog/categories/category-tree.js';
export type { CategoryView } from './catalog/categories/category-view.js';
export { createCategory, MAX_CATEGORIES } from './catalog/categories/create-category.js';
export { type CategoryNode, listCategories } from './catalog/categories/list-categories.js';
export { updateCategory } from './catalog/categories/update-category.js';
export { CSV_COLUMNS, parseCsvRow, productCsvRow, readHeader } from './catalog/csv/csv-format.js';
export { catalogCsvTemplate } from './catalog/csv/csv-template.js';
export { exportProductsCsv } from './catalog/csv/export-products.js';
export { getCatalogImport, listCatalogImports } from './catalog/csv/get-import.js';
export {
  type CatalogImportSummary,
  type CatalogImportView,
  IMPORT_ERRORS_CAP,
} from './catalog/csv/import-view.js';
export {
  ImportSupersededError,
  type RunImportOptions,
  runCatalogImport,
  runCatalogImportJob,
} from './catalog/csv/run-import.js';
export {
  importFileKey,
  importJobId,
  importTooLarge,
  startCatalogImport,
} from './catalog/csv/start-import.js';
export {
  currencyExponent,
  formatMajorAmount,
  isKnownCurrency,
  parseMajorAmount,
} from './catalog/currency.js';
export { addProductImage } from './catalog/images/add-product-image.js';
export { deleteProductImage } from './catalog/images/delete-product-image.js';
export {
  getProductImageFile,
  imageTooLarge,
  PRODUCT_IMAGE_URL_PATH,
  productImageKey,
  productImageUrl,
  sniffProductImage,
} from './catalog/images/product-image-file.js';
export { reorderProductImages } from './catalog/images/reorder-product-images.js';
export { changeProductStatus, type ProductAction } from './catalog/products/change-product-status.js';
export { createProduct } from './catalog/products/create-product.js';
export { getOperatorProduct, type OperatorProductView } from './catalog/products/get-operator-product.js';
export {
  getPublicProduct,
  type PublicProduct,
  publicProductQuery,
  quoteProduct,
} from './catalog/products/get-public-product.js';
export { getVendorProduct } from './catalog/products/get-vendor-product.js';
export {
  type ListOperatorProductsQuery,
  listOperatorProducts,
  type OperatorProductSummary,
} from './catalog/products/list-operator-products.js';
export { type ListVendorProductsQuery, listVendorProducts } from './catalog/products/list-vendor-products.js';
export { type ModerationDecision, moderateProduct } from './catalog/products/moderate-product.js';
export type { ProductSummary } from './catalog/products/product-summary.js';
export type { VendorProductView } from './catalog/products/product-view.js';
export { updateProduct } from './catalog/products/update-product.js';
export { productRuleIssues } from './catalog/products/validate-product.js';
export {
  nextProductStatus,
  type ProductIntent,
  type ProductWrite,
  writeProducts,
} from './catalog/products/write-products.js';
export { slugify } from './catalog/slugify.js';
export type { VendorActor } from './catalog/vendor-access.js';
export { type Cdn, createCdn, HttpCdn, noCdn, tenantSurrogateKey } from './cdn/cdn.js';
export {
  addCartLine,
  addToCart,
  clearCart,
  getCart,
  removeCartLine,
  setCartLineQty,
} from './commerce/cart-lines.js';
export { readCart } from './commerce/cart-view.js';
export { getCheckout, listApprovals, listMyCheckouts } from './commerce/checkout-groups.js';
export { previewCheckout } from './commerce/checkout-preview.js';
export { commerceSettingsFrom, getCommerceSettings } from './commerce/commerce-settings.js';
export { AmountOverflowError, applyBps, divideRounded, lineAmount, sumAmounts } from './commerce/money.js';
export {
  groupForCheckout,
  type PricedLine,
  shippingFor,
  type VendorOrderTotals,
  vendorOrderTotals,
} from './commerce/order-totals.js';
export {
  type CheckoutLine,
  type CheckoutResult,
  decideCheckoutApproval,
  placeCheckout,
} from './commerce/place-checkout.js';
export {
  allowedQuantities,
  isAllowedQuantity,
  nextTier,
  roundUpToAllowed,
} from './commerce/quantity-rules.js';
export { parseQuickOrder, quickOrder } from './commerce/quick-order.js';
export { checkSpendingLimit, localDate, periodBounds, startOfLocalDay } from './commerce/spending-period.js';
export {
  type CommissionCandidate,
  type CommissionChoice,
  type CommissionContext,
  type CommissionLine,
  type CommissionVerdict,
  chooseCommission,
  commissionFor,
  type FrozenCommission,
} from './commission/choose-commission.js';
export { explainCommission, previewCommission } from './commission/explain-commission.js';
export { commissionColumns, freezeCommission } from './commission/freeze-commission.js';
export {
  createCommissionRule,
  getCommissionRule,
  listCommissionRules,
  listCommissionRuleVersions,
  setCommissionRuleEnabled,
  updateCommissionRule,
} from './commission/manage-rules.js';
export {
  type FrozenLineCommission,
  type Reversal,
  reverseCommission,
  reverseWholeLine,
} from './commission/reverse-commission.js';
export { SIMULATE_DEFAULT_DAYS, simulateCommission } from './commission/simulate-commission.js';
export { getBuyerAccount } from './companies/buyer-account.js';
export { changeCompanyStatus } from './companies/change-company-status.js';
export {
  inviteCompanyMember,
  listCompanyMembers,
  removeCompanyMember,
  updateCompanyMember,
} from './companies/company-members.js';
export { canCompanyTransition, nextCompanyStatus } from './companies/company-status.js';
export { addressView, companyView, loadCompany, memberView } from './companies/company-views.js';
export {
  decideCompany,
  getCompanyDetail,
  listCompanies,
  loadCompanyDetail,
  updateCompanyTerms,
} from './companies/operator-companies.js';
export {
  addShippingAddress,
  getOwnCompany,
  removeShippingAddress,
  updateOwnCompany,
  updateShippingAddress,
} from './companies/own-company.js';
export { pricesVisibleTo, productWithoutPrices, searchWithoutPrices } from './companies/price-visibility.js';
export { signUpCompany } from './companies/sign-up-company.js';
export { DEMO_TENANTS, type DemoTenant, seedDemo, seedDemoMarketplace } from './demo/seed-demo.js';
export { type DemoCatalog, seedDemoCatalog } from './demo/seed-demo-catalog.js';
export { seedDemoCommission } from './demo/seed-demo-commission.js';
export {
  DEMO_BUYER_PASSWORD,
  demoBuyerEmail,
  demoCompanies,
  seedDemoOrders,
} from './demo/seed-demo-orders.js';
export type { Deps } from './deps.js';
export { addDomain } from './domains/add-domain.js';
export { type CheckDeps, checkDomain, runDomainCheck } from './domains/check-domain.js';
export { checkDomainDns, ownershipRecordName } from './domains/check-domain-dns.js';
export { createDnsResolver, type DnsLookup, DnsLookupError } from './domains/dns-resolver.js';
export type { DomainActor } from './domains/domain-actor.js';
export { type DomainState, disableAt, nextDomainState } from './domains/domain-transitions.js';
export { listDomains } from './domains/list-domains.js';
export { makePrimaryDomain } from './domains/make-primary-domain.js';
export { isApexDomain, normalizeDomain, platformDomainProblem } from './domains/normalize-domain.js';
export { type RecheckSummary, recheckDomains } from './domains/recheck-domains.js';
export { removeDomain } from './domains/remove-domain.js';
export { type EmailView, listEmails } from './emails/list-emails.js';
export {
  createMailer,
  emailDelivered,
  type Mailer,
  type OutgoingEmail,
  type SentEmail,
} from './emails/mailer.js';
export { primaryHostname, publicOrigin } from './emails/public-origin.js';
export {
  isNotificationTopic,
  NOTIFICATION_TOPICS,
  sendNotificationEmail,
} from './emails/send-notification-email.js';
export { type SendOutcome, sendOutboxEmail } from './emails/send-outbox-email.js';
export { SmtpMailer } from './emails/smtp-mailer.js';
export { StoredMailer } from './emails/stored-mailer.js';
export { failpoint } from './failpoint.js';
export {
  deleteOrphanedFiles,
  type FileDeleteOutcome,
  isFileReferenced,
} from './files/delete-orphaned-files.js';
export { keepStoredFile, lockFileKey, orphanFiles } from './files/orphaned-files.js';
export * from './ledger/index.js';
export {
  getMarketplaceSettings,
  loadMarketplaceSettings,
  marketplaceSettingsFrom,
} from './marketplace/get-marketplace-settings.js';
export { updateMarketplaceSettings } from './marketplace/update-marketplace-settings.js';
export {
  addTrackingEvent,
  receiveTrackingWebhook,
  recordWebhookTrackingEvent,
  verifyTrackingWebhook,
} from './orders/add-tracking-event.js';
export { addLinesToCart, buyAgain } from './orders/buy-again.js';
export { changeOrderStatus, lockOrder, type StatusChange } from './orders/change-order-status.js';
export {
  acceptOrder,
  cancelOrder,
  completeOrder,
  markOrderDelivered,
  rejectOrder,
} from './orders/decide-order.js';
export { getInvoice } from './orders/get-invoice.js';
export { getOrder } from './orders/get-order.js';
export {
  addressLines,
  invoiceDate,
  invoiceMoney,
  paymentTermsText,
  renderInvoicePdf,
} from './orders/invoice-pdf.js';
export { derivedInvoicePrefix, invoiceNumber, issueInvoice } from './orders/issue-invoice.js';
export { exportOrdersCsv, listOrders, minorToDecimal, ORDER_CSV_COLUMNS } from './orders/list-orders.js';
export { loadOrderDetail } from './orders/order-detail.js';
export { buyerScope, type OrderScope } from './orders/order-scope.js';
export { recordShipment, shipOrder } from './orders/ship-order.js';
export {
  SIGNATURE_TOLERANCE_S,
  signTrackingPayload,
  verifyTrackingSignature,
} from './orders/tracking-signature.js';
export {
  getTrackingWebhookSecret,
  peekTrackingSecret,
  rotateTrackingWebhookSecret,
} from './orders/tracking-webhook-secret.js';
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
export {
  affectedProducts,
  isSearchTopic,
  SEARCH_TOPICS,
  type SearchTopic,
} from './search/affected-products.js';
export { createSearchEngine } from './search/create-search-engine.js';
export { type IndexOutcome, indexSearchEvent } from './search/index-search-event.js';
export {
  loadSearchRows,
  MAX_BANDS,
  type MeiliProduct,
  type SearchRow,
  toMeiliDocument,
} from './search/meili/meili-documents.js';
export {
  buildMeiliSearch,
  MEILI_FACETS,
  MEILI_SETTINGS,
  type MeiliSearchRequest,
  type MeiliSearchResponse,
  mapMeiliResponse,
  type SearchLookup,
} from './search/meili/meili-query.js';
export { MeilisearchEngine, type MeilisearchEngineOptions } from './search/meili/meilisearch-engine.js';
export { PostgresSearchEngine } from './search/postgres-search-engine.js';
export { reindexAllProducts, reindexProducts } from './search/reindex-products.js';
export { rebuildSearchWordsTx, reindexProductsTx, TS_CONFIG } from './search/reindex-products-tx.js';
export {
  type FacetCache,
  facetCacheKey,
  type KeptFacets,
  SearchCache,
  searchCacheKey,
  searchResultJson,
} from './search/search-cache.js';
export {
  type CategoryFacet,
  emptyResult,
  MAX_PAGE_SIZE,
  MAX_RESULT_WINDOW,
  SEARCH_SORTS,
  type SearchEngine,
  type SearchFacets,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
  type VendorFacet,
} from './search/search-engine.js';
export { fuzzyEligible, type SearchTerms, searchTerms } from './search/search-terms.js';
export { type NearWord, SearchVocabulary, VocabularyCache } from './search/search-vocabulary.js';
export { endStaffSessions, ensureStaffUser, getStaff, getStaffSession, loginStaff } from './staff/staff.js';
export { getStorefront } from './storefront/get-storefront.js';
export { inviteOperator } from './team/invite-operator.js';
export { listTeam, TEAM_ROLES, type TeamMember } from './team/list-team.js';
export { removeTeamMember } from './team/remove-team-member.js';
export { allowCertificate } from './tenants/allow-certificate.js';
export { announce, changeTenantStatus, retryProvisioning } from './tenants/change-status.js';
export { createTenant, enqueueProvisioning } from './tenants/create-tenant.js';
export { getTenant, type TenantView } from './tenants/get-tenant.js';
export { defaultHostname, normalizeHost } from './tenants/hosts.js';
export { type ListTenantsQuery, listTenants } from './tenants/list-tenants.js';
export { type HostTenant, lookupTenantByHost } from './tenants/lookup-host.js';
export { acceptInvite } from './users/accept-invite.js';
export { requestEmailVerification } from './users/request-email-verification.js';
export { requestPasswordReset } from './users/request-password-reset.js';
export { resetPassword } from './users/reset-password.js';
export {
  createTenantUser,
  getSessionUser,
  getTenantUser,
  loginTenantUser,
  type TenantRole,
} from './users/tenant-users.js';
export { verifyEmail } from './users/verify-email.js';
export { addVendorDocuments } from './vendors/add-vendor-documents.js';
export { applyAsVendor, type VendorApplicationResult } from './vendors/apply-as-vendor.js';
export { type ChangeVendorStatusInput, changeVendorStatus } from './vendors/change-vendor-status.js';
export { decideVendor } from './vendors/decide-vendor.js';
export { getOwnVendor, getOwnVendorDocument } from './vendors/get-own-vendor.js';
export { getPublicVendor } from './vendors/get-public-vendor.js';
export { getVendorDetail, type VendorDetailView } from './vendors/get-vendor-detail.js';
export { inviteVendorStaff } from './vendors/invite-vendor-staff.js';
export { listPublicVendors } from './vendors/list-public-vendors.js';
export { listVendorTeam, type VendorTeamMember } from './vendors/list-vendor-team.js';
export { listVendors } from './vendors/list-vendors.js';
export {
  formList,
  type ParsedVendorApplication,
  parseVendorApplication,
} from './vendors/parse-vendor-application.js';
export { removeVendorStaff } from './vendors/remove-vendor-staff.js';
export { updateOwnVendor } from './vendors/update-own-vendor.js';
export {
  type CheckedDocument,
  checkVendorDocuments,
  type DocumentUpload,
  sniffDocumentType,
  vendorDocumentKey,
} from './vendors/vendor-documents.js';
export { canTransition, nextVendorStatus } from './vendors/vendor-status.js';
export {
  DOCUMENT_LINK_TTL_SECONDS,
  type PublicVendorView,
  type VendorDocumentView,
  type VendorSummaryView,
  type VendorView,
} from './vendors/vendor-views.js';
