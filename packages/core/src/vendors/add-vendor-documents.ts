import {
  AppError,
  checkFieldsMessage,
  VENDOR_DOCUMENTS_MAX_TOTAL,
  type VendorStatus,
} from '@agora/contracts';
import { type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { asc, count, eq } from 'drizzle-orm';
import { recordTenantAudit } from '../audit/record-tenant-audit.js';
import type { Deps } from '../deps.js';
import {
  checkVendorDocuments,
  type DocumentUpload,
  deleteStoredDocuments,
  storeVendorDocuments,
} from './vendor-documents.js';
import { documentView, type VendorDocumentView } from './vendor-views.js';

const OPEN: VendorStatus[] = ['pending', 'info_requested'];

/** The vendor's status and document count; 409 unless documents may still be added. */
async function openForDocuments({ db, t }: TenantTx, vendorId: string, lock: boolean) {
  const query = db.select({ status: t.vendors.status }).from(t.vendors).where(eq(t.vendors.id, vendorId));
  const [vendor] = lock ? await query.for('update') : await query;
  if (!vendor) throw new AppError('not_found', 'No vendor with this id in this marketplace');
  if (!OPEN.includes(vendor.status))
    throw new AppError(
      'invalid_state',
      `This vendor is ${vendor.status}; documents can be added only while the application is pending or information was requested`,
    );
  const [row] = await db
    .select({ n: count() })
    .from(t.vendorDocuments)
    .where(eq(t.vendorDocuments.vendorId, vendorId));
  return VENDOR_DOCUMENTS_MAX_TOTAL - (row?.n ?? 0);
}

/**
 * A vendor admin adds verification documents while the application is open (`pending` or
 * `info_requested`), at most 5 per upload and 10 in all. Everything is checked before anything
 * is stored; a failed write removes what was stored. Returns all of the vendor's documents.
 */
export async function addVendorDocuments(
  deps: Pick<Deps, 'config' | 'database' | 'files'>,
  tenant: TenantRef,
  input: { vendorId: string; actorUserId: string; uploads: DocumentUpload[] },
): Promise<VendorDocumentView[]> {
  const roomLeft = await withTenant(deps.database, tenant, (tx) =>
    openForDocuments(tx, input.vendorId, false),
  );
  const checked = checkVendorDocuments(input.uploads, { min: 1, roomLeft });
  if (checked.issues.length) {
    throw new AppError(
      'validation_failed',
      checkFieldsMessage(
        'upload',
        checked.issues.map((i) => i.path.split('.')[0] as string),
      ),
      { fields: checked.issues },
    );
  }
  const stored = await storeVendorDocuments(deps.files, tenant.id, input.vendorId, checked.documents);
  try {
    return await withTenant(deps.database, tenant, async (tx) => {
      // Again under the row lock: the status or count may have changed while the files were written.
      const room = await openForDocuments(tx, input.vendorId, true);
      if (stored.length > room)
        throw new AppError('validation_failed', checkFieldsMessage('upload', ['documents']), {
          fields: [{ path: 'documents', message: `only ${room} more documents can be added to this vendor` }],
        });
      await tx.db
        .insert(tx.t.vendorDocuments)
        .values(stored.map((d) => ({ ...d, vendorId: input.vendorId })));
      await recordTenantAudit(tx, {
        actorUserId: input.actorUserId,
        action: 'vendor.documents_added',
        subjectType: 'vendor',
        subjectId: input.vendorId,
        data: { documents: stored.map((d) => ({ id: d.id, filename: d.filename })) },
      });
      const all = await tx.db
        .select()
        .from(tx.t.vendorDocuments)
        .where(eq(tx.t.vendorDocuments.vendorId, input.vendorId))
        .orderBy(asc(tx.t.vendorDocuments.createdAt), asc(tx.t.vendorDocuments.id));
      return all.map((d) => documentView(deps.config.files.secret, d));
    });
  } catch (e) {
    await deleteStoredDocuments(deps.files, stored);
    throw e;
  }
}
