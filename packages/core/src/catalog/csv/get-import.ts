import { AppError } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { and, desc, eq } from 'drizzle-orm';
import { type CatalogImportView, catalogImportView } from './import-view.js';

/** One of the vendor's imports: status, progress, counts and row errors. Others' are 404. */
export async function getCatalogImport(
  database: Database,
  tenant: TenantRef,
  actor: { vendorId: string },
  importId: string,
): Promise<CatalogImportView> {
  const [row] = await withTenant(database, tenant, ({ db, t }) =>
    db
      .select()
      .from(t.catalogImports)
      .where(and(eq(t.catalogImports.id, importId), eq(t.catalogImports.vendorId, actor.vendorId))),
  );
  if (!row) throw new AppError('not_found', 'No import with this id in your catalog');
  return catalogImportView(row);
}

/** The vendor's latest imports, newest first (errors left out; fetch one import for them). */
export async function listCatalogImports(
  database: Database,
  tenant: TenantRef,
  actor: { vendorId: string },
  limit = 20,
): Promise<Omit<CatalogImportView, 'errors'>[]> {
  const rows = await withTenant(database, tenant, ({ db, t }) =>
    db
      .select()
      .from(t.catalogImports)
      .where(eq(t.catalogImports.vendorId, actor.vendorId))
      .orderBy(desc(t.catalogImports.createdAt))
      .limit(limit),
  );
  return rows.map((r) => {
    const { errors: _e, ...view } = catalogImportView(r);
    return view;
  });
}
