import type { CommissionRuleInput } from '@agora/contracts';
import { CommissionRuleBody } from '@agora/contracts';
import { platformTables as p, type TenantRef, withTenant } from '@agora/db';
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { createCommissionRule, updateCommissionRule } from '../commission/manage-rules.js';
import type { Deps } from '../deps.js';

/**
 * Commission rules of every scope on a demo marketplace (ADR 0037): the default, a top and
 * a deeper category (with a cap and a minimum), a vendor, a vendor in a category, a product, a
 * vendor GMV tier, a promotion with dates and a disabled rule. Only once: a marketplace that
 * has rules besides its default is left alone.
 */
async function seedTenantCommission(
  deps: Deps,
  tenant: TenantRef,
  currency: string,
  log: (line: string) => void = () => {},
): Promise<void> {
  const found = await withTenant(deps.database, tenant, async ({ db, t }) => {
    const [other] = await db
      .select({ id: t.commissionRules.id })
      .from(t.commissionRules)
      .where(eq(t.commissionRules.isDefault, false))
      .limit(1);
    if (other) return null;
    const [owner] = await db
      .select({ id: t.users.id })
      .from(t.users)
      .where(eq(t.users.role, 'owner'))
      .limit(1);
    const vendors = await db
      .select({ id: t.vendors.id, name: t.vendors.name })
      .from(t.vendors)
      .where(eq(t.vendors.status, 'approved'))
      .orderBy(asc(t.vendors.name));
    const top = await db
      .select({ id: t.categories.id, name: t.categories.name })
      .from(t.categories)
      .where(and(isNull(t.categories.parentId), isNull(t.categories.archivedAt)))
      .orderBy(asc(t.categories.position), asc(t.categories.name));
    const deeper = await db
      .select({ id: t.categories.id, name: t.categories.name })
      .from(t.categories)
      .where(and(isNotNull(t.categories.parentId), isNull(t.categories.archivedAt)))
      .orderBy(asc(t.categories.position), asc(t.categories.name))
      .limit(1);
    const [product] = await db
      .select({ id: t.products.id, title: t.products.title })
      .from(t.products)
      .where(eq(t.products.status, 'published'))
      .orderBy(asc(t.products.id))
      .limit(1);
    return { owner: owner?.id ?? 'demo', vendors, top, deeper: deeper[0], product };
  });
  if (!found || found.vendors.length < 3 || found.top.length < 2 || !found.deeper || !found.product) return;
  log(`demo: commission rules for ${tenant.schemaName}`);
  const { owner, vendors, top, deeper, product } = found;
  const money = (minor: number) => ({ [currency]: minor });
  const [v1, v2, v3] = vendors as [
    (typeof vendors)[number],
    (typeof vendors)[number],
    (typeof vendors)[number],
  ];
  const [c1, c2] = top as [(typeof top)[number], (typeof top)[number]];
  const month = new Date();
  month.setUTCDate(1);
  month.setUTCHours(0, 0, 0, 0);
  const nextMonth = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
  const monthAfter = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 2, 1));
  const rules: CommissionRuleInput[] = [
    {
      scope: 'category',
      categoryId: c1.id,
      kind: 'percent',
      rateBps: 1_000,
      maxAmounts: money(25_000),
      note: `${c1.name}: 10%, at most ${250} per line`,
    },
    {
      scope: 'category',
      categoryId: deeper.id,
      kind: 'percent',
      rateBps: 1_200,
      minAmounts: money(200),
      note: `${deeper.name}: 12%, at least 2.00 per line`,
    },
    {
      scope: 'vendor',
      vendorId: v1.id,
      kind: 'percent',
      rateBps: 700,
      priority: 1,
      note: `${v1.name}: launch partner`,
    },
    {
      scope: 'vendor_category',
      vendorId: v2.id,
      categoryId: c2.id,
      kind: 'flat_per_unit',
      amounts: money(15),
      note: `${v2.name} in ${c2.name}: 0.15 per unit`,
    },
    {
      scope: 'product',
      productId: product.id,
      kind: 'flat_per_line',
      amounts: money(500),
      note: `${product.title}: 5.00 a line`,
    },
    {
      scope: 'vendor',
      vendorId: v3.id,
      kind: 'percent',
      rateBps: 600,
      vendorGmv30dMinMinor: money(10_000_000),
      note: 'Vendors above 100,000 a month pay 6%',
    },
    {
      scope: 'category',
      categoryId: c2.id,
      kind: 'percent',
      rateBps: 500,
      validFrom: nextMonth.toISOString(),
      validTo: monthAfter.toISOString(),
      note: `${c2.name}: promotion next month`,
    },
    {
      scope: 'marketplace',
      kind: 'percent',
      rateBps: 300,
      priority: 5,
      enabled: false,
      note: 'Draft: a lower default',
    },
  ];
  await updateCommissionRule(
    deps.database,
    tenant,
    owner,
    'cmr_default',
    CommissionRuleBody.parse({
      scope: 'marketplace',
      kind: 'percent',
      rateBps: 800,
      note: 'Marketplace default: 8%',
    }),
  );
  for (const r of rules)
    await createCommissionRule(deps.database, tenant, owner, CommissionRuleBody.parse(r));
}

/** Rules on each active demo marketplace (by slug, in its currency), before its orders (seedDemoMarketplace). */
export async function seedDemoCommission(
  deps: Deps,
  demos: { slug: string; currency: string }[],
  log: (line: string) => void = () => {},
): Promise<void> {
  for (const demo of demos) {
    const [t] = await deps.database.platform
      .select({ id: p.tenants.id, schemaName: p.tenants.schemaName, status: p.tenants.status })
      .from(p.tenants)
      .where(eq(p.tenants.slug, demo.slug));
    if (t?.status === 'active') await seedTenantCommission(deps, t, demo.currency, log);
  }
}
