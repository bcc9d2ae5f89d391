import { AppError, CATALOG_IMPORT_MAX_BYTES, newId } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import { catalogImportJob } from '@agora/queue';
import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import type { VendorActor } from '../vendor-access.js';
import { type CatalogImportView, catalogImportView } from './import-view.js';

export const importFileKey = (tenantId: string, importId: string) =>
  `tenants/${tenantId}/imports/${importId}.csv`;
export const importJobId = (tenantId: string, importId: string) => `catalog-import-${tenantId}-${importId}`;

const tooLarge = () =>
  new AppError(
    'validation_failed',
    `The file is larger than the ${CATALOG_IMPORT_MAX_BYTES / 1024 / 1024} MB limit; split it into several files`,
    { fields: [{ path: 'file', message: 'is too large' }] },
  );

export { tooLarge as importTooLarge };

/**
 * Accept a CSV file for import into the actor's vendor catalog: store it (private), record the
 * import as `queued`, and queue the `catalog.import.v1` job, which checks and applies it row by
 * row (see runCatalogImport). The answer comes before any row is read.
 */
export async function startCatalogImport(
  deps: Pick<Deps, 'database' | 'files' | 'jobs'>,
  tenant: TenantRef,
  actor: VendorActor,
  bytes: Uint8Array,
): Promise<CatalogImportView> {
  if (bytes.byteLength === 0)
    throw new AppError('validation_failed', 'The file is empty; send the CSV with its header row', {
      fields: [{ path: 'file', message: 'is empty' }],
    });
  if (bytes.byteLength > CATALOG_IMPORT_MAX_BYTES) throw tooLarge();
  const id = newId('imp');
  const fileKey = importFileKey(tenant.id, id);
  await deps.files.put(fileKey, bytes, 'text/csv');
  const row = await withTenant(deps.database, tenant, async ({ db, t }) => {
    const [created] = await db
      .insert(t.catalogImports)
      .values({ id, vendorId: actor.vendorId, fileKey, status: 'queued' })
      .returning();
    await db.insert(t.auditLog).values({
      actorUserId: actor.userId,
      action: 'catalog.import_started',
      subjectType: 'catalog_import',
      subjectId: id,
      data: { vendorId: actor.vendorId, bytes: bytes.byteLength },
    });
    return created;
  });
  if (!row) throw new Error('import insert returned no row');
  try {
    await deps.jobs.enqueue(
      catalogImportJob,
      { tenantId: tenant.id, importId: id },
      { jobId: importJobId(tenant.id, id) },
    );
  } catch {
    // Without a job the import would wait forever: say so on the import and to the caller.
    await withTenant(deps.database, tenant, ({ db, t }) =>
      db
        .update(t.catalogImports)
        .set({
          status: 'failed',
          errors: [
            { row: 0, field: 'file', message: 'The import could not be queued; upload the file again' },
          ],
          updatedAt: new Date(),
        })
        .where(eq(t.catalogImports.id, id)),
    );
    throw new AppError('unavailable', 'The import could not be queued just now; try again in a minute');
  }
  return catalogImportView(row);
}
