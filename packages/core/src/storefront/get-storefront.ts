import { DEFAULT_THEME, Theme } from '@agora/contracts';
import { type Database, readTenant, type TenantRef } from '@agora/db';
import { sql } from 'drizzle-orm';
import { footerView } from '../branding/branding-view.js';
import { commerceSettingsFrom } from '../commerce/commerce-settings.js';

/**
 * The tenant's public face: name, tagline, a validated theme and footer, and the time zone dates
 * are shown in (bad stored values fall back).
 */
export async function getStorefront(database: Database, tenant: TenantRef) {
  // One statement, one round trip (ADR 0030): every storefront page of a tenant not in the
  // public cache reads this.
  const [settings] = await readTenant<{
    publicName: string;
    tagline: string;
    theme: Record<string, unknown>;
    footer: unknown;
    timeZone: string | null;
  }>(
    database,
    tenant,
    (t) =>
      sql`select public_name as "publicName", tagline, theme, footer, marketplace->>'timeZone' as "timeZone" from ${t.settings} limit 1`,
  );
  const theme = Theme.safeParse({ ...DEFAULT_THEME, ...(settings?.theme ?? {}) });
  return {
    name: settings?.publicName ?? '',
    tagline: settings?.tagline ?? '',
    theme: theme.success ? theme.data : DEFAULT_THEME,
    footer: footerView(settings?.footer),
    timeZone: commerceSettingsFrom({ timeZone: settings?.timeZone }).timeZone,
  };
}
