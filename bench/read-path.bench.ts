import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { publicProductQuery } from '@agora/core';
import { withTenant } from '@agora/db';
import { buildApi } from '@agora/platform-api';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Hono } from 'hono';
import pg from 'pg';
import { benchMarketplace } from './bench-catalog.js';
import { bench, cpuMeter, envInt, fmt, percentile, runtime, table, verdict } from './lib.js';
import type { Result, Round } from './load.js';

/**
 * The read path of the tenant API, over HTTP (issue 11):
 * - product by id through the API (host resolution, the route, the tenant's role, the response
 *   shaping) against the same SQL (`publicProductQuery`) in a bare Hono route on a plain pooled
 *   connection that is already in the tenant's role (no tenant transaction): goal >= 0.7;
 * - an uncached browse (no words, default sort, with facets; the search result cache off) against
 *   product by id: goal >= 0.5 in throughput. The browse's total and facet counts are kept per
 *   catalog version by default (AGORA_FACET_CACHE_MB, ADR 0030), so a repeated browse reads its
 *   page only; `browse-nothing-kept` is the same browse on a second API with that cache off too
 *   (what a browse costs after every catalog change), reported beside it.
 * Products are requested round-robin over BENCH_IDS published products, so no one row is hot.
 */
const SECONDS = envInt('BENCH_SECONDS', 2);
const ROUNDS = envInt('BENCH_ROUNDS', 15);
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 16);
const IDS = envInt('BENCH_IDS', 500);
const BROWSE = '/api/v1/search';

