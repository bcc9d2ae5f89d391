export { dropAppDatabase, ensureAppDatabase, restrictStatistics } from './bootstrap.js';
export {
  connectDatabase,
  type Database,
  inTransaction,
  ownerRoleFor,
  type PlatformDb,
  sendStatements,
  withClient,
} from './client.js';
export { MigrationError } from './migrate/apply.js';
export { loadMigrations, type Migration, splitStatements, sqlForSchema } from './migrate/load.js';
export { migratePlatform } from './migrate/platform.js';
export {
  type MigrateProgress,
  type MigrateSummary,
  type MigrateTenantsOptions,
  migrateTenantSchema,
  migrateTenants,
  type SchemaOutcome,
} from './migrate/tenants.js';
export type { CustomDomainRow, DomainRow, TenantRow } from './platform/schema.js';
export * as platformTables from './platform/schema.js';
export { ident, isTenantSchema, literal } from './sql.js';
export { readCatalogVersion } from './tenant/catalog-version.js';
export { createTenantRole, createTenantSchema, dropTenantSchema } from './tenant/lifecycle.js';
export {
  readTenant,
  type TenantRef,
  type TenantTx,
  withPlatformThenTenant,
  withTenant,
} from './tenant/unit-of-work.js';
