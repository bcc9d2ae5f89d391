import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@agora/config';
import { DEFAULT_THEME, randomId } from '@agora/contracts';
import {
  defaultHostname,
  getPublicProduct,
  getStorefront,
  listCategories,
  PostgresSearchEngine,
  type Runtime,
} from '@agora/core';
import {
  connectDatabase,
  createTenantRole,
  createTenantSchema,
  type Database,
  inTransaction,
  migratePlatform,
  migrateTenantSchema,
  withClient,
  withTenant,
} from '@agora/db';
import { buildApi } from '@agora/platform-api';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { appDatabase, bench, envInt, fmt, percentile, runtime, table, time, verdict } from './lib.js';
import type { Result, Round } from './load.js';

/**
 * Many marketplaces on one node (issue 11): the storefront home page of a random tenant out of
 * BENCH_TENANTS (default 5,000) against one tenant's home page repeated, same server, same run
 * (goal >= 0.6), and the memory of the PostgreSQL backends serving them: the peak RSS of each
 * pool connection's server process, sampled while the rounds run. A second server over the same
 * database with connection recycling off (AGORA_DB_CONN_MAX_SCHEMAS huge) shows what the bound
 * is for. Every tenant is provisioned like provisioning does it (row, role, schema, migrations,
 * settings, default domain) plus a small catalog (1 vendor, 1 category, 8 products), but
 * directly, BENCH_SETUP_CONCURRENCY at a time, instead of through the job.
 * Needs the built apps (pnpm build). BENCH_TENANTS=500 for a quick run; BENCH_MEMORY_SHOPS
 * (default min(BENCH_TENANTS, 1000)) for the memory phase.
 */
const TENANTS = envInt('BENCH_TENANTS', 5000);
const SETUP_CONCURRENCY = envInt('BENCH_SETUP_CONCURRENCY', 4);
const SECONDS = envInt('BENCH_SECONDS', 2);
const ROUNDS = envInt('BENCH_ROUNDS', 12);
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 16);
/** Shops the one-connection memory phase walks through (its growth is linear in them). */
const MEMORY_SHOPS = envInt('BENCH_MEMORY_SHOPS', Math.min(TENANTS, 1000));

type Shop = { id: string; schemaName: string; host: string };

async function createShops(database: Database, baseDomain: string, count: number): Promise<Shop[]> {
  const shorts = Array.from({ length: count }, () => randomId(12));
  const shops = shorts.map((s) => ({
    id: `ten_${s}`,
    schemaName: `t_${s}`,
    host: defaultHostname(`shop-${s}`, baseDomain),
  }));
  await database.pool.query(
    `insert into platform.tenants (id, slug, name, status, schema_name, owner_email)
     select 'ten_' || s, 'shop-' || s, 'Shop ' || s, 'active', 't_' || s, 'owner@bench.test'
       from unnest($1::text[]) as s`,
    [shorts],
  );
  await database.pool.query(
    `insert into platform.domains (id, hostname, tenant_id, kind, status)
     select 'dom_' || s, h, 'ten_' || s, 'platform', 'verified' from unnest($1::text[], $2::text[]) as u(s, h)`,
    [shorts, shops.map((s) => s.host)],
  );
  let next = 0;
  let done = 0;
  const lane = async () => {
    for (let shop = shops[next++]; shop; shop = shops[next++]) {
      const schema = shop.schemaName;
      await withClient(database, (c) =>
        inTransaction(c, async () => {
          await createTenantRole(database, c, schema);
          await createTenantSchema(database, c, schema);
        }),
      );
      await migrateTenantSchema(database, schema);
      await withTenant(database, shop, async ({ db, t }) => {
        await db.insert(t.settings).values({ publicName: `Shop ${schema}`, theme: DEFAULT_THEME });
        await db.execute(sql`
          with v as (
            insert into ${t.vendors} (id, name, legal_name, country, tax_id, contact_name, contact_email, status, verified)
            values ('ven_bench', 'Bench Vendor', 'Bench Vendor', 'DE', 'DE000', 'Bench', 'v@bench.test', 'approved', true)
            returning id
          ), c as (
            insert into ${t.categories} (id, name, slug, path) values ('cat_bench', 'Tools', 'tools', '/cat_bench/')
            returning id
          )
          insert into ${t.products} (id, vendor_id, sku, title, description, category_id, unit, min_order_qty,
            stock_qty, attributes, currency, base_price_minor, status, published_at)
          select 'prd_bench' || i, (select id from v), 'SKU-' || i, 'Impact driver ' || i, 'A tool', (select id from c),
            'piece', 1, 100, '[]'::jsonb, 'EUR', 1000 + i, 'published', now() - i * interval '1 minute'
          from generate_series(1, 8) as i`);
      });
      if (++done % 500 === 0) console.log(`  ${done}/${count}`);
    }
  };
  await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, lane));
  return shops;
}

