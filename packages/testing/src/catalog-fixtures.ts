import { type Database, type TenantRef, withTenant } from '@agora/db';

/**
 * Catalog rows written straight into a tenant schema (no domain rules, no events), for tests of
 * code that reads the catalog: search, storefront pages. Defaults fill what a test does not say.
 */
export type FixtureVendor = {
  id: string;
  name: string;
  status?: 'pending' | 'info_requested' | 'approved' | 'rejected' | 'suspended';
  verified?: boolean;
};
export type FixtureCategory = { id: string; name: string; parentId?: string | null };
export type FixtureProduct = {
  id: string;
  vendorId: string;
  title: string;
  sku?: string;
  description?: string;
  categoryId?: string | null;
  unit?: string;
  minOrderQty?: number;
  stockQty?: number;
  attributes?: { name: string; value: string }[];
  currency?: string;
  basePriceMinor: number;
  status?: 'draft' | 'pending_review' | 'published' | 'archived';
  publishedAt?: Date | null;
  tiers?: { minQty: number; unitPriceMinor: number }[];
  imageKeys?: string[];
};

export async function insertCatalog(
  database: Database,
  tenant: TenantRef,
  catalog: { vendors?: FixtureVendor[]; categories?: FixtureCategory[]; products?: FixtureProduct[] },
): Promise<void> {
  await withTenant(database, tenant, async ({ db, t }) => {
    if (catalog.vendors?.length) {
      await db.insert(t.vendors).values(
        catalog.vendors.map((v) => ({
          id: v.id,
          name: v.name,
          legalName: `${v.name} (legal)`,
          country: 'DE',
          taxId: `TAX-${v.id}`,
          contactName: 'Contact',
          contactEmail: `${v.id}@vendors.test`,
          status: v.status ?? 'approved',
          verified: v.verified ?? false,
        })),
      );
    }
    if (catalog.categories?.length) {
      const paths = new Map<string, string>();
      for (const c of catalog.categories) {
        const parentPath = c.parentId ? paths.get(c.parentId) : '/';
        if (!parentPath) throw new Error(`category ${c.id}: list its parent ${c.parentId} first`);
        paths.set(c.id, `${parentPath}${c.id}/`);
      }
      await db.insert(t.categories).values(
        catalog.categories.map((c, i) => ({
          id: c.id,
          parentId: c.parentId ?? null,
          name: c.name,
          slug: `${c.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${c.id}`,
          path: paths.get(c.id) as string,
          position: i,
        })),
      );
    }
    const products = catalog.products ?? [];
    if (products.length) {
      await db.insert(t.products).values(
        products.map((p) => {
          const status = p.status ?? 'published';
          return {
            id: p.id,
            vendorId: p.vendorId,
            sku: p.sku ?? p.id.toUpperCase(),
            title: p.title,
            description: p.description ?? '',
            categoryId: p.categoryId ?? null,
            unit: p.unit ?? 'piece',
            minOrderQty: p.minOrderQty ?? 1,
            stockQty: p.stockQty ?? 0,
            attributes: p.attributes ?? [],
            currency: p.currency ?? 'EUR',
            basePriceMinor: p.basePriceMinor,
            status,
            publishedAt:
              p.publishedAt === undefined ? (status === 'published' ? new Date() : null) : p.publishedAt,
          };
        }),
      );
      const tiers = products.flatMap((p) => (p.tiers ?? []).map((tier) => ({ productId: p.id, ...tier })));
      if (tiers.length) await db.insert(t.priceTiers).values(tiers);
      const images = products.flatMap((p) =>
        (p.imageKeys ?? []).map((fileKey, position) => ({ productId: p.id, position, fileKey })),
      );
      if (images.length) await db.insert(t.productImages).values(images);
    }
  });
}
