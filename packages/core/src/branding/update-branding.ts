import type { UpdateBrandingBody } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { type BrandingView, lockSettings, saveBranding } from './branding-view.js';

/**
 * Replace the marketplace's name, tagline, colors, font and (when given) footer; the logo is kept. Low-contrast
 * colors are saved too; the answer's `warnings` say what to improve.
 */
export async function updateBranding(
  database: Database,
  tenant: TenantRef,
  userId: string,
  input: UpdateBrandingBody,
): Promise<BrandingView> {
  return withTenant(database, tenant, async (tx) => {
    const before = await lockSettings(tx);
    return saveBranding(
      tx,
      before,
      {
        publicName: input.name,
        tagline: input.tagline,
        theme: {
          ...before.theme,
          primaryColor: input.primaryColor.toLowerCase(),
          accentColor: input.accentColor.toLowerCase(),
          font: input.font,
        },
        footer: input.footer ?? before.footer,
      },
      userId,
    );
  });
}
