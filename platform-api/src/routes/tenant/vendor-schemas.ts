import {
  AppError,
  COUNTRY_CODES,
  INDUSTRIES,
  VENDOR_DOCUMENT_MAX_BYTES,
  VENDOR_DOCUMENTS_PER_UPLOAD,
  VENDOR_STATUSES,
} from '@agora/contracts';
import type { DocumentUpload } from '@agora/core';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { readForm } from '../../form-body.js';
import { UPLOAD_BODY_LIMITS, uploadLimit } from '../../middleware/body-limit.js';
import { NextCursor } from '../../openapi.js';

// Response shapes of the vendor endpoints (documentation; handlers build them in core).

const isoTime = z.string().openapi({ example: '2025-03-01T09:30:00.000Z' });
const Industries = z
  .array(z.string())
  .openapi({ example: ['packaging', 'industrial-supplies'], description: `From: ${INDUSTRIES.join(', ')}` });
const Country = z.string().openapi({ example: 'DE', description: 'ISO 3166-1 alpha-2' });

export const PublicVendor = z
  .object({
    id: z.string().openapi({ example: 'ven_3k9m2q7w1z3x5c9v' }),
    name: z.string().openapi({ example: 'Nordic Pack GmbH' }),
    country: Country,
    website: z.string().nullable(),
    description: z.string(),
    industries: Industries,
    verified: z.boolean().openapi({ description: 'Documents checked by the operator (set on approval)' }),
    memberSince: isoTime,
  })
  .openapi('PublicVendor');

export const PublicVendorPage = z
  .object({
    data: z.array(PublicVendor),
    nextCursor: NextCursor,
  })
  .openapi('PublicVendorPage');

export const VendorDocument = z
  .object({
    id: z.string().openapi({ example: 'doc_8k2m4q7w1z3x5c9v' }),
    filename: z.string().openapi({ example: 'registration.pdf' }),
    contentType: z.string().openapi({ description: 'application/pdf, image/png or image/jpeg' }),
    sizeBytes: z.number().int(),
    createdAt: isoTime,
    url: z.string().openapi({
      description: "Signed link on the marketplace's host (`/files/...?exp=&sig=`), valid 5 minutes",
    }),
    urlExpiresAt: isoTime,
  })
  .openapi('VendorDocument');

const summaryShape = {
  id: z.string().openapi({ example: 'ven_3k9m2q7w1z3x5c9v' }),
  name: z.string().openapi({ example: 'Nordic Pack', description: 'The business name' }),
  legalName: z.string().openapi({ example: 'Nordic Pack GmbH' }),
  country: Country,
  contactName: z.string(),
  contactEmail: z.string(),
  industries: Industries,
  status: z.enum(VENDOR_STATUSES),
  statusReason: z
    .string()
    .nullable()
    .openapi({ description: 'Why it was rejected or suspended, or what information is missing' }),
  verified: z.boolean(),
  decidedAt: isoTime.nullable(),
  createdAt: isoTime,
};

export const VendorSummary = z.object(summaryShape).openapi('VendorSummary');
export const VendorSummaryPage = z
  .object({ data: z.array(VendorSummary), nextCursor: NextCursor })
  .openapi('VendorSummaryPage');

const vendorShape = {
  ...summaryShape,
  taxId: z.string(),
  website: z.string().nullable(),
  description: z.string(),
  updatedAt: isoTime,
  documents: z.array(VendorDocument),
};

export const Vendor = z.object(vendorShape).openapi('Vendor');

export const VendorApplicationResult = z
  .object({
    ...vendorShape,
    adminUserId: z.string().openapi({ description: "The applicant's vendor admin account" }),
    token: z.string().openapi({ description: 'A session token for that account (already signed in)' }),
  })
  .openapi('VendorApplicationResult');

export const VendorDetail = z
  .object({
    ...vendorShape,
    users: z.array(
      z.object({
        id: z.string(),
        email: z.string(),
        name: z.string(),
        role: z.enum(['vendor_admin', 'vendor_staff']),
        status: z.enum(['invited', 'active', 'disabled']),
        emailVerified: z.boolean(),
      }),
    ),
    history: z
      .array(
        z.object({
          action: z.string().openapi({ example: 'vendor.rejected' }),
          actorUserId: z
            .string()
            .nullable()
            .openapi({ description: 'null: the system (automatic approval)' }),
          actorEmail: z.string().nullable(),
          data: z
            .record(z.string(), z.unknown())
            .openapi({ example: { from: 'pending', to: 'rejected', reason: '…' } }),
          createdAt: isoTime,
        }),
      )
      .openapi({ description: 'From the tenant audit log, newest first (at most 100)' }),
  })
  .openapi('VendorDetail');

export const VendorTeamMember = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['vendor_admin', 'vendor_staff']),
    status: z.enum(['invited', 'active']),
    emailVerified: z.boolean(),
    createdAt: isoTime,
  })
  .openapi('VendorTeamMember');

export const VendorDocuments = z.object({ data: z.array(VendorDocument) }).openapi('VendorDocuments');

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

export const applicationBodyDoc = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        required: [
          'businessName',
          'legalName',
          'country',
          'taxId',
          'contactName',
          'contactEmail',
          'description',
          'industries',
          'password',
          'documents',
        ],
        properties: {
          businessName: { type: 'string' as const, minLength: 2, maxLength: 120 },
          legalName: { type: 'string' as const, minLength: 2, maxLength: 160 },
          country: { type: 'string' as const, enum: [...COUNTRY_CODES], description: 'ISO 3166-1 alpha-2' },
          taxId: {
            type: 'string' as const,
            minLength: 2,
            maxLength: 64,
            description: 'Tax or registration id',
          },
          contactName: { type: 'string' as const, minLength: 2, maxLength: 120 },
          contactEmail: {
            type: 'string' as const,
            format: 'email',
            description: 'Contact for decisions, and the email of the vendor admin account',
          },
          website: { type: 'string' as const, format: 'uri', description: 'Optional, http(s)' },
          description: { type: 'string' as const, minLength: 10, maxLength: 5000 },
          industries: {
            type: 'array' as const,
            items: { type: 'string' as const, enum: [...INDUSTRIES] },
            description: 'Repeat the field, or send one comma-separated value',
          },
          password: { type: 'string' as const, minLength: 10, description: 'For the vendor admin account' },
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
export const documentsLimit = uploadLimit(
  UPLOAD_BODY_LIMITS.vendorDocuments,
  () =>
    new AppError('validation_failed', 'Invalid upload: check documents', {
      fields: [
        {
          path: 'documents',
          message: `the upload is too large: at most ${VENDOR_DOCUMENTS_PER_UPLOAD} files of ${VENDOR_DOCUMENT_MAX_BYTES / 1024 / 1024} MB`,
        },
      ],
    }),
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
