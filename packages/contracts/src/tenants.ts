import { z } from 'zod';

/** Names a tenant can never take: they are hosts or paths of the platform itself. */
export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'app',
  'assets',
  'billing',
  'cdn',
  'console',
  'dashboard',
  'docs',
  'help',
  'localhost',
  'mail',
  'platform',
  'root',
  'static',
  'status',
  'support',
  'system',
  'www',
]);

export const Slug = z
  .string()
  .min(3, 'must be at least 3 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens, not at the ends')
  .refine((s) => !RESERVED_SLUGS.has(s), { message: 'is reserved; choose another' });

export const TenantStatus = z.enum(['provisioning', 'active', 'suspended', 'failed']);
export type TenantStatus = z.infer<typeof TenantStatus>;

export const CreateTenantBody = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(80, 'must be at most 80 characters'),
  slug: Slug,
  ownerEmail: z.string().trim().toLowerCase().email('must be an email address'),
});
export type CreateTenantBody = z.infer<typeof CreateTenantBody>;

export const FONTS = ['system', 'inter', 'georgia', 'helvetica', 'merriweather', 'roboto-mono'] as const;

const HexColor = z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a hex color like #1a2b3c');

export const Theme = z.object({
  primaryColor: HexColor,
  accentColor: HexColor,
  font: z.enum(FONTS),
  logoUrl: z.string().nullable(),
});
export type Theme = z.infer<typeof Theme>;

export const DEFAULT_THEME: Theme = {
  primaryColor: '#1f4f8b',
  accentColor: '#b45309',
  font: 'system',
  logoUrl: null,
};

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email('must be an email address'),
  password: z.string().min(1, 'is required'),
});
