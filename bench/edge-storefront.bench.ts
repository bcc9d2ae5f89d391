import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildApi } from '@agora/platform-api';
import { serve } from '@hono/node-server';
import { Miniflare } from 'miniflare';
import { benchMarketplace } from './bench-catalog.js';
import { bench, envInt, fmt, percentile, table, verdict } from './lib.js';
import type { Result, Round } from './load.js';

/**
 * The same storefront page rendered in the same run by Node (the origin, in process with its API)
 * and by workerd (the built Worker under Miniflare, reading the origin's API over HTTP), the latter
 * with its edge cache off (every request rendered) and on (anonymous page hits). One origin, one
 * database. Goal (issue 14): an edge cache hit at least 5x the Node render.
 * Needs the built storefront and its Worker (`pnpm build`). BENCH_PRODUCTS defaults to 5,000 here.
 */
const SECONDS = envInt('BENCH_SECONDS', 4);
const ROUNDS = envInt('BENCH_ROUNDS', 4);
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 16);
const PAGE = process.env.BENCH_PAGE ?? '/';
process.env.BENCH_PRODUCTS ??= '5000';
process.env.BENCH_VENDORS ??= '100';

const BUILD = fileURLToPath(new URL('../storefront/build/', import.meta.url));
const SECRET = 'bench-edge-secret-0123456789abcdef0123';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

await bench('edge-storefront', async (t) => {
  if (!existsSync(`${BUILD}worker/index.js`)) throw new Error('the Worker is not built: run pnpm build');
  const originPort = await freePort();
  const edge = async (cache: boolean) => {
    const mf = new Miniflare({
      modulesRoot: BUILD,
      modules: [
        { type: 'ESModule', path: `${BUILD}worker/index.js` },
        { type: 'ESModule', path: `${BUILD}server/index.js` },
      ],
      compatibilityDate: '2025-09-01',
      bindings: {
        ORIGIN_URL: `http://127.0.0.1:${originPort}`,
        AGORA_EDGE_SECRET: SECRET,
        ...(cache ? {} : { EDGE_CACHE: 'off' }),
      },
      host: '127.0.0.1',
      port: 0,
    });
    const url = await mf.ready;
    t.add(() => mf.dispose());
    return { mf, port: Number(url.port) };
  };
  const cached = await edge(true);
  const uncached = await edge(false);
  const { rt, host } = await benchMarketplace(t, {
    AGORA_EDGE_SECRET: SECRET,
    // The origin's purge reaches the edge (and makes its pages shareable at all, ADR 0016).
    AGORA_CDN_PURGE_URL: `http://127.0.0.1:${cached.port}/__agora/purge/{key}`,
    AGORA_CDN_PURGE_HEADERS: JSON.stringify({ 'x-agora-edge-secret': SECRET }),
  });
  const api = await buildApi(rt);
  t.add(() => api.close());
  await new Promise<void>((resolve) => {
    const server = serve({ fetch: api.app.fetch, port: originPort, hostname: '127.0.0.1' }, () => resolve());
    t.add(() => new Promise((done) => server.close(done)));
  });

  const node = await api.app.request(PAGE, { headers: { host } });
  const nodeHtml = await node.text();
  const edgeRes = await cached.mf.dispatchFetch(`http://${host}${PAGE}`);
  const edgeHtml = await edgeRes.text();
  if (node.status !== 200 || !nodeHtml.includes('Bench Market'))
    throw new Error(`origin page: ${node.status}`);
  if (edgeHtml !== nodeHtml) throw new Error('the edge rendered another page than Node');

  const loader: ChildProcess = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  t.add(() => loader.kill());
  const drive = (port: number, durationMs: number) =>
    new Promise<Result>((resolve) => {
      loader.once('message', (r) => resolve(r as Result));
      loader.send({ port, host, path: PAGE, durationMs, concurrency: CONCURRENCY } satisfies Round);
    });
  const rate = async (port: number) => {
    const r = await drive(port, SECONDS * 1000);
    if (r.failed) throw new Error(`port ${port}: ${r.failed} failed requests`);
    return (r.ok * 1000) / r.ms;
  };
  for (const port of [originPort, uncached.port, cached.port]) await drive(port, 1500);

  const rounds: { node: number; edge: number; hit: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 === 0 ? (['node', 'edge', 'hit'] as const) : (['hit', 'edge', 'node'] as const);
    const m = { node: 0, edge: 0, hit: 0 };
    for (const k of order)
      m[k] = await rate(k === 'node' ? originPort : k === 'edge' ? uncached.port : cached.port);
    rounds.push(m);
  }
  console.log(
    `\nGET ${PAGE} with Host: ${host}, ${CONCURRENCY} concurrent keep-alive connections, ${ROUNDS} rounds of ${SECONDS} s\n`,
  );
  table([
    ['round', 'Node req/s', 'workerd, no cache req/s', 'workerd, cache hit req/s', 'edge/Node', 'hit/Node'],
    ...rounds.map((r, i) => [
      String(i + 1),
      fmt(r.node, 0),
      fmt(r.edge, 0),
      fmt(r.hit, 0),
      fmt(r.edge / r.node, 2),
      fmt(r.hit / r.node, 2),
    ]),
  ]);
  console.log();
  console.log(
    `workerd render (no cache) / Node render (median of rounds): ${fmt(
      percentile(
        rounds.map((r) => r.edge / r.node),
        50,
      ),
      2,
    )}`,
  );
  verdict(
    'edge cache hit / Node render (median of rounds)',
    percentile(
      rounds.map((r) => r.hit / r.node),
      50,
    ),
    { min: 5 },
  );
});
