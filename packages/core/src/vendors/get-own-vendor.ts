import { AppError } from '@agora/contracts';
import { type TenantRef, type TenantTx, withTenant } from '@agora/db';
import { and, asc, eq } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { documentView, type VendorDocumentView, type VendorView, vendorView } from './vendor-views.js';

/** A vendor with its documents inside a unit of work; 404 when there is none. */
export async function loadVendorView(
  tx: TenantTx,
  secret: Uint8Array,
  vendorId: string,
): Promise<VendorView> {
  const { db, t } = tx;
  const [vendor] = await db.select().from(t.vendors).where(eq(t.vendors.id, vendorId));
  if (!vendor) throw new AppError('not_found', 'No vendor with this id in this marketplace');
  const documents = await db
    .select()
    .from(t.vendorDocuments)
    .where(eq(t.vendorDocuments.vendorId, vendorId))
    .orderBy(asc(t.vendorDocuments.createdAt), asc(t.vendorDocuments.id));
  return vendorView(secret, vendor, documents);
}

/** The signed-in vendor user's own vendor: profile, status and reason, documents. */
export async function getOwnVendor(
  deps: Pick<Deps, 'config' | 'database'>,
  tenant: TenantRef,
  vendorId: string,
): Promise<VendorView> {
  return withTenant(deps.database, tenant, (tx) => loadVendorView(tx, deps.config.files.secret, vendorId));
}

/** One document of the vendor's own, with a fresh signed link; another vendor's id is a 404. */
export async function getOwnVendorDocument(
  deps: Pick<Deps, 'config' | 'database'>,
  tenant: TenantRef,
  input: { vendorId: string; documentId: string },
): Promise<VendorDocumentView> {
  const [doc] = await withTenant(deps.database, tenant, ({ db, t }) =>
    db
      .select()
      .from(t.vendorDocuments)
      .where(and(eq(t.vendorDocuments.id, input.documentId), eq(t.vendorDocuments.vendorId, input.vendorId))),
  );
  if (!doc) throw new AppError('not_found', 'No document with this id for your vendor');
  return documentView(deps.config.files.secret, doc);
}
