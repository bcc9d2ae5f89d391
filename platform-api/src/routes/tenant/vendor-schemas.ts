import {
  AppError,
  COUNTRY_CODES,
  invalidInput,
  VENDOR_DOCUMENT_MAX_BYTES,
  VENDOR_DOCUMENTS_PER_UPLOAD,
  VendorApplication,
} from '@agora/contracts';
import type { DocumentUpload } from '@agora/core';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { readForm } from '../../form-body.js';
import { UPLOAD_BODY_LIMITS, uploadLimit } from '../../middleware/body-limit.js';

// Response shapes are in @agora/contracts (vendor-views.ts); these are the transport's own parts.

export const IdParam = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

// Multipart uploads (application and documents).

const binary = { type: 'string' as const, format: 'binary' };
const documentsDoc = {
  type: 'array' as const,
  items: binary,
  minItems: 1,
  maxItems: VENDOR_DOCUMENTS_PER_UPLOAD,
  description: `Repeat the \`documents\` field per file: PDF, PNG or JPEG (read from the bytes), at most ${VENDOR_DOCUMENT_MAX_BYTES / 1024 / 1024} MB each, 1 to ${VENDOR_DOCUMENTS_PER_UPLOAD} files`,
};

/** The application's fields as JSON Schema, from the one schema that checks them (contracts). */
const application = z.toJSONSchema(VendorApplication, { io: 'input', unrepresentable: 'any' }) as {
  properties: Record<string, Record<string, unknown>>;
  required: string[];
};

export const applicationBodyDoc = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        required: [...application.required, 'documents'],
        properties: {
          ...application.properties,
          country: {
            ...application.properties.country,
            enum: [...COUNTRY_CODES],
            description: 'ISO 3166-1 alpha-2',
          },
          contactEmail: {
            ...application.properties.contactEmail,
            description: 'Contact for decisions, and the email of the vendor admin account',
          },
          industries: {
            ...application.properties.industries,
            description: 'Repeat the field, or send one comma-separated value',
          },
          password: { ...application.properties.password, description: 'For the vendor admin account' },
          documents: documentsDoc,
        },
      },
    },
  },
};

export const documentsBodyDoc = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: { type: 'object' as const, required: ['documents'], properties: { documents: documentsDoc } },
    },
  },
};

/** Bodies larger than a full set of documents are refused (413) while being read. */
export const documentsLimit = uploadLimit(UPLOAD_BODY_LIMITS.vendorDocuments, () =>
  invalidInput('upload', [
    {
      path: 'documents',
      message: `the upload is too large: at most ${VENDOR_DOCUMENTS_PER_UPLOAD} files of ${VENDOR_DOCUMENT_MAX_BYTES / 1024 / 1024} MB`,
    },
  ]),
);

/** The text fields and the `documents` files of a multipart form (415 for anything else). */
export async function readMultipart(
  c: Context,
): Promise<{ fields: Record<string, string | string[]>; uploads: DocumentUpload[] }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'multipart/form-data')
    throw new AppError(
      'unsupported_media_type',
      'Send the form as multipart/form-data (files in `documents`)',
    );
  const form = await readForm(c);
  const fields: Record<string, string | string[]> = {};
  const uploads: DocumentUpload[] = [];
  for (const [rawKey, value] of Object.entries(form)) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item instanceof File) {
        if (key === 'documents' && (item.size > 0 || item.name))
          uploads.push({ filename: item.name, bytes: new Uint8Array(await item.arrayBuffer()) });
      } else {
        const prev = fields[key];
        fields[key] = prev === undefined ? item : [...(Array.isArray(prev) ? prev : [prev]), item];
      }
    }
  }
  return { fields, uploads };
}
