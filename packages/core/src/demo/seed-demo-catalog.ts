import { newId } from '@agora/contracts';
import { type TenantRef, withTenant } from '@agora/db';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.js';
import { createCategory } from '../catalog/categories/create-category.js';
import { addProductImage } from '../catalog/images/add-product-image.js';
import { changeProductStatus } from '../catalog/products/change-product-status.js';
import { createProduct } from '../catalog/products/create-product.js';
import type { Deps } from '../deps.js';
import { demoPng } from './png.js';

type Rgb = [number, number, number];
export type DemoCatalog = {
  currency: string;
  /** top-level category -> sub-categories -> product nouns */
  tree: Record<string, Record<string, string[]>>;
  vendors: { name: string; country: string; industries: string[]; status: 'approved' | 'pending' }[];
  products: number;
  palette: Rgb[];
};

const QUALITIES = [
  'Standard',
  'Heavy-duty',
  'Compact',
  'Industrial',
  'Premium',
  'Economy',
  'Stainless',
  'Coated',
];
const SIZES = ['S', 'M', 'L', 'XL', '10', '20', '50', '100'];

/** Deterministic pseudo-random numbers, so every demo catalog is the same. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Vendors (approved and pending, each with a vendor admin who can sign in), a category tree and
 * products with generated images and volume tiers, through the same core functions the API
 * uses (validation, search indexing). Resumable: every step first looks for what an earlier,
 * interrupted run made (vendors by name, categories by name under their parent, products by SKU,
 * a product's image and its publication), so a start stopped halfway finishes the catalog the
 * next time, and a complete catalog costs one query.
 */
export async function seedDemoCatalog(
  deps: Deps,
  tenant: TenantRef & { slug: string },
  demo: DemoCatalog,
  log: (l: string) => void,
) {
  const published = await withTenant(deps.database, tenant, ({ db }) =>
    db.execute<{ n: number }>(sql`select count(*)::int as n from products where status = 'published'`),
  );
  if ((published.rows[0]?.n ?? 0) >= demo.products) return;
  log(`demo: catalog for ${tenant.slug} (${demo.products} products, first start only)`);
  const random = rng(tenant.slug.length * 7919 + demo.products);

  const vendors = await seedVendors(deps, tenant, demo);
  const leaves = await seedCategories(deps, tenant, demo);
  const existing = await withTenant(deps.database, tenant, async ({ db, t }) => {
    const rows = await db.execute<{ id: string; sku: string; status: string; images: number }>(sql`
      select p.id, p.sku, p.status, (select count(*)::int from ${t.productImages} i where i.product_id = p.id) as images
      from ${t.products} p`);
    return new Map(rows.rows.map((r) => [r.sku, r]));
  });

  const approved = vendors.filter((v) => v.status === 'approved');
  const images = demo.palette.map((from, i) =>
    demoPng(240, 180, from, demo.palette[(i + 1) % demo.palette.length] as Rgb),
  );
  for (let n = 0; n < demo.products; n++) {
    // Every product draws its random numbers even when it exists, so the ones after it come out
    // the same as on an uninterrupted run.
    const leaf = leaves[n % leaves.length] as { id: string; nouns: string[] };
    const vendor = approved[n % approved.length] as (typeof approved)[number];
    const noun = leaf.nouns[Math.floor(random() * leaf.nouns.length)] as string;
    const quality = QUALITIES[Math.floor(random() * QUALITIES.length)] as string;
    const size = SIZES[Math.floor(random() * SIZES.length)] as string;
    const moq = [1, 5, 10, 25, 50][Math.floor(random() * 5)] as number;
    const base = 100 * Math.floor(2 + random() * 400); // whole currency units
    const unit = random() < 0.7 ? 'piece' : 'box of 10';
    const leadTimeDays = Math.floor(random() * 21);
    const stockQty = random() < 0.8 ? Math.floor(random() * 5000) : 0;
    const actor = { userId: 'demo', vendorId: vendor.id };
    const sku = `${tenant.slug.slice(0, 3).toUpperCase()}-${String(n + 1).padStart(4, '0')}`;
    const made = existing.get(sku);
    const product =
      made ??
      (await createProduct(deps.database, tenant, actor, {
        sku,
        title: `${quality} ${noun} ${size}`,
        description: `${quality} ${noun.toLowerCase()} from ${vendor.name}. Suitable for professional use; bulk pricing available.`,
        categoryId: leaf.id,
        unit,
        minOrderQty: moq,
        orderIncrement: moq >= 10 ? 5 : 1,
        leadTimeDays,
        stockQty,
        currency: demo.currency,
        basePriceMinor: base,
        attributes: [
          { name: 'Grade', value: quality },
          { name: 'Size', value: size },
        ],
        tiers: [
          { minQty: moq, unitPriceMinor: base },
          { minQty: moq * 10, unitPriceMinor: Math.round(base * 0.9) },
          { minQty: moq * 50, unitPriceMinor: Math.round(base * 0.8) },
        ],
      }));
    if (!made?.images)
      await addProductImage(deps, tenant, actor, product.id, images[n % images.length] as Uint8Array);
    if (made?.status !== 'published')
      await changeProductStatus(deps.database, tenant, actor, product.id, 'publish');
  }
}

