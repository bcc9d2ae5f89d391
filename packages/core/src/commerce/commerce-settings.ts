import { CommerceSettings, DEFAULT_COMMERCE_SETTINGS } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { eq } from 'drizzle-orm';

/** The trading rules stored in `settings.marketplace`, each field defaulted on its own. */
export function commerceSettingsFrom(stored: Record<string, unknown> | undefined): CommerceSettings {
  const out = { ...DEFAULT_COMMERCE_SETTINGS };
  for (const key of Object.keys(out) as (keyof CommerceSettings)[]) {
    const field = CommerceSettings.shape[key].safeParse(stored?.[key]);
    if (field.success) Object.assign(out, { [key]: field.data });
  }
  return out;
}

/** The trading rules inside the caller's unit of work (placement reads them with the cart). */
export async function getCommerceSettings({ db, t }: TenantTx): Promise<CommerceSettings> {
  const [row] = await db
    .select({ marketplace: t.settings.marketplace })
    .from(t.settings)
    .where(eq(t.settings.id, 1));
  return commerceSettingsFrom(row?.marketplace);
}

/**
 * Placement's first read: the trading rules and the commission rules' version (ADR 0037, "Rules
 * in memory"), in one statement.
 */
export async function getPlacementSettings({
  db,
  t,
}: TenantTx): Promise<{ settings: CommerceSettings; commissionVersion: number | null }> {
  const [row] = await db
    .select({ marketplace: t.settings.marketplace, commissionVersion: t.commissionVersion.version })
    .from(t.settings)
    .leftJoin(t.commissionVersion, eq(t.commissionVersion.id, 1))
    .where(eq(t.settings.id, 1));
  return {
    settings: commerceSettingsFrom(row?.marketplace),
    commissionVersion: row?.commissionVersion ?? null,
  };
}