/** RSS of the server processes of one application's connections (Linux /proc; local server only). */
class BackendMemory {
  readonly peakKb = new Map<number, { hwm: number; anon: number }>();
  private last = 0;
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly client: pg.Client,
    private readonly applicationName: string,
  ) {}

  async sample(): Promise<void> {
    const { rows } = await this.client.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [this.applicationName],
    );
    for (const { pid } of rows) {
      let status: string;
      try {
        status = readFileSync(`/proc/${pid}/status`, 'utf8');
      } catch {
        continue; // gone, or not on this machine
      }
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
      this.last = kb('RssAnon');
      const seen = this.peakKb.get(pid) ?? { hwm: 0, anon: 0 };
      this.peakKb.set(pid, {
        hwm: Math.max(seen.hwm, kb('VmHWM')),
        anon: Math.max(seen.anon, kb('RssAnon')),
      });
    }
  }

  /** Private memory (RssAnon, kB) of the newest of these backends at the last sample. */
  current(): number {
    return this.last;
  }

  start(): void {
    this.timer = setInterval(() => void this.sample().catch(() => {}), 250);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  summary(): { backends: number; maxHwmMb: number; maxAnonMb: number; medianAnonMb: number } {
    const all = [...this.peakKb.values()];
    return {
      backends: all.length,
      maxHwmMb: Math.max(0, ...all.map((m) => m.hwm)) / 1024,
      maxAnonMb: Math.max(0, ...all.map((m) => m.anon)) / 1024,
      medianAnonMb:
        percentile(
          all.map((m) => m.anon),
          50,
        ) / 1024,
    };
  }
}

/**
 * One pool connection (max 1) serving every shop in turn with the reads of a home page and a
 * product page (storefront settings, category tree, newest products, a product), no HTTP: the
 * RSS of its server process after every `step` shops, and the peak. With recycling the pool
 * replaces the connection every `maxSchemas` shops.
 */
async function backendMemory(url: string, shops: Shop[], maxSchemas: number, monitor: pg.Client) {
  const applicationName = `agora-bench-memory-${maxSchemas}`;
  const database = await connectDatabase(url, {
    max: 1,
    maxSchemasPerConnection: maxSchemas,
    applicationName,
  });
  const search = new PostgresSearchEngine(database, 0);
  const memory = new BackendMemory(monitor, applicationName);
  const growth: { shops: number; privateMb: number }[] = [];
  const step = Math.max(1, Math.floor(shops.length / 10));
  const start = performance.now();
  try {
    for (const [i, shop] of shops.entries()) {
      await getStorefront(database, shop);
      await listCategories(database, shop);
      await search.search(shop, { sort: 'newest', page: 1, limit: 8, facets: false, countTotal: false });
      await getPublicProduct(database, shop, 'prd_bench1');
      if (i % 25 === 0 || i === shops.length - 1) await memory.sample();
      if ((i + 1) % step === 0) growth.push({ shops: i + 1, privateMb: memory.current() / 1024 });
    }
  } finally {
    await database.close();
  }
  return { ...memory.summary(), growth, msPerShop: (performance.now() - start) / shops.length };
}

