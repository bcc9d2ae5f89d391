import { z } from 'zod';
import { isCountryCode } from './countries.js';
import { PageCursor, PageLimit } from './page-query.js';
import { NewPassword } from './users.js';

/** The industries a vendor can say it serves (a fixed list, so the directory can filter on it). */
export const INDUSTRIES = [
  'industrial-supplies',
  'packaging',
  'electronics',
  'chemicals',
  'food-ingredients',
  'textiles',
  'construction',
  'office-supplies',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const VENDOR_STATUSES = ['pending', 'info_requested', 'approved', 'rejected', 'suspended'] as const;
export const VendorStatus = z.enum(VENDOR_STATUSES);
export type VendorStatus = z.infer<typeof VendorStatus>;

/**
 * What may happen to a vendor. Operators approve, reject, request information, verify, suspend
 * and reinstate; the vendor resubmits after an information request. See `nextVendorStatus` (core).
 */
export const VENDOR_ACTIONS = [
  'approve',
  'verify',
  'reject',
  'request_info',
  'resubmit',
  'suspend',
  'reinstate',
] as const;
export type VendorAction = (typeof VENDOR_ACTIONS)[number];

/** Verification documents: PDF, PNG or JPEG (checked from the bytes), 5 MB each, 1 to 5 per application. */
export const VENDOR_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
export const VENDOR_DOCUMENTS_PER_UPLOAD = 5;
/** At most this many documents per vendor, whatever the number of uploads. */
export const VENDOR_DOCUMENTS_MAX_TOTAL = 10;
export const VENDOR_DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

/**
 * Vendor events for other parts of the system. `vendor.status_changed` is written (by
 * `changeVendorStatus` only) for every status change; search reindexes the vendor's products on
 * it. `vendor.updated` is written when a vendor edits its profile (name, description...); it has
 * no route yet, so the relay only marks it published.
 */
export const VENDOR_STATUS_CHANGED = 'vendor.status_changed';
export type VendorStatusChangedPayload = { vendorId: string; status: VendorStatus };
export const VENDOR_UPDATED = 'vendor.updated';
export type VendorUpdatedPayload = { vendorId: string };

const text = (label: { min: number; max: number }) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(label.min, label.min === 1 ? 'is required' : `must be at least ${label.min} characters`)
    .max(label.max, `must be at most ${label.max} characters`);

export const Country = z
  .string({ error: 'is required' })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { message: 'must be an ISO 3166-1 alpha-2 country code, like DE or US' });

export const IndustryName = z.enum(INDUSTRIES, { error: `must be one of ${INDUSTRIES.join(', ')}` });

/** How each industry is named to people (forms, the directory, profiles); the ids stay in the API. */
export const INDUSTRY_LABELS: Record<Industry, string> = {
  'industrial-supplies': 'Industrial supplies',
  packaging: 'Packaging',
  electronics: 'Electronics',
  chemicals: 'Chemicals',
  'food-ingredients': 'Food ingredients',
  textiles: 'Textiles',
  construction: 'Construction',
  'office-supplies': 'Office supplies',
};

/** The industries as form choices, in the fixed order. */
export const industryOptions = (): { value: Industry; label: string }[] =>
  INDUSTRIES.map((value) => ({ value, label: INDUSTRY_LABELS[value] }));

/** An industry id's label; an id outside the list (stored before it changed) is shown as it is. */
export const industryLabel = (id: string): string =>
  (INDUSTRY_LABELS as Record<string, string | undefined>)[id] ?? id;

const Industries = z
  .array(IndustryName, { error: 'is required' })
  .min(1, 'choose at least one industry')
  .max(INDUSTRIES.length)
  .transform((list) => [...new Set(list)]);

/** An http(s) URL; an empty value means none. */
const Website = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z
    .string()
    .trim()
    .max(300, 'must be at most 300 characters')
    .refine((v) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v) && URL.canParse(v), {
      message: 'must be a web address starting with http:// or https://',
    })
    .nullable()
    .optional(),
);

/** The vendor's public and legal details: the application form and the profile form. */
export const VendorDetails = z.object({
  businessName: text({ min: 2, max: 120 }),
  legalName: text({ min: 2, max: 160 }),
  country: Country,
  taxId: text({ min: 2, max: 64 }),
  contactName: text({ min: 2, max: 120 }),
  contactEmail: z.string({ error: 'is required' }).trim().toLowerCase().email('must be an email address'),
  website: Website,
  description: text({ min: 10, max: 5000 }),
  industries: Industries,
});
export type VendorDetails = z.infer<typeof VendorDetails>;

