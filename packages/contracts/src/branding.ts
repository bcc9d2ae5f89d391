import { z } from 'zod';
import { FONTS, Theme } from './tenants.js';

/** `PUT /api/v1/settings/branding`: the whole branding form (the logo has its own endpoint). */
export const UpdateBrandingBody = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(80, 'must be at most 80 characters'),
  tagline: z.string().trim().max(160, 'must be at most 160 characters').default(''),
  primaryColor: Theme.shape.primaryColor,
  accentColor: Theme.shape.accentColor,
  font: z.enum(FONTS, { error: `must be one of ${FONTS.join(', ')}` }),
});
export type UpdateBrandingBody = z.infer<typeof UpdateBrandingBody>;
export type BrandingInput = z.input<typeof UpdateBrandingBody>;

/** Advice, not an error: saving is allowed. `field` names the form field it is about. */
export const BrandingWarning = z.object({ field: z.string(), message: z.string() });
export type BrandingWarning = z.infer<typeof BrandingWarning>;

/** Logos: PNG, JPEG or SVG, at most 512 KB. */
export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
