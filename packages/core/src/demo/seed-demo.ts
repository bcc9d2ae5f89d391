import { DEFAULT_THEME, type Theme } from '@agora/contracts';
import { platformTables as p, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.js';
import type { Deps } from '../deps.js';
import { createTenant } from '../tenants/create-tenant.js';
import { getTenant } from '../tenants/get-tenant.js';

export type DemoTenant = {
  slug: string;
  name: string;
  tagline: string;
  ownerEmail: string;
  ownerPassword: string;
  theme: Theme;
};

/** Two marketplaces that look different, so tenant theming and isolation are visible at once. */
export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: 'acme',
    name: 'Acme Industrial Supply',
    tagline: 'Parts, tools and consumables for plants and workshops',
    ownerEmail: 'owner@acme.test',
    ownerPassword: 'acme-owner-demo',
    theme: { ...DEFAULT_THEME, primaryColor: '#1f4f8b', accentColor: '#c2410c', font: 'system' },
  },
  {
    slug: 'globex',
    name: 'Globex Packaging',
    tagline: 'Boxes, film and pallets, priced by volume',
    ownerEmail: 'owner@globex.test',
    ownerPassword: 'globex-owner-demo',
    theme: { ...DEFAULT_THEME, primaryColor: '#14532d', accentColor: '#a16207', font: 'georgia' },
  },
];

/**
 * Create the demo tenants once (a tenant whose slug exists is left alone), provisioned by the
 * running worker, then give each its theme and an owner who can log in.
 */
export async function seedDemo(deps: Deps, log: (line: string) => void = () => {}): Promise<void> {
  for (const demo of DEMO_TENANTS) {
    const [existing] = await deps.database.platform
      .select({ id: p.tenants.id })
      .from(p.tenants)
      .where(eq(p.tenants.slug, demo.slug));
    if (existing) continue;
    log(`demo: creating ${demo.name}`);
    const created = await createTenant(
      deps,
      { name: demo.name, slug: demo.slug, ownerEmail: demo.ownerEmail },
      { type: 'system', id: 'demo' },
    );
    const tenant = await waitUntilActive(deps, created.id);
    const passwordHash = await hashPassword(demo.ownerPassword);
    await withTenant(deps.database, tenant, async ({ db, t }) => {
      await db.update(t.settings).set({ tagline: demo.tagline, theme: demo.theme, updatedAt: new Date() });
      await db
        .update(t.users)
        .set({ passwordHash, status: 'active', name: 'Demo Owner', updatedAt: new Date() })
        .where(eq(t.users.email, demo.ownerEmail));
    });
  }
}

async function waitUntilActive(deps: Deps, id: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const t = await getTenant(deps.database, id);
    if (t?.status === 'active') return t;
    if (t?.status === 'failed')
      throw new Error(`demo tenant ${t.slug} failed to provision: ${t.failureReason}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('demo tenant did not become active within 2 minutes; is the worker running?');
}
