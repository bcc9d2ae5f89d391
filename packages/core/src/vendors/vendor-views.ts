import type { PublicVendor, Vendor, VendorDocument, VendorSummary } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { signFileUrl } from '@agora/files';

export type VendorRow = TenantTx['t']['vendors']['$inferSelect'];
export type VendorDocumentRow = TenantTx['t']['vendorDocuments']['$inferSelect'];

/** Document links live this long: enough to open them, short enough not to be shared around. */
export const DOCUMENT_LINK_TTL_SECONDS = 300;

// The views are the API's shapes (@agora/contracts vendor-views.ts): one definition.
/** What anyone may see about an approved vendor: no tax id, no contact, no status details. */
export type PublicVendorView = PublicVendor;
export type VendorDocumentView = VendorDocument;
/** The vendor as the vendor itself and the operator see it. */
export type VendorView = Vendor;
/** One line of the operator's queue. */
export type VendorSummaryView = VendorSummary;

export function publicVendorView(row: VendorRow): PublicVendorView {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    website: row.website,
    description: row.description,
    industries: row.industries,
    verified: row.verified,
    memberSince: row.createdAt.toISOString(),
  };
}

export function vendorSummaryView(row: VendorRow): VendorSummaryView {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legalName,
    country: row.country,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    industries: row.industries,
    status: row.status,
    statusReason: row.statusReason,
    verified: row.verified,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function documentView(
  secret: Uint8Array,
  doc: VendorDocumentRow,
  now = Date.now(),
): VendorDocumentView {
  const url = signFileUrl(secret, doc.fileKey, DOCUMENT_LINK_TTL_SECONDS, now);
  const exp = Number(new URL(url, 'http://x').searchParams.get('exp'));
  return {
    id: doc.id,
    filename: doc.filename,
    contentType: doc.contentType,
    sizeBytes: doc.sizeBytes,
    createdAt: doc.createdAt.toISOString(),
    url,
    urlExpiresAt: new Date(exp * 1000).toISOString(),
  };
}

export function vendorView(
  secret: Uint8Array,
  row: VendorRow,
  documents: VendorDocumentRow[],
  now = Date.now(),
): VendorView {
  return {
    ...vendorSummaryView(row),
    taxId: row.taxId,
    website: row.website,
    description: row.description,
    updatedAt: row.updatedAt.toISOString(),
    documents: documents.map((d) => documentView(secret, d, now)),
  };
}
