import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildApi } from '@agora/platform-api';
import { serve } from '@hono/node-server';
import { benchMarketplace } from './bench-catalog.js';
import { bench, buildBenchStorefront, envInt, fmt, percentile, runtime, table, verdict } from './lib.js';
import type { Result, Round } from './load.js';

/**
 * Storefront home page and search page (server-rendered, themed, data through the typed API
 * client over the app's in-process fetch, over the search benchmark's catalog) against a bare Remix route
 * rendering static text, same server.
 * The search page is measured twice: as configured (the PostgreSQL engine's result cache on, so a
 * repeated search costs a catalog version check, ADR 0020) and on a second server over the same
 * database with the cache off (every page runs its search), which is what a search nobody made
 * before costs.
 * Needs the built console (`pnpm build`); builds the storefront with its `/bare` route itself
 * (`build:bench`, into storefront/build-bench).
 */
const SECONDS = envInt('BENCH_SECONDS', 5);
const ROUNDS = envInt('BENCH_ROUNDS', 6);
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 16);

await bench('storefront', async (t) => {
  // The deterministic catalog of the search benchmark (100,000 products by default).
  const { rt, host } = await benchMarketplace(t);
  const storefront = buildBenchStorefront();
  const listen = async (runtimeOfServer: typeof rt) => {
    const api = await buildApi(runtimeOfServer, { storefront });
    t.add(() => api.close());
    const port = await new Promise<number>((resolve) => {
      const server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(info.port),
      );
      t.add(() => new Promise((done) => server.close(done)));
    });
    return { api, port };
  };
  const { api, port } = await listen(rt);
  const uncached = await listen(
    await runtime(t, rt.config.databaseUrl as string, { AGORA_SEARCH_CACHE_MB: '0' }),
  );

  const home = await api.app.request('/', { headers: { host } });
  const html = await home.text();
  if (home.status !== 200 || !html.includes('Bench Market') || !html.includes('--color-primary')) {
    throw new Error(`the storefront is not built or not themed (status ${home.status}); run pnpm build`);
  }

  const loader: ChildProcess = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  t.add(() => loader.kill());
  const drive = (path: string, durationMs: number, serverPort = port) =>
    new Promise<Result>((resolve) => {
      loader.once('message', (r) => resolve(r as Result));
      loader.send({ port: serverPort, host, path, durationMs, concurrency: CONCURRENCY } satisfies Round);
    });

  const SEARCH = '/search?q=hydraulic+pump';
  const searchPage = await api.app.request(SEARCH, { headers: { host } });
  if (searchPage.status !== 200 || !(await searchPage.text()).includes('product-card'))
    throw new Error('the search page found nothing');
  await drive('/', 2000);
  await drive(SEARCH, 2000);
  await drive(SEARCH, 2000, uncached.port);
  await drive('/bare', 2000);
  const rate = async (path: string, serverPort = port) => {
    const r = await drive(path, SECONDS * 1000, serverPort);
    if (r.failed) throw new Error(`${path}: ${r.failed} failed requests`);
    return (r.ok * 1000) / r.ms;
  };
  const rounds: { home: number; search: number; uncached: number; bare: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 === 0 ? ['/', SEARCH, 'uncached', '/bare'] : ['/bare', 'uncached', SEARCH, '/'];
    const m: Record<string, number> = {};
    for (const path of order)
      m[path] = path === 'uncached' ? await rate(SEARCH, uncached.port) : await rate(path);
    rounds.push({
      home: m['/'] ?? 0,
      search: m[SEARCH] ?? 0,
      uncached: m.uncached ?? 0,
      bare: m['/bare'] ?? 0,
    });
  }
  console.log(
    `\nGET / and GET /bare with Host: ${host}, ${CONCURRENCY} concurrent keep-alive connections, ${ROUNDS} rounds of ${SECONDS} s\n`,
  );
  table([
    [
      'round',
      'home req/s',
      'search req/s',
      'search, cache off',
      'bare req/s',
      'home/bare',
      'search/bare',
      'cache off/bare',
    ],
    ...rounds.map((r, i) => [
      String(i + 1),
      fmt(r.home, 0),
      fmt(r.search, 0),
      fmt(r.uncached, 0),
      fmt(r.bare, 0),
      fmt(r.home / r.bare, 2),
      fmt(r.search / r.bare, 2),
      fmt(r.uncached / r.bare, 2),
    ]),
  ]);
  const ratio = percentile(
    rounds.map((r) => r.home / r.bare),
    50,
  );
  const searchRatio = percentile(
    rounds.map((r) => r.search / r.bare),
    50,
  );
  const uncachedRatio = percentile(
    rounds.map((r) => r.uncached / r.bare),
    50,
  );
  console.log();
  verdict('storefront home / bare Remix route (median of rounds)', ratio, { min: 0.5 });
  verdict('search page / bare Remix route (median of rounds)', searchRatio, { min: 0.3 });
  console.log(
    `search page with the search cache off / bare Remix route (median of rounds): ${fmt(uncachedRatio, 2)}`,
  );
});
