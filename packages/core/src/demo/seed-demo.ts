import { DEFAULT_THEME, type Theme } from '@agora/contracts';
import { platformTables as p, type TenantRef, withTenant } from '@agora/db';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.js';
import type { Deps } from '../deps.js';
import { createTenant } from '../tenants/create-tenant.js';
import { getTenant } from '../tenants/get-tenant.js';
import { type DemoCatalog, seedDemoCatalog } from './seed-demo-catalog.js';
import { seedDemoCommission } from './seed-demo-commission.js';
import { seedDemoLedger } from './seed-demo-ledger.js';
import { seedDemoOrders } from './seed-demo-orders.js';

export type DemoTenant = {
  slug: string;
  name: string;
  tagline: string;
  ownerEmail: string;
  ownerPassword: string;
  theme: Theme;
  catalog: DemoCatalog;
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
    catalog: {
      currency: 'EUR',
      products: 180,
      palette: [
        [31, 79, 139],
        [194, 65, 12],
        [71, 85, 105],
        [21, 128, 61],
      ],
      tree: {
        'Fluid power': {
          'Hydraulic pumps': ['Hydraulic pump', 'Gear pump', 'Piston pump'],
          Valves: ['Check valve', 'Ball valve', 'Relief valve'],
          Fittings: ['Hose fitting', 'Elbow fitting', 'Quick coupler'],
        },
        Fasteners: {
          Bolts: ['Hex bolt', 'Carriage bolt'],
          Nuts: ['Hex nut', 'Lock nut'],
          Washers: ['Flat washer', 'Spring washer'],
        },
        Safety: { Gloves: ['Work glove', 'Nitrile glove'], Eyewear: ['Safety goggles', 'Safety glasses'] },
        Tools: {
          'Hand tools': ['Torque wrench', 'Socket set'],
          'Power tools': ['Impact driver', 'Angle grinder'],
        },
      },
      vendors: [
        { name: 'Rhein Hydraulik', country: 'DE', industries: ['industrial-supplies'], status: 'approved' },
        {
          name: 'Nordic Fasteners',
          country: 'SE',
          industries: ['industrial-supplies', 'construction'],
          status: 'approved',
        },
        { name: 'Lyon Safety Works', country: 'FR', industries: ['industrial-supplies'], status: 'approved' },
        { name: 'Milano Utensili', country: 'IT', industries: ['industrial-supplies'], status: 'approved' },
        { name: 'Polska Tools', country: 'PL', industries: ['industrial-supplies'], status: 'approved' },
        { name: 'Dublin Valve Co', country: 'IE', industries: ['industrial-supplies'], status: 'pending' },
        { name: 'Porto Fixings', country: 'PT', industries: ['construction'], status: 'pending' },
      ],
    },
  },
  {
    slug: 'globex',
    name: 'Globex Packaging',
    tagline: 'Boxes, film and pallets, priced by volume',
    ownerEmail: 'owner@globex.test',
    ownerPassword: 'globex-owner-demo',
    theme: { ...DEFAULT_THEME, primaryColor: '#14532d', accentColor: '#a16207', font: 'georgia' },
    catalog: {
      currency: 'USD',
      products: 120,
      palette: [
        [20, 83, 45],
        [161, 98, 7],
        [120, 113, 108],
      ],
      tree: {
        Boxes: {
          'Corrugated boxes': ['Shipping box', 'Mailer box'],
          'Folding cartons': ['Retail carton', 'Gift carton'],
        },
        Film: {
          'Stretch film': ['Stretch wrap', 'Pallet wrap'],
          'Bubble wrap': ['Bubble roll', 'Bubble bag'],
        },
        Pallets: { 'Wood pallets': ['Euro pallet', 'Block pallet'], 'Plastic pallets': ['Nestable pallet'] },
        Tape: { 'Packing tape': ['Packing tape', 'Printed tape'] },
      },
      vendors: [
        { name: 'Midwest Corrugated', country: 'US', industries: ['packaging'], status: 'approved' },
        { name: 'Pacific Film Supply', country: 'US', industries: ['packaging'], status: 'approved' },
        { name: 'Great Lakes Pallet', country: 'CA', industries: ['packaging'], status: 'approved' },
        {
          name: 'Gulf Tape & Label',
          country: 'MX',
          industries: ['packaging', 'office-supplies'],
          status: 'approved',
        },
        { name: 'Atlantic Box Works', country: 'US', industries: ['packaging'], status: 'pending' },
      ],
    },
  },
];

/**
 * Create the demo tenants once (a tenant whose slug exists is left alone), provisioned by the
 * running worker, then give each its theme, an owner who can log in, and a catalog.
 */
export async function seedDemo(deps: Deps, log: (line: string) => void = () => {}): Promise<void> {
  for (const demo of DEMO_TENANTS) {
    const [existing] = await deps.database.platform
      .select({ id: p.tenants.id, schemaName: p.tenants.schemaName, status: p.tenants.status })
      .from(p.tenants)
      .where(eq(p.tenants.slug, demo.slug));
    if (existing) {
      // Data from before the catalog existed gains it; otherwise this is a no-op.
      if (existing.status === 'active')
        await seedDemoMarketplace(deps, { ...existing, slug: demo.slug }, demo.catalog, log);
      continue;
    }
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
    await seedDemoMarketplace(deps, { ...tenant, slug: demo.slug }, demo.catalog, log);
  }
}

/**
 * One active demo marketplace's data, each step once, in the order they depend on: the catalog,
 * then the commission rules (ADR 0037), then the orders and the ledger's orders. Placement
 * freezes the rules in force, so the rules come before any order: otherwise every demo order
 * would carry the migration's 0% default and no two commissions would differ.
 */
export async function seedDemoMarketplace(
  deps: Deps,
  tenant: TenantRef & { slug: string },
  catalog: DemoCatalog,
  log: (line: string) => void = () => {},
): Promise<void> {
  await seedDemoCatalog(deps, tenant, catalog, log);
  await seedDemoCommission(deps, [{ slug: tenant.slug, currency: catalog.currency }], log);
  await seedDemoOrders(deps, tenant, catalog.currency, log);
  await seedDemoLedger(deps.database, tenant, log);
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
