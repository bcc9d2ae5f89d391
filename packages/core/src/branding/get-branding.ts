import { type Database, type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { type BrandingView, brandingView } from './branding-view.js';

/** Name, tagline, theme (logo URL included) and contrast warnings, for the operator's form. */
export async function getBranding(database: Database, tenant: TenantRef): Promise<BrandingView> {
  const [row] = await withTenant(database, tenant, ({ db, t }) =>
    db.select().from(t.settings).where(eq(t.settings.id, 1)),
  );
  return brandingView(row);
}