/**
 * `POST /api/v1/vendor-applications` (multipart/form-data; the documents are separate file
 * fields). The password is for the vendor admin account, whose email is `contactEmail`.
 */
export const VendorApplication = VendorDetails.extend({ password: NewPassword });
export type VendorApplication = z.infer<typeof VendorApplication>;

/** `PUT /api/v1/vendor/profile`: the whole profile (the contact email does not change the login). */
export const UpdateVendorProfileBody = VendorDetails;
export type UpdateVendorProfileBody = z.infer<typeof UpdateVendorProfileBody>;
export type VendorProfileInput = z.input<typeof UpdateVendorProfileBody>;

const reason = (what: string) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, `is required: tell the vendor ${what}`)
    .max(2000, 'must be at most 2000 characters');

export const RejectVendorBody = z.object({ reason: reason('why') });
export const SuspendVendorBody = z.object({ reason: reason('why') });
export const RequestVendorInfoBody = z.object({ message: reason('what is missing') });

/** Who may order: `auto` approves buyer companies at sign-up, `operator` waits for the buyer queue. */
export const APPROVE_BUYERS = ['auto', 'operator'] as const;
/** Who sees prices and volume tiers: everyone, or members of approved buyer companies only. */
export const PRICES_VISIBLE_TO = ['everyone', 'approved_buyers'] as const;

export const MarketplaceSettings = z
  .object({
    autoApproveVendors: z.boolean({ error: 'must be true or false' }),
    moderateProducts: z.boolean({ error: 'must be true or false' }),
    approveBuyers: z.enum(APPROVE_BUYERS, { error: 'must be auto or operator' }),
    pricesVisibleTo: z.enum(PRICES_VISIBLE_TO, { error: 'must be everyone or approved_buyers' }),
  })
  .meta({
    id: 'MarketplaceSettings',
    example: {
      autoApproveVendors: false,
      moderateProducts: true,
      approveBuyers: 'operator',
      pricesVisibleTo: 'everyone',
    },
  });
export type MarketplaceSettings = z.infer<typeof MarketplaceSettings>;
/** `PUT /settings/marketplace`: the buyer rules may be left out (kept as they are). */
export const MarketplaceSettingsBody = MarketplaceSettings.partial({
  approveBuyers: true,
  pricesVisibleTo: true,
}).meta({
  id: 'MarketplaceSettingsBody',
});
export type MarketplaceSettingsBody = z.infer<typeof MarketplaceSettingsBody>;
export const DEFAULT_MARKETPLACE_SETTINGS: MarketplaceSettings = {
  autoApproveVendors: false,
  moderateProducts: false,
  approveBuyers: 'operator',
  pricesVisibleTo: 'everyone',
};

/** Email verification tokens are signed (not stored), so longer than one-time link tokens. */
export const VerifyEmailBody = z.object({
  token: z.string().trim().min(1, 'is required').max(2000, 'is not a valid token'),
});
export type VerifyEmailBody = z.infer<typeof VerifyEmailBody>;

export const InviteVendorStaffBody = z.object({
  email: z.string().trim().toLowerCase().email('must be an email address'),
});
export type InviteVendorStaffBody = z.infer<typeof InviteVendorStaffBody>;

/** A date (`2025-01-31`, the whole day) or a timestamp (ISO 8601). */
const DateBound = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}($|T)/.test(v) && !Number.isNaN(Date.parse(v)), {
    message: 'must be a date (YYYY-MM-DD) or an ISO 8601 timestamp',
  });

const Search = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

export const OperatorVendorListQuery = z.object({
  status: VendorStatus.optional(),
  country: Country.optional(),
  industry: IndustryName.optional(),
  from: DateBound.optional(),
  to: DateBound.optional(),
  q: Search.optional(),
  cursor: PageCursor.optional(),
  limit: PageLimit,
});
export type OperatorVendorListQuery = z.infer<typeof OperatorVendorListQuery>;
export type OperatorVendorListInput = z.input<typeof OperatorVendorListQuery>;

export const PublicVendorListQuery = z.object({
  country: Country.optional(),
  industry: IndustryName.optional(),
  verified: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  q: Search.optional(),
  cursor: PageCursor.optional(),
  limit: PageLimit,
});
export type PublicVendorListQuery = z.infer<typeof PublicVendorListQuery>;
export type PublicVendorListInput = z.input<typeof PublicVendorListQuery>;
