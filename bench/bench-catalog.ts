import { createTenant, defaultHostname, type Runtime, runProvisioning } from '@agora/core';
import { ident, type TenantRef, withTenant } from '@agora/db';
import { sql } from 'drizzle-orm';
import { appDatabase, envInt, fmt, runtime, type Teardown, time } from './lib.js';
import { type Catalog, type CatalogSize, type GenProduct, generateCatalog } from './search-catalog.js';

/**
 * The benchmarks' marketplace: a fresh app database and runtime, one provisioned tenant
 * ("Bench Market") holding the deterministic catalog (BENCH_PRODUCTS, BENCH_VENDORS), and the host
 * its storefront answers on. `env` adds runtime settings.
 */
export async function benchMarketplace(
  t: Teardown,
  env: Record<string, string> = {},
): Promise<{ rt: Runtime; host: string; tenant: TenantRef; catalog: Catalog }> {
  const rt = await runtime(t, await appDatabase(t), env);
  const tenant = await createTenant(
    rt,
    { name: 'Bench Market', slug: 'bench', ownerEmail: 'o@bench.test' },
    { type: 'system', id: 'bench' },
  );
  await runProvisioning(rt, tenant.id, { finalAttempt: true });
  const catalog = await buildBenchCatalog(
    rt,
    { id: tenant.id, schemaName: tenant.schemaName },
    { products: envInt('BENCH_PRODUCTS', 100_000), vendors: envInt('BENCH_VENDORS', 500) },
  );
  return {
    rt,
    host: defaultHostname(tenant.slug, rt.config.baseDomain),
    tenant: { id: tenant.id, schemaName: tenant.schemaName },
    catalog,
  };
}

/**
 * Generate the deterministic catalog, write it into the tenant, index it for search and
 * VACUUM ANALYZE it: what autovacuum does soon after a bulk load, done now so that plans and
 * the GIN indexes' pending lists do not depend on its timing (see bench/README.md).
 */
export async function buildBenchCatalog(rt: Runtime, tenant: TenantRef, size: CatalogSize): Promise<Catalog> {
  const catalog = generateCatalog(size);
  const loadMs = await time(() => loadCatalog(rt.database, tenant, catalog));
  const reindexMs = await time(() => rt.search.reindexAll(tenant));
  const vacuumMs = await time(() => vacuumAnalyze(rt.database, tenant));
  console.log(
    `\ncatalog: ${size.products} products, ${size.vendors} vendors, ${catalog.categories.length} categories; ` +
      `loaded in ${fmt(loadMs / 1000)} s (multi-row INSERTs), reindexed in ${fmt(reindexMs / 1000)} s, vacuum analyze ${fmt(vacuumMs / 1000)} s`,
  );
  return catalog;
}

/** VACUUM ANALYZE the catalog tables as their owner (the tenant role may not). */
async function vacuumAnalyze(database: Parameters<typeof withTenant>[0], tenant: TenantRef) {
  const client = await database.pool.connect();
  try {
    await client.query(`set role ${ident(database.ownerRole)}`);
    for (const table of ['products', 'vendors', 'categories', 'price_tiers', 'product_images'])
      await client.query(`vacuum analyze ${ident(tenant.schemaName)}.${ident(table)}`);
    await client.query('reset role');
  } finally {
    client.release();
  }
}

/** Load the catalog with multi-row INSERTs (unnest of arrays), 5,000 products per statement. */
async function loadCatalog(database: Parameters<typeof withTenant>[0], tenant: TenantRef, catalog: Catalog) {
  await withTenant(database, tenant, async ({ db, t }) => {
    const v = catalog.vendors;
    await db.execute(sql`
      insert into ${t.vendors} (id, name, legal_name, country, tax_id, contact_name, contact_email, status, verified)
      select id, name, name, 'DE', 'DE000', 'Bench', 'bench@vendors.test', status, verified
      from unnest(${sql.param(v.map((x) => x.id))}::text[], ${sql.param(v.map((x) => x.name))}::text[],
                  ${sql.param(v.map((x) => x.status))}::text[], ${sql.param(v.map((x) => x.verified))}::bool[])
        as u(id, name, status, verified)`);
    const c = catalog.categories;
    await db.execute(sql`
      insert into ${t.categories} (id, parent_id, name, slug, path)
      select * from unnest(${sql.param(c.map((x) => x.id))}::text[], ${sql.param(c.map((x) => x.parentId))}::text[],
                           ${sql.param(c.map((x) => x.name))}::text[], ${sql.param(c.map((x) => x.slug))}::text[],
                           ${sql.param(c.map((x) => x.path))}::text[])`);
  });
  let batch: GenProduct[] = [];
  const flush = () =>
    withTenant(database, tenant, async ({ db, t }) => {
      const col = <T>(f: (p: GenProduct) => T) => sql.param(batch.map(f));
      await db.execute(sql`
        insert into ${t.products} (id, vendor_id, sku, title, description, category_id, unit, min_order_qty,
          stock_qty, attributes, currency, base_price_minor, status, published_at)
        select * from unnest(${col((p) => p.id)}::text[], ${col((p) => p.vendorId)}::text[], ${col((p) => p.sku)}::text[],
          ${col((p) => p.title)}::text[], ${col((p) => p.description)}::text[], ${col((p) => p.categoryId)}::text[],
          ${col((p) => p.unit)}::text[], ${col((p) => p.minOrderQty)}::int[], ${col((p) => p.stockQty)}::int[],
          ${col((p) => JSON.stringify(p.attributes))}::jsonb[], ${col((p) => p.currency)}::text[],
          ${col((p) => p.basePriceMinor)}::bigint[], ${col((p) => p.status)}::text[],
          ${col((p) => p.publishedAt?.toISOString() ?? null)}::timestamptz[])`);
      const tiers = batch.flatMap((p) => p.tiers.map((tier) => ({ id: p.id, ...tier })));
      if (tiers.length)
        await db.execute(sql`
          insert into ${t.priceTiers} (product_id, min_qty, unit_price_minor)
          select * from unnest(${sql.param(tiers.map((x) => x.id))}::text[], ${sql.param(tiers.map((x) => x.minQty))}::int[],
                               ${sql.param(tiers.map((x) => x.unitPriceMinor))}::bigint[])`);
      const images = batch.filter((p) => p.imageKey);
      if (images.length)
        await db.execute(sql`
          insert into ${t.productImages} (product_id, position, file_key)
          select id, 0, key from unnest(${sql.param(images.map((p) => p.id))}::text[],
                                        ${sql.param(images.map((p) => p.imageKey))}::text[]) as u(id, key)`);
      batch = [];
    });
  for (const p of catalog.products) {
    batch.push(p);
    if (batch.length === 5000) await flush();
  }
  if (batch.length) await flush();
}
