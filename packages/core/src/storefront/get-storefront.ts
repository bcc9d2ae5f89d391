import { DEFAULT_THEME, Theme } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';
import { footerView } from '../branding/branding-view.js';

/** The tenant's public face: name, tagline, a validated theme and footer (bad stored values fall back). */
export async function getStorefront(database: Database, tenant: TenantRef) {
  const [settings] = await withTenant(database, tenant, ({ db, t }) => db.select().from(t.settings).limit(1));
  const theme = Theme.safeParse({ ...DEFAULT_THEME, ...(settings?.theme ?? {}) });
  return {
    name: settings?.publicName ?? '',
    tagline: settings?.tagline ?? '',
    theme: theme.success ? theme.data : DEFAULT_THEME,
    footer: footerView(settings?.footer),
  };
}