await bench('read-path', async (t) => {
  const { rt, host, tenant } = await benchMarketplace(t, { AGORA_SEARCH_CACHE_MB: '0' });
  const api = await buildApi(rt);
  t.add(() => api.close());
  const bareRt = await runtime(t, rt.config.databaseUrl as string, {
    AGORA_SEARCH_CACHE_MB: '0',
    AGORA_FACET_CACHE_MB: '0',
  });
  const uncachedApi = await buildApi(bareRt);
  t.add(() => uncachedApi.close());

  const { ids, tables } = await withTenant(rt.database, tenant, async ({ db, t: tb }) => {
    const rows = await db.execute<{ id: string }>(sql`
      select p.id from ${tb.products} p join ${tb.vendors} v on v.id = p.vendor_id
      where p.status = 'published' and v.status = 'approved' order by md5(p.id) limit ${IDS}`);
    return { ids: rows.rows.map((r) => r.id), tables: tb };
  });

  // The baseline: the same statement on a pool whose connections are in the tenant's role for
  // their whole session (what a database per tenant, or no isolation at all, would give).
  const plain = new pg.Pool({
    connectionString: rt.config.databaseUrl as string,
    max: rt.config.dbPoolMax,
    options: `-c role=${tenant.schemaName}`,
    application_name: 'agora-bench-bare',
  });
  plain.on('error', () => {});
  t.add(() => plain.end());
  const plainDb = drizzle(plain);
  const bare = new Hono();
  bare.get('/bare/products/:id', async (c) => {
    const { rows } = await plainDb.execute(publicProductQuery(tables, c.req.param('id')));
    return rows[0] ? c.json(rows[0]) : c.json({ error: 'not found' }, 404);
  });

  const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
    new Promise<number>((resolve) => {
      const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(info.port),
      );
      t.add(() => new Promise((done) => server.close(done)));
    });
  const apiPort = await listen(api.app.fetch);
  const barePort = await listen(bare.fetch);
  const uncachedPort = await listen(uncachedApi.app.fetch);

  // Both answer, and with the same product.
  const first = ids[0] as string;
  const viaApi = await api.app.request(`/api/v1/products/${first}`, { headers: { host } });
  const viaBare = await bare.request(`/bare/products/${first}`);
  if (viaApi.status !== 200 || viaBare.status !== 200)
    throw new Error(`product ${first}: API ${viaApi.status}, bare ${viaBare.status}`);
  const browse = await api.app.request(BROWSE, { headers: { host } });
  const browsed = (await browse.json()) as { items: unknown[]; facets: { categories: unknown[] } };
  if (browse.status !== 200 || !browsed.items.length || !browsed.facets.categories.length)
    throw new Error(`browse: ${browse.status}, ${browsed.items?.length} items, no facets`);
  // With kept facets (second request) and with nothing kept: the same answer.
  const again = await (await api.app.request(BROWSE, { headers: { host } })).json();
  const uncached = await (await uncachedApi.app.request(BROWSE, { headers: { host } })).json();
  if (
    JSON.stringify(again) !== JSON.stringify(browsed) ||
    JSON.stringify(uncached) !== JSON.stringify(browsed)
  )
    throw new Error('browse: kept facets and nothing kept answer differently');

  const loader: ChildProcess = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  t.add(() => loader.kill());
  const variants = {
    product: { port: apiPort, paths: ids.map((id) => `/api/v1/products/${id}`) },
    bare: { port: barePort, paths: ids.map((id) => `/bare/products/${id}`) },
    browse: { port: apiPort, paths: [BROWSE] },
    'browse-nothing-kept': { port: uncachedPort, paths: [BROWSE] },
  } as const;
  type Variant = keyof typeof variants;
  const drive = (v: Variant, durationMs: number) =>
    new Promise<Result>((resolve) => {
      loader.once('message', (r) => resolve(r as Result));
      const { port, paths } = variants[v];
      loader.send({
        port,
        host,
        path: paths[0],
        paths: [...paths],
        durationMs,
        concurrency: CONCURRENCY,
      } satisfies Round);
    });
  // CPU per request, of this process (both servers; one is driven at a time) and of the
  // PostgreSQL backends of both pools: unlike throughput, it hardly moves with other load on
  // the machine.
  const measure = await cpuMeter(t, rt.config.databaseUrl as string, ['agora-bench', 'agora-bench-bare']);
  const cpuPerRequest: Record<Variant, number[]> = {
    product: [],
    bare: [],
    browse: [],
    'browse-nothing-kept': [],
  };
  const rate = async (v: Variant) => {
    const { result: r, cpuMs } = await measure(() => drive(v, SECONDS * 1000));
    if (r.failed) throw new Error(`${v}: ${r.failed} failed requests`);
    cpuPerRequest[v].push(cpuMs / r.ok);
    return (r.ok * 1000) / r.ms;
  };
  for (const v of Object.keys(variants) as Variant[]) await drive(v, 2000);

  const rounds: Record<Variant, number>[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const forward: Variant[] = ['product', 'bare', 'browse', 'browse-nothing-kept'];
    const order = i % 2 === 0 ? forward : [...forward].reverse();
    const m = {} as Record<Variant, number>;
    for (const v of order) m[v] = await rate(v);
    rounds.push(m);
  }
  console.log(
    `\nHost: ${host}, ${CONCURRENCY} concurrent keep-alive connections, ${ROUNDS} rounds of ${SECONDS} s, ` +
      `pool max ${rt.config.dbPoolMax}, ${ids.length} product ids round-robin\n`,
  );
  table([
    [
      'round',
      'product req/s',
      'bare req/s',
      'browse req/s',
      'nothing kept req/s',
      'product/bare',
      'browse/product',
      'nothing kept/product',
    ],
    ...rounds.map((r, i) => [
      String(i + 1),
      fmt(r.product, 0),
      fmt(r.bare, 0),
      fmt(r.browse, 0),
      fmt(r['browse-nothing-kept'], 0),
      fmt(r.product / r.bare, 2),
      fmt(r.browse / r.product, 2),
      fmt(r['browse-nothing-kept'] / r.product, 2),
    ]),
  ]);
  const median = (f: (r: Record<Variant, number>) => number) => percentile(rounds.map(f), 50);
  const spread = (f: (r: Record<Variant, number>) => number) =>
    `${fmt(Math.min(...rounds.map(f)), 2)}-${fmt(Math.max(...rounds.map(f)), 2)}`;
  console.log(
    `\nspread: product/bare ${spread((r) => r.product / r.bare)}, browse/product ${spread((r) => r.browse / r.product)}, ` +
      `nothing kept/product ${spread((r) => r['browse-nothing-kept'] / r.product)}\n`,
  );
  const cpu = (v: Variant) => percentile(cpuPerRequest[v], 50);
  console.log(
    `CPU per request (server process + PostgreSQL backends, median ms): product ${fmt(cpu('product'), 2)}, ` +
      `bare ${fmt(cpu('bare'), 2)}, browse ${fmt(cpu('browse'), 2)}, nothing kept ${fmt(cpu('browse-nothing-kept'), 2)}; ` +
      `as throughput ratios on a machine with nothing else running: product/bare ${fmt(cpu('bare') / cpu('product'), 2)}, ` +
      `browse/product ${fmt(cpu('product') / cpu('browse'), 2)}, nothing kept/product ${fmt(cpu('product') / cpu('browse-nothing-kept'), 2)}\n`,
  );
  verdict(
    'product by id: API / bare (median)',
    median((r) => r.product / r.bare),
    { min: 0.7 },
  );
  verdict(
    'browse / product by id (median; facets kept per catalog version)',
    median((r) => r.browse / r.product),
    { min: 0.5 },
  );
  verdict(
    'browse, nothing kept / product by id (median)',
    median((r) => r['browse-nothing-kept'] / r.product),
    { min: 0.5 },
  );
});
