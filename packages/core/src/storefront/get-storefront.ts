import { DEFAULT_THEME, Theme } from '@agora/contracts';
import { type Database, type TenantRef, withTenant } from '@agora/db';

/** The tenant's public face: name, tagline and a validated theme (bad stored values fall back). */
export async function getStorefront(database: Database, tenant: TenantRef) {
  const [settings] = await withTenant(database, tenant, ({ db, t }) => db.select().from(t.settings).limit(1));
  const theme = Theme.safeParse({ ...DEFAULT_THEME, ...(settings?.theme ?? {}) });
  return {
    name: settings?.publicName ?? '',
    tagline: settings?.tagline ?? '',
    theme: theme.success ? theme.data : DEFAULT_THEME,
  };
}