/** The demo vendors and their admins, in one transaction; the ones already there are kept. */
async function seedVendors(deps: Deps, tenant: TenantRef, demo: DemoCatalog) {
  const passwordHash = await hashPassword('vendor-demo-pass');
  return withTenant(deps.database, tenant, async ({ db, t }) => {
    const have = new Map((await db.select().from(t.vendors)).map((v) => [v.name, v]));
    const missing = demo.vendors
      .map((v, i) => ({ v, i }))
      .filter(({ v }) => !have.has(v.name))
      .map(({ v, i }) => ({
        id: newId('ven'),
        name: v.name,
        legalName: `${v.name} Ltd`,
        country: v.country,
        taxId: `${v.country}${String(100000000 + i * 7331)}`,
        contactName: `${v.name.split(' ')[0]} Sales`,
        contactEmail: `sales@${v.name.toLowerCase().replace(/[^a-z]+/g, '-')}.test`,
        website: null,
        description: `${v.name} supplies ${v.industries.join(' and ')} to businesses across ${v.country}.`,
        industries: v.industries,
        status: v.status,
        verified: v.status === 'approved',
        decidedAt: v.status === 'approved' ? new Date() : null,
      }));
    if (missing.length) {
      const rows = await db.insert(t.vendors).values(missing).returning();
      await db.insert(t.users).values(
        rows.map((v) => ({
          id: newId('usr'),
          email: v.contactEmail,
          name: v.contactName,
          passwordHash,
          role: 'vendor_admin' as const,
          status: 'active' as const,
          vendorId: v.id,
          emailVerifiedAt: new Date(),
        })),
      );
      for (const v of rows) have.set(v.name, v);
    }
    return demo.vendors.map((v) => have.get(v.name) as NonNullable<ReturnType<typeof have.get>>);
  });
}

/** The category tree; a category already there (same name, same parent) is reused. */
async function seedCategories(deps: Deps, tenant: TenantRef, demo: DemoCatalog) {
  const have = await withTenant(deps.database, tenant, ({ db, t }) => db.select().from(t.categories));
  const find = (name: string, parentId: string | null) =>
    have.find((c) => c.name === name && c.parentId === parentId);
  const leaves: { id: string; nouns: string[] }[] = [];
  for (const [top, subs] of Object.entries(demo.tree)) {
    const parent = find(top, null) ?? (await createCategory(deps.database, tenant, 'demo', { name: top }));
    for (const [sub, nouns] of Object.entries(subs)) {
      const child =
        find(sub, parent.id) ??
        (await createCategory(deps.database, tenant, 'demo', { name: sub, parentId: parent.id }));
      leaves.push({ id: child.id, nouns });
    }
  }
  return leaves;
}
