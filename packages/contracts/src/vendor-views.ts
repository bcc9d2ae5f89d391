import { z } from 'zod';
import { NextCursor } from './page-query.js';
import { INDUSTRIES, VENDOR_STATUSES } from './vendors.js';

/**
 * Response shapes of the vendor endpoints: the routes document and check them, core's views are
 * `z.infer` of them, the api-client's types are derived from them (type-only).
 */

const isoTime = z.string().meta({ example: '2025-03-01T09:30:00.000Z' });
const Industries = z
  .array(z.string())
  .meta({ example: ['packaging', 'industrial-supplies'], description: `From: ${INDUSTRIES.join(', ')}` });
const Country = z.string().meta({ example: 'DE', description: 'ISO 3166-1 alpha-2' });

export const PublicVendor = z
  .object({
    id: z.string().meta({ example: 'ven_3k9m2q7w1z3x5c9v' }),
    name: z.string().meta({ example: 'Nordic Pack GmbH' }),
    country: Country,
    website: z.string().nullable(),
    description: z.string(),
    industries: Industries,
    verified: z.boolean().meta({ description: 'Documents checked by the operator (set on approval)' }),
    memberSince: isoTime,
  })
  .meta({ id: 'PublicVendor' });

export const PublicVendorPage = z
  .object({
    data: z.array(PublicVendor),
    nextCursor: NextCursor,
  })
  .meta({ id: 'PublicVendorPage' });

export const VendorDocument = z
  .object({
    id: z.string().meta({ example: 'doc_8k2m4q7w1z3x5c9v' }),
    filename: z.string().meta({ example: 'registration.pdf' }),
    contentType: z.string().meta({ description: 'application/pdf, image/png or image/jpeg' }),
    sizeBytes: z.number().int(),
    createdAt: isoTime,
    url: z.string().meta({
      description: "Signed link on the marketplace's host (`/files/...?exp=&sig=`), valid 5 minutes",
    }),
    urlExpiresAt: isoTime,
  })
  .meta({ id: 'VendorDocument' });

const summaryShape = {
  id: z.string().meta({ example: 'ven_3k9m2q7w1z3x5c9v' }),
  name: z.string().meta({ example: 'Nordic Pack', description: 'The business name' }),
  legalName: z.string().meta({ example: 'Nordic Pack GmbH' }),
  country: Country,
  contactName: z.string(),
  contactEmail: z.string(),
  industries: Industries,
  status: z.enum(VENDOR_STATUSES),
  statusReason: z
    .string()
    .nullable()
    .meta({ description: 'Why it was rejected or suspended, or what information is missing' }),
  verified: z.boolean(),
  decidedAt: isoTime.nullable(),
  createdAt: isoTime,
};

export const VendorSummary = z.object(summaryShape).meta({ id: 'VendorSummary' });
export const VendorSummaryPage = z
  .object({ data: z.array(VendorSummary), nextCursor: NextCursor })
  .meta({ id: 'VendorSummaryPage' });

const vendorShape = {
  ...summaryShape,
  taxId: z.string(),
  website: z.string().nullable(),
  description: z.string(),
  updatedAt: isoTime,
  documents: z.array(VendorDocument),
};

export const Vendor = z.object(vendorShape).meta({ id: 'Vendor' });

export const VendorApplicationResult = z
  .object({
    ...vendorShape,
    adminUserId: z.string().meta({ description: "The applicant's vendor admin account" }),
    token: z.string().meta({ description: 'A session token for that account (already signed in)' }),
  })
  .meta({ id: 'VendorApplicationResult' });

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
          action: z.string().meta({ example: 'vendor.rejected' }),
          actorUserId: z.string().nullable().meta({ description: 'null: the system (automatic approval)' }),
          actorEmail: z.string().nullable(),
          data: z
            .record(z.string(), z.unknown())
            .meta({ example: { from: 'pending', to: 'rejected', reason: '…' } }),
          createdAt: isoTime,
        }),
      )
      .meta({ description: 'From the tenant audit log, newest first (at most 100)' }),
  })
  .meta({ id: 'VendorDetail' });

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
  .meta({ id: 'VendorTeamMember' });

export const VendorDocuments = z.object({ data: z.array(VendorDocument) }).meta({ id: 'VendorDocuments' });

export const VendorTeamPage = z
  .object({ data: z.array(VendorTeamMember), nextCursor: NextCursor })
  .meta({ id: 'VendorTeam' });

export const EmailVerified = z.object({ email: z.string(), verifiedAt: z.string() }).meta({
  id: 'EmailVerified',
  example: { email: 'sales@nordicpack.example', verifiedAt: '2025-03-01T09:30:00.000Z' },
});

export type PublicVendor = z.infer<typeof PublicVendor>;
export type PublicVendorPage = z.infer<typeof PublicVendorPage>;
export type VendorDocument = z.infer<typeof VendorDocument>;
export type VendorSummary = z.infer<typeof VendorSummary>;
export type VendorSummaryPage = z.infer<typeof VendorSummaryPage>;
export type Vendor = z.infer<typeof Vendor>;
export type VendorApplicationResult = z.infer<typeof VendorApplicationResult>;
export type VendorDetail = z.infer<typeof VendorDetail>;
export type VendorTeamMember = z.infer<typeof VendorTeamMember>;
export type VendorTeamPage = z.infer<typeof VendorTeamPage>;
export type VendorDocuments = z.infer<typeof VendorDocuments>;
export type EmailVerified = z.infer<typeof EmailVerified>;
