import { AppError, DEFAULT_THEME, EMPTY_FOOTER, Footer, Theme } from '@agora/contracts';
import type { TenantTx } from '@agora/db';
import { eq } from 'drizzle-orm';
import { emitEvent } from '../outbox/emit-event.js';
import { brandingWarnings } from './contrast.js';

type SettingsRow = {
  publicName: string;
  tagline: string;
  theme: Record<string, unknown>;
  footer: Record<string, unknown>;
};

/** The stored footer, or the empty one when nothing valid is stored. */
export function footerView(stored: unknown): Footer {
  const parsed = Footer.safeParse(stored ?? {});
  return parsed.success ? parsed.data : EMPTY_FOOTER;
}

/** What the branding endpoints answer: the stored branding (bad values fall back) and advice. */
export function brandingView(row: SettingsRow | undefined) {
  const parsed = Theme.safeParse({ ...DEFAULT_THEME, ...(row?.theme ?? {}) });
  const theme = parsed.success ? parsed.data : DEFAULT_THEME;
  return {
    name: row?.publicName ?? '',
    tagline: row?.tagline ?? '',
    theme,
    footer: footerView(row?.footer),
    warnings: brandingWarnings(theme),
  };
}
export type BrandingView = ReturnType<typeof brandingView>;

/** The settings row, locked until the unit of work ends so concurrent edits apply one by one. */
export async function lockSettings({ db, t }: TenantTx) {
  const [row] = await db.select().from(t.settings).where(eq(t.settings.id, 1)).for('update');
  if (!row) throw new AppError('invalid_state', 'This marketplace is not set up yet; try again in a minute');
  return row;
}

/**
 * Save new settings and, when anything changed, record a `settings.branding_updated` event in the
 * tenant's outbox in the same transaction (the audit trail of who changed the branding).
 *
 * The row is inserted directly rather than through `emitEvent`: that helper accepts only topics
 * the outbox relay routes to a job, and nothing consumes this one yet (the relay marks rows of
 * unrouted topics published and leaves them in place).
 */
export async function saveBranding(
  tx: TenantTx,
  before: SettingsRow,
  after: SettingsRow,
  userId: string,
): Promise<BrandingView> {
  const [was, now] = [brandingView(before), brandingView(after)];
  const flat = (v: BrandingView) => ({
    name: v.name,
    tagline: v.tagline,
    ...v.theme,
    footer: JSON.stringify(v.footer),
  });
  const [a, b] = [flat(was), flat(now)];
  const changed = (Object.keys(b) as (keyof typeof b)[]).filter((k) => a[k] !== b[k]);
  await tx.db
    .update(tx.t.settings)
    .set({
      publicName: after.publicName,
      tagline: after.tagline,
      theme: after.theme,
      footer: after.footer,
      updatedAt: new Date(),
    })
    .where(eq(tx.t.settings.id, 1));
  if (changed.length) {
    // Every page shows the branding: the relay turns this into a CDN purge (when there is a CDN).
    await emitEvent(tx, 'settings.branding_updated', {
      userId,
      changed,
      branding: { name: now.name, tagline: now.tagline, theme: now.theme, footer: now.footer },
    });
  }
  return now;
}
