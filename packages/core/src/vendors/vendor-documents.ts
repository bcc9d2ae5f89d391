import {
  type FieldIssue,
  newId,
  VENDOR_DOCUMENT_MAX_BYTES,
  VENDOR_DOCUMENTS_PER_UPLOAD,
} from '@agora/contracts';
import type { FileStorage } from '@agora/files';

/** A file as uploaded: the name the browser sent and the bytes. */
export type DocumentUpload = { filename: string; bytes: Uint8Array };

export type DocumentType = {
  contentType: 'application/pdf' | 'image/png' | 'image/jpeg';
  ext: 'pdf' | 'png' | 'jpg';
};

/** A document that passed the checks, ready to store. */
export type CheckedDocument = DocumentUpload & DocumentType;

/** A stored document: what the `vendor_documents` row needs. */
export type StoredDocument = {
  id: string;
  fileKey: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
};

const MB = 1024 * 1024;
const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * The document type read from its first bytes (never from the name or a header): PDF
 * (`%PDF-`), PNG (signature) or JPEG (SOI marker), else null.
 */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    return { contentType: 'application/pdf', ext: 'pdf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { contentType: 'image/png', ext: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', ext: 'jpg' };
  return null;
}

/** The name to show: no directories, no control characters, at most 200 characters. */
export function cleanFilename(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  return base || `document.${ext}`;
}

/**
 * Check uploaded documents without storing anything: between `min` and the per-upload maximum,
 * each non-empty, at most 5 MB, and a PDF, PNG or JPEG by its bytes. Problems name the field
 * (`documents`, or `documents.<n>` for one file) so a form can show them beside the input.
 */
export function checkVendorDocuments(
  uploads: DocumentUpload[],
  options: { min: number; roomLeft?: number },
): { documents: CheckedDocument[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const max = Math.min(VENDOR_DOCUMENTS_PER_UPLOAD, options.roomLeft ?? VENDOR_DOCUMENTS_PER_UPLOAD);
  if (uploads.length < options.min)
    issues.push({
      path: 'documents',
      message: `attach at least ${options.min} verification document (PDF, PNG or JPEG)`,
    });
  if (uploads.length > max)
    issues.push({
      path: 'documents',
      message:
        max < VENDOR_DOCUMENTS_PER_UPLOAD
          ? `only ${max} more document${max === 1 ? '' : 's'} can be added to this vendor`
          : `attach at most ${VENDOR_DOCUMENTS_PER_UPLOAD} documents`,
    });
  const documents: CheckedDocument[] = [];
  uploads.forEach((upload, i) => {
    const path = `documents.${i}`;
    const size = upload.bytes.byteLength;
    const type = sniffDocumentType(upload.bytes);
    if (size === 0) issues.push({ path, message: `${upload.filename || 'the file'} is empty` });
    else if (size > VENDOR_DOCUMENT_MAX_BYTES)
      issues.push({
        path,
        message: `${upload.filename || 'the file'} is ${(size / MB).toFixed(1)} MB; the limit is ${VENDOR_DOCUMENT_MAX_BYTES / MB} MB`,
      });
    else if (!type)
      issues.push({
        path,
        message: `${upload.filename || 'the file'} is not a PDF, PNG or JPEG file (checked from its contents)`,
      });
    else documents.push({ ...upload, ...type, filename: cleanFilename(upload.filename, type.ext) });
  });
  return { documents, issues };
}

/** Where a vendor document lives: under the tenant, then the vendor. */
export const vendorDocumentKey = (tenantId: string, vendorId: string, documentId: string, ext: string) =>
  `tenants/${tenantId}/vendors/${vendorId}/${documentId}.${ext}`;

/**
 * Store checked documents. All or nothing: if one write fails, the ones already written are
 * deleted before the error is passed on, so a failed upload leaves no orphan files.
 */
export async function storeVendorDocuments(
  files: FileStorage,
  tenantId: string,
  vendorId: string,
  documents: CheckedDocument[],
): Promise<StoredDocument[]> {
  const stored: StoredDocument[] = [];
  try {
    for (const doc of documents) {
      const id = newId('doc');
      const fileKey = vendorDocumentKey(tenantId, vendorId, id, doc.ext);
      await files.put(fileKey, doc.bytes, doc.contentType);
      stored.push({
        id,
        fileKey,
        filename: doc.filename,
        contentType: doc.contentType,
        sizeBytes: doc.bytes.byteLength,
      });
    }
    return stored;
  } catch (e) {
    await deleteStoredDocuments(files, stored);
    throw e;
  }
}

/** Undo `storeVendorDocuments` (the database write after it failed). Best effort. */
export async function deleteStoredDocuments(files: FileStorage, stored: StoredDocument[]): Promise<void> {
  await Promise.all(stored.map((d) => files.delete(d.fileKey).catch(() => {})));
}
