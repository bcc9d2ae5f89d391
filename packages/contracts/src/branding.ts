import { z } from 'zod';
import { FONTS, Theme } from './tenants.js';

/** Footer text is shown as plain text: markup is refused rather than escaped into view. */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[<>]/.test(s), 'must be plain text, without HTML (< and > are not allowed)')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
    .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), 'must not contain control characters');

/** A path on the marketplace's own site (`/sell`) or an absolute http(s) address. */
export const isFooterUrl = (url: string) =>
  (/^\/(?![/\\])/.test(url) || /^https?:\/\/[^\s/?#\\]+/i.test(url)) && !/[\s<>"'`]/.test(url);

export const FooterLink = z.object({
  label: plainText(40).pipe(z.string().min(1, 'is required')),
  url: z
    .string()
    .trim()
    .max(300, 'must be at most 300 characters')
    .refine(isFooterUrl, 'must be a path on this site (like /sell) or an address starting with https://'),
});
export type FooterLink = z.infer<typeof FooterLink>;

/** The storefront footer the operator writes (shown under every page, after the copyright). */
export const Footer = z.object({
  text: plainText(500).default(''),
  links: z.array(FooterLink).max(8, 'at most 8 links').default([]),
});
export type Footer = z.infer<typeof Footer>;
export const EMPTY_FOOTER: Footer = { text: '', links: [] };

/** `PUT /api/v1/settings/branding`: the whole branding form (the logo has its own endpoint). */
export const UpdateBrandingBody = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(80, 'must be at most 80 characters'),
  tagline: z.string().trim().max(160, 'must be at most 160 characters').default(''),
  primaryColor: Theme.shape.primaryColor,
  accentColor: Theme.shape.accentColor,
  font: z.enum(FONTS, { error: `must be one of ${FONTS.join(', ')}` }),
  /** Left out: the footer is kept as it is. */
  footer: Footer.optional(),
});
export type UpdateBrandingBody = z.infer<typeof UpdateBrandingBody>;
export type BrandingInput = z.input<typeof UpdateBrandingBody>;

/** Advice, not an error: saving is allowed. `field` names the form field it is about. */
export const BrandingWarning = z.object({ field: z.string(), message: z.string() });
export type BrandingWarning = z.infer<typeof BrandingWarning>;

/** Logos: PNG, JPEG or SVG, at most 512 KB. */
export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
