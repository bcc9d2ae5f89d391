import { AppError } from '@agora/contracts';
import { createTenant, defaultHostname, runProvisioning } from '@agora/core';
import { ident, type TenantRef, withTenant } from '@agora/db';
import { buildApi } from '@agora/platform-api';
import type { ApiDeps, AppEnv, TenantEnv } from '@agora/platform-api/context';
import { onError } from '@agora/platform-api/middleware/errors';
import { resolveSurface } from '@agora/platform-api/middleware/resolve-tenant';
import { tenantOnly } from '@agora/platform-api/middleware/surface-guards';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { appDatabase, bench, envInt, fmt, percentile, runtime, table, time, verdict } from './lib.js';
import { type GenProduct, generateCatalog } from './search-catalog.js';

/**
 * Search latency through the tenant API (`GET /api/v1/search`, PostgreSQL engine) over a
 * deterministic catalog of BENCH_PRODUCTS products from BENCH_VENDORS vendors in one tenant,
 * divided by the latency of fetching one product by id through the same API, measured in the
 * same run, interleaved request by request. Requests go through the Hono app in process
 * (`app.request`: host resolution, validation, handler, JSON), as the Remix loaders call it.
 */
const PRODUCTS = envInt('BENCH_PRODUCTS', 100_000);
const VENDORS = envInt('BENCH_VENDORS', 500);
const ROUNDS = envInt('BENCH_ROUNDS', 300);
const WARMUP = envInt('BENCH_WARMUP', 30);

const QUERIES: Record<string, string[]> = {
  'one word': ['q=valve', 'q=bearing', 'q=sensor', 'q=glove', 'q=carton'],
  'two words': [
    'q=hydraulic+pump',
    'q=stainless+bolt',
    'q=electric+motor',
    'q=nylon+gasket',
    'q=industrial+fan',
  ],
  'typo (two words)': [
    'q=hydralic+pump',
    'q=stainles+bolt',
    'q=elecrtic+motor',
    'q=nylon+gaskit',
    'q=industrail+fan',
  ],
  'typo (one word)': ['q=hydralic', 'q=bering', 'q=sensr', 'q=glvoe', 'q=cartn'],
  'with filters': [
    // filled in once the category ids are known
  ],
};

