export { connectDatabase, inTransaction, withClient, ownerRoleFor, type Database, type PlatformDb } from './client.js';
export { ensureAppDatabase, dropAppDatabase } from './bootstrap.js';
export { migratePlatform } from './migrate/platform.js';
export {
  migrateTenants, migrateTenantSchema,
  type MigrateProgress, type MigrateSummary, type MigrateTenantsOptions, type SchemaOutcome,
} from './migrate/tenants.js';
export { loadMigrations, sqlForSchema, type Migration } from './migrate/load.js';
export { MigrationError } from './migrate/apply.js';
export { createTenantRole, createTenantSchema, dropTenantSchema } from './tenant/lifecycle.js';
export { withTenant, type TenantRef, type TenantTx } from './tenant/unit-of-work.js';
export * as platformTables from './platform/schema.js';
export type { TenantRow, DomainRow } from './platform/schema.js';
export { ident, literal, isTenantSchema } from './sql.js';
