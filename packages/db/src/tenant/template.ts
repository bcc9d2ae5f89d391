// Entry for drizzle-kit only: the tenant tables bound to the template schema name.
import { TEMPLATE_SCHEMA, tenantTables } from './tables.js';

export const {
  settings,
  users,
  companies,
  companyAddresses,
  cartLines,
  orderGroups,
  orders,
  orderLines,
  commissionRules,
  commissionRuleVersions,
  outbox,
  userTokens,
  vendors,
  vendorDocuments,
  categories,
  products,
  productImages,
  priceTiers,
  catalogImports,
  auditLog,
  catalogVersion,
  searchWords,
} = tenantTables(TEMPLATE_SCHEMA);