await bench('search', async (t) => {
  const rt = await runtime(t, await appDatabase(t));
  const created = await createTenant(
    rt,
    { name: 'Bench Market', slug: 'bench', ownerEmail: 'o@bench.test' },
    { type: 'system', id: 'bench' },
  );
  await runProvisioning(rt, created.id, { finalAttempt: true });
  const tenant: TenantRef = { id: created.id, schemaName: created.schemaName };
  const host = defaultHostname(created.slug, rt.config.baseDomain);

  // --- catalog -----------------------------------------------------------------------------
  const catalog = generateCatalog({ products: PRODUCTS, vendors: VENDORS });
  const loadMs = await time(() => loadCatalog(rt.database, tenant, catalog));
  const reindexMs = await time(() => rt.search.reindexAll(tenant));
  // What autovacuum does soon after a bulk load, done now so that plans and the GIN indexes'
  // pending lists do not depend on its timing (see bench/README.md).
  const vacuumMs = await time(() => vacuumAnalyze(rt.database, tenant));
  console.log(
    `\ncatalog: ${PRODUCTS} products, ${VENDORS} vendors, ${catalog.categories.length} categories; ` +
      `loaded in ${fmt(loadMs / 1000)} s (multi-row INSERTs), reindexed in ${fmt(reindexMs / 1000)} s, vacuum analyze ${fmt(vacuumMs / 1000)} s`,
  );

  const top = catalog.categories.filter((c) => c.parentId === null);
  const fluid = top.find((c) => c.name === 'Fluid Power')?.id;
  const fasteners = top.find((c) => c.name === 'Fasteners')?.id;
  const electrical = top.find((c) => c.name === 'Electrical')?.id;
  QUERIES['with filters'] = [
    `q=pump&category=${fluid}&inStock=true&qty=10&priceMax=20000`,
    `q=hydraulic&category=${fluid}&inStock=true&sort=price_asc`,
    `q=bolt&category=${fasteners}&qty=100&priceMin=500&priceMax=30000&sort=price_asc`,
    `q=motor&category=${electrical}&inStock=true&sort=newest`,
    `q=stainless+valve&inStock=true&qty=50&priceMax=25000`,
  ];

  // --- the API -----------------------------------------------------------------------------
  const api = await buildApi(rt);
  t.add(() => api.close());
  const productIds: string[] = [];
  const approved = new Set(catalog.vendors.filter((v) => v.status === 'approved').map((v) => v.id));
  for (const p of catalog.products)
    if (p.status === 'published' && approved.has(p.vendorId)) productIds.push(p.id);
  const probe = await api.app.request(`/api/v1/products/${productIds[0]}`, { headers: { host } });
  let byIdApp: { request: (path: string, init: RequestInit) => Response | Promise<Response> } = api.app;
  let byIdNote = 'GET /api/v1/products/{id} (the catalog API)';
  if (probe.status !== 200) {
    byIdApp = productByIdEquivalent({ ...rt, resolver: api.resolver });
    byIdNote = `GET /api/v1/products/{id} is not in the API yet (answered ${probe.status}): a minimal equivalent (real host resolution and tenant guard, one withTenant query: product, vendor, tiers, images)`;
  }
  console.log(`baseline: ${byIdNote}`);

  const get = async (app: typeof byIdApp, path: string) => {
    const start = performance.now();
    const res = await app.request(path, { headers: { host } });
    await res.arrayBuffer();
    const ms = performance.now() - start;
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return ms;
  };
  let n = 0;
  const nextId = () => productIds[(n++ * 7919) % productIds.length] as string;

  // Result sizes, so the figures can be read against the work each query does.
  const sizes: string[][] = [['query', 'total', 'first hit']];
  for (const list of Object.values(QUERIES)) {
    for (const qs of list) {
      const res = await api.app.request(`/api/v1/search?${qs}`, { headers: { host } });
      const body = (await res.json()) as { total: number; items: { title: string }[] };
      if (res.status !== 200) throw new Error(`search ${qs}: ${res.status} ${JSON.stringify(body)}`);
      sizes.push([
        decodeURIComponent(qs.replace(/\+/g, ' ')).replace(/category=cat_bench\d+/, 'category=…'),
        String(body.total),
        body.items[0]?.title ?? '-',
      ]);
    }
  }
  console.log();
  table(sizes);

  for (let i = 0; i < WARMUP; i++) {
    for (const list of Object.values(QUERIES)) await get(api.app, `/api/v1/search?${list[i % list.length]}`);
    await get(byIdApp, `/api/v1/products/${nextId()}`);
  }

  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(QUERIES).map((k) => [k, []]));
  const baseline: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate: the baseline is measured between searches, under the same conditions.
    for (const [kind, list] of Object.entries(QUERIES)) {
      samples[kind]?.push(await get(api.app, `/api/v1/search?${list[i % list.length]}`));
      baseline.push(await get(byIdApp, `/api/v1/products/${nextId()}`));
    }
  }

  const b50 = percentile(baseline, 50);
  const b95 = percentile(baseline, 95);
  console.log(
    `\n${ROUNDS} rounds; each round: one request of every kind, each followed by one product by id\n`,
  );
  const rows: (string | number)[][] = [['kind', 'p50 ms', 'p95 ms', 'p50 / by-id p50', 'p95 / by-id p95']];
  rows.push(['product by id (baseline)', fmt(b50, 2), fmt(b95, 2), '1.00', '1.00']);
  for (const [kind, list] of Object.entries(samples)) {
    const p50 = percentile(list, 50);
    const p95 = percentile(list, 95);
    rows.push([`search: ${kind}`, fmt(p50, 2), fmt(p95, 2), fmt(p50 / b50, 2), fmt(p95 / b95, 2)]);
  }
  table(rows);
  console.log();
  for (const [kind, list] of Object.entries(samples))
    verdict(`p95 ratio, ${kind}`, percentile(list, 95) / b95, { max: 10 });
  const all = Object.values(samples).flat();
  verdict('p95 ratio, all searches', percentile(all, 95) / b95, { max: 10 });
});

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
async function loadCatalog(
  database: Parameters<typeof withTenant>[0],
  tenant: TenantRef,
  catalog: ReturnType<typeof generateCatalog>,
) {
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

/**
 * Stand-in for the catalog's public product endpoint, used only when the API does not answer it:
 * the same request path (host resolution, tenant guard) and one tenant transaction reading what
 * a product page needs.
 */
function productByIdEquivalent(deps: ApiDeps) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', resolveSurface);
  const api = new Hono<TenantEnv>();
  api.use('*', tenantOnly);
  api.get('/products/:id', async (c) => {
    const product = await withTenant(deps.database, c.var.tenant, async ({ db, t }) => {
      const r = await db.execute<{ product: unknown }>(sql`
        select json_build_object('id', p.id, 'title', p.title, 'description', p.description, 'sku', p.sku,
          'unit', p.unit, 'minOrderQty', p.min_order_qty, 'stockQty', p.stock_qty, 'currency', p.currency,
          'basePriceMinor', p.base_price_minor, 'attributes', p.attributes,
          'vendor', json_build_object('id', v.id, 'name', v.name, 'verified', v.verified),
          'tiers', (select json_agg(json_build_object('minQty', x.min_qty, 'unitPriceMinor', x.unit_price_minor)
                    order by x.min_qty) from ${t.priceTiers} x where x.product_id = p.id),
          'images', (select json_agg(i.file_key order by i.position) from ${t.productImages} i where i.product_id = p.id)
        ) as product
        from ${t.products} p join ${t.vendors} v on v.id = p.vendor_id
        where p.id = ${c.req.param('id')} and p.status = 'published' and v.status = 'approved'`);
      return r.rows[0]?.product;
    });
    if (!product) throw new AppError('not_found', 'No such product');
    return c.json(product);
  });
  app.route('/api/v1', api);
  return app;
}
