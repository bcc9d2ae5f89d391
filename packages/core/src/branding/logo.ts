import { createHash } from 'node:crypto';
import { type TenantRef, withTenant } from '@agora/db';
import type { StoredFile } from '@agora/files';
import type { Deps } from '../deps.js';
import { keepStoredFile, orphanFiles } from '../files/orphaned-files.js';
import { type BrandingView, lockSettings, saveBranding } from './branding-view.js';
import { validateLogo } from './validate-logo.js';

/** Logos are public, on the tenant's own host: `/media/logo/<sha256 prefix>.<ext>`. */
export const LOGO_URL_PATH = '/media/logo/';

const LOGO_FILE = /^[0-9a-f]{16}\.(png|jpg|svg)$/;
const CONTENT_TYPES = { png: 'image/png', jpg: 'image/jpeg', svg: 'image/svg+xml' } as const;

/** Storage key of a logo file. Per tenant, so a file name only ever finds its own tenant's logo. */
export const logoKey = (tenantId: string, file: string) => `tenants/${tenantId}/logo/${file}`;

/** The storage key of the logo a theme shows, or null (no logo, or not one of our files). */
function currentLogoKey(tenantId: string, theme: Record<string, unknown>): string | null {
  const url = theme.logoUrl;
  const file =
    typeof url === 'string' && url.startsWith(LOGO_URL_PATH) ? url.slice(LOGO_URL_PATH.length) : null;
  return file && LOGO_FILE.test(file) ? logoKey(tenantId, file) : null;
}

/**
 * Validate and store a new logo, then point the theme at it. Files are content-addressed
 * (the name is a hash of the bytes), so the URL can be cached forever and a re-upload of the
 * same image is the same file. Invalid files are rejected before anything is written.
 * A replaced logo is orphaned (`file.orphaned`): deleted after a delay, for pages cached
 * elsewhere that still show it, unless it is the logo again by then.
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
  const key = logoKey(tenant.id, file);
  await deps.files.put(key, bytes, type.contentType);
  return withTenant(deps.database, tenant, async (tx) => {
    const before = await lockSettings(tx);
    await keepStoredFile(tx, deps.files, key, bytes, type.contentType);
    const previous = currentLogoKey(tenant.id, before.theme);
    if (previous !== key) await orphanFiles(tx, [previous]);
    return saveBranding(
      tx,
      before,
      { ...before, theme: { ...before.theme, logoUrl: `${LOGO_URL_PATH}${file}` } },
      userId,
    );
  });
}

/** Stop showing a logo (the theme's logoUrl becomes null); the file is orphaned as in `setLogo`. */
export async function removeLogo(
  deps: Pick<Deps, 'database'>,
  tenant: TenantRef,
  userId: string,
): Promise<BrandingView> {
  return withTenant(deps.database, tenant, async (tx) => {
    const before = await lockSettings(tx);
    await orphanFiles(tx, [currentLogoKey(tenant.id, before.theme)]);
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
