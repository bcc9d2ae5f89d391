import { createHash } from 'node:crypto';
import { type TenantRef, withTenant } from '@agora/db';
import type { StoredFile } from '@agora/files';
import type { Deps } from '../deps.js';
import { type BrandingView, lockSettings, saveBranding } from './branding-view.js';
import { validateLogo } from './validate-logo.js';

/** Logos are public, on the tenant's own host: `/media/logo/<sha256 prefix>.<ext>`. */
export const LOGO_URL_PATH = '/media/logo/';

const LOGO_FILE = /^[0-9a-f]{16}\.(png|jpg|svg)$/;
const CONTENT_TYPES = { png: 'image/png', jpg: 'image/jpeg', svg: 'image/svg+xml' } as const;

/** Storage key of a logo file. Per tenant, so a file name only ever finds its own tenant's logo. */
export const logoKey = (tenantId: string, file: string) => `tenants/${tenantId}/logo/${file}`;

/**
 * Validate and store a new logo, then point the theme at it. Files are content-addressed
 * (the name is a hash of the bytes), so the URL can be cached forever and a re-upload of the
 * same image is the same file. Invalid files are rejected before anything is written.
 * Replaced logos stay in storage: pages cached elsewhere may still show them.
 */
export async function setLogo(
  deps: Pick<Deps, 'database' | 'files'>,
  tenant: TenantRef,
  userId: string,
  bytes: Uint8Array,
): Promise<BrandingView> {
  const type = validateLogo(bytes);
  const file = `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${type.ext}`;
  // The file first: a failed transaction then leaves an unused file, never a broken logo URL.
  await deps.files.put(logoKey(tenant.id, file), bytes, type.contentType);
  return withTenant(deps.database, tenant, async (tx) => {
    const before = await lockSettings(tx);
    return saveBranding(
      tx,
      before,
      { ...before, theme: { ...before.theme, logoUrl: `${LOGO_URL_PATH}${file}` } },
      userId,
    );
  });
}

/** Stop showing a logo (the theme's logoUrl becomes null). */
export async function removeLogo(
  deps: Pick<Deps, 'database'>,
  tenant: TenantRef,
  userId: string,
): Promise<BrandingView> {
  return withTenant(deps.database, tenant, async (tx) => {
    const before = await lockSettings(tx);
    return saveBranding(tx, before, { ...before, theme: { ...before.theme, logoUrl: null } }, userId);
  });
}

/**
 * A logo file of this tenant by its public file name, or null. The content type follows from
 * the name (set at upload from the sniffed bytes), never from anything else.
 */
export async function getLogoFile(
  deps: Pick<Deps, 'files'>,
  tenantId: string,
  file: string,
): Promise<StoredFile | null> {
  const ext = LOGO_FILE.exec(file)?.[1] as keyof typeof CONTENT_TYPES | undefined;
  if (!ext) return null;
  const stored = await deps.files.get(logoKey(tenantId, file));
  return stored && { bytes: stored.bytes, contentType: CONTENT_TYPES[ext] };
}