await bench('many-tenants', async (t) => {
  const url = await appDatabase(t);
  // The set-up has its own pool, closed afterwards: its connections ran DDL in every schema.
  const setup = await connectDatabase(url, { max: SETUP_CONCURRENCY, applicationName: 'agora-bench-setup' });
  await migratePlatform(setup);
  console.log(`creating ${TENANTS} marketplaces (${SETUP_CONCURRENCY} at a time)...`);
  let shops: Shop[] = [];
  const setupMs = await time(async () => {
    shops = await createShops(setup, loadConfig({}).baseDomain, TENANTS);
  });
  await setup.close();
  console.log(`  done in ${fmt(setupMs / 1000)} s`);
  const rt = await runtime(t, url);
  // The second server: the same database, connections never recycled by schemas served.
  const unbounded = await runtime(
    t,
    url,
    { AGORA_DB_CONN_MAX_SCHEMAS: String(1_000_000_000) },
    'agora-bench-unbounded',
  );

  const listen = async (r: Runtime) => {
    const api = await buildApi(r);
    t.add(() => api.close());
    return {
      api,
      port: await new Promise<number>((resolve) => {
        const server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
          resolve(info.port),
        );
        t.add(() => new Promise((done) => server.close(done)));
      }),
    };
  };
  const bounded = await listen(rt);
  const open = await listen(unbounded);
  const one = shops[0] as Shop;
  const home = await bounded.api.app.request('/', { headers: { host: one.host } });
  const html = await home.text();
  if (home.status !== 200 || !html.includes('Impact driver 1'))
    throw new Error(
      `the storefront is not built or shows no products (status ${home.status}); run pnpm build`,
    );

  const monitor = new pg.Client({ connectionString: url, application_name: 'agora-bench-monitor' });
  await monitor.connect();
  t.add(() => monitor.end());

  // Backend memory, one connection serving every shop: never recycled, then recycled.
  const memoryRows: (string | number)[][] = [];
  for (const maxSchemas of [1_000_000_000, rt.config.dbConnMaxSchemas]) {
    const m = await backendMemory(url, shops.slice(0, MEMORY_SHOPS), maxSchemas, monitor);
    const label =
      maxSchemas === rt.config.dbConnMaxSchemas ? `recycled after ${maxSchemas} schemas` : 'never recycled';
    console.log(
      `\nbackend memory, ${label}: private MB after ${m.growth.map((g) => `${g.shops}: ${fmt(g.privateMb)}`).join(', ')} shops`,
    );
    memoryRows.push([label, m.backends, fmt(m.maxHwmMb), fmt(m.maxAnonMb), fmt(m.msPerShop, 2)]);
  }
  console.log();
  table([
    ['one connection, every shop in turn', 'backends', 'peak RSS MB', 'peak private MB', 'ms per shop'],
    ...memoryRows,
  ]);

  const loader: ChildProcess = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  t.add(() => loader.kill());
  const shuffled = shops.map((s) => ['/', s.host] as [string, string]).sort(() => Math.random() - 0.5);
  const drive = (port: number, random: boolean, durationMs: number) =>
    new Promise<Result>((resolve) => {
      loader.once('message', (r) => resolve(r as Result));
      loader.send({
        port,
        host: one.host,
        path: '/',
        paths: random ? shuffled : undefined,
        durationMs,
        concurrency: CONCURRENCY,
      } satisfies Round);
    });
  const rate = async (port: number, random: boolean) => {
    const r = await drive(port, random, SECONDS * 1000);
    if (r.failed) throw new Error(`${random ? 'random' : 'one'}: ${r.failed} failed requests`);
    return (r.ok * 1000) / r.ms;
  };

  // Memory: pids of each server's pool connections, sampled through pg_stat_activity.
  const boundedMemory = new BackendMemory(monitor, 'agora-bench');
  await drive(bounded.port, false, 2000);
  await drive(bounded.port, true, 2000);
  boundedMemory.start();
  const rounds: { random: number; one: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const m = { random: 0, one: 0 };
    for (const random of i % 2 === 0 ? [true, false] : [false, true]) {
      m[random ? 'random' : 'one'] = await rate(bounded.port, random);
    }
    rounds.push(m);
  }
  boundedMemory.stop();

  const openMemory = new BackendMemory(monitor, 'agora-bench-unbounded');
  await drive(open.port, true, 2000);
  openMemory.start();
  const openRates: number[] = [];
  for (let i = 0; i < Math.max(1, ROUNDS / 2); i++) openRates.push(await rate(open.port, true));
  openMemory.stop();

  console.log(
    `\nGET / of ${TENANTS} marketplaces in random order vs one marketplace's, ${CONCURRENCY} concurrent keep-alive ` +
      `connections, ${ROUNDS} rounds of ${SECONDS} s, pool max ${rt.config.dbPoolMax}, recycling after ` +
      `${rt.config.dbConnMaxSchemas} schemas\n`,
  );
  table([
    ['round', 'random req/s', 'one req/s', 'random/one'],
    ...rounds.map((r, i) => [String(i + 1), fmt(r.random, 0), fmt(r.one, 0), fmt(r.random / r.one, 2)]),
  ]);
  const b = boundedMemory.summary();
  const o = openMemory.summary();
  console.log();
  table([
    [
      'PostgreSQL backends of the API pool',
      'backends seen',
      'peak RSS MB',
      'peak private MB',
      'median private MB',
      'random req/s',
    ],
    [
      `recycled after ${rt.config.dbConnMaxSchemas} schemas`,
      String(b.backends),
      fmt(b.maxHwmMb),
      fmt(b.maxAnonMb),
      fmt(b.medianAnonMb),
      fmt(
        percentile(
          rounds.map((r) => r.random),
          50,
        ),
        0,
      ),
    ],
    [
      'never recycled by schemas',
      String(o.backends),
      fmt(o.maxHwmMb),
      fmt(o.maxAnonMb),
      fmt(o.medianAnonMb),
      fmt(percentile(openRates, 50), 0),
    ],
  ]);
  console.log('(peak RSS includes shared buffers the process touched; private = RssAnon, its own caches)\n');
  verdict(
    'random homes / one home (median)',
    percentile(
      rounds.map((r) => r.random / r.one),
      50,
    ),
    { min: 0.6 },
  );
});
