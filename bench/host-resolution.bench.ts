import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createTenant, defaultHostname, lookupTenantByHost, runProvisioning } from '@agora/core';
import type { ApiDeps, AppEnv, TenantEnv } from '@agora/platform-api/context';
import { onError } from '@agora/platform-api/middleware/errors';
import { resolveSurface, TenantResolver } from '@agora/platform-api/middleware/resolve-tenant';
import { tenantOnly } from '@agora/platform-api/middleware/surface-guards';
import { PublicCache } from '@agora/platform-api/public-cache';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { appDatabase, bench, envInt, fmt, percentile, runtime, table, verdict } from './lib.js';
import type { Result, Round } from './load.js';

/**
 * Throughput of a trivial tenant API route with the real host resolution (resolveSurface and
 * the tenant guard, cache in front of the database) against the same route without it.
 */
const SECONDS = envInt('BENCH_SECONDS', 3);
const ROUNDS = envInt('BENCH_ROUNDS', 10);
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 32);
const PATH = '/api/v1/ping';

function makeApp(deps: ApiDeps, resolveHost: boolean) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  if (resolveHost) app.use('*', resolveSurface);
  const api = new Hono<TenantEnv>();
  if (resolveHost) api.use('*', tenantOnly);
  api.get('/ping', (c) => c.json({ ok: true }));
  app.route('/api/v1', api);
  return app;
}

await bench('host-resolution', async (t) => {
  const rt = await runtime(t, await appDatabase(t));
  const tenant = await createTenant(
    rt,
    { name: 'Bench shop', slug: 'bench', ownerEmail: 'owner@bench.test' },
    { type: 'system', id: 'bench' },
  );
  await runProvisioning(rt, tenant.id, { finalAttempt: true });
  const host = defaultHostname(tenant.slug, rt.config.baseDomain);

  let lookups = 0;
  const resolver = new TenantResolver((h) => {
    lookups++;
    return lookupTenantByHost(rt.database, h);
  }, rt.config.tenantCacheTtlMs);
  const deps: ApiDeps = { ...rt, resolver, publicCache: new PublicCache(rt.config.tenantCacheTtlMs) };

  const listen = (app: ReturnType<typeof makeApp>) =>
    new Promise<number>((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(info.port),
      );
      t.add(() => new Promise((done) => server.close(done)));
    });
  const ports = { A: await listen(makeApp(deps, true)), B: await listen(makeApp(deps, false)) };

  const loader: ChildProcess = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  t.add(() => loader.kill());
  const drive = (variant: 'A' | 'B', durationMs: number, requestHost = host) =>
    new Promise<Result>((resolve) => {
      loader.once('message', (r) => resolve(r as Result));
      const round: Round = {
        port: ports[variant],
        host: requestHost,
        path: PATH,
        durationMs,
        concurrency: CONCURRENCY,
      };
      loader.send(round);
    });

  // The middleware is really there: an unknown host is refused by A only.
  const unknown = await drive('A', 200, 'nobody.localhost');
  if (unknown.ok !== 0 || unknown.failed === 0) throw new Error('variant A served an unknown host');

  await drive('A', 2000);
  await drive('B', 2000);
  lookups = 0;
  type Measured = { rate: number; cpuPerReq: number; clientCpu: number };
  const measure = async (variant: 'A' | 'B'): Promise<Measured> => {
    const cpu = process.cpuUsage();
    const r = await drive(variant, SECONDS * 1000);
    const used = process.cpuUsage(cpu);
    if (r.failed) throw new Error(`${variant}: ${r.failed} failed requests`);
    return {
      rate: (r.ok * 1000) / r.ms,
      cpuPerReq: (used.user + used.system) / r.ok,
      clientCpu: (100 * r.cpu) / r.ms,
    };
  };
  // Other load on the machine comes and goes: compare A and B within each round (run back to
  // back, order alternating) and take the median over rounds.
  const rounds: { A: Measured; B: Measured }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const m: Partial<Record<'A' | 'B', Measured>> = {};
    for (const variant of round % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      m[variant] = await measure(variant);
    }
    rounds.push({ A: m.A!, B: m.B! });
  }
  const median = (f: (r: (typeof rounds)[number]) => number) => percentile(rounds.map(f), 50);

  console.log(`\nGET ${PATH} with Host: ${host}, ${CONCURRENCY} concurrent keep-alive connections`);
  console.log(`${ROUNDS} rounds of ${SECONDS} s per variant; CPU: server µs/request, load generator %\n`);
  table([
    ['round', 'A req/s', 'B req/s', 'A/B', 'A cpu', 'B cpu', 'client %'],
    ...rounds.map((r, i) => [
      `${i + 1}${i % 2 === 0 ? ' (A first)' : ' (B first)'}`,
      fmt(r.A.rate, 0),
      fmt(r.B.rate, 0),
      fmt(r.A.rate / r.B.rate, 2),
      fmt(r.A.cpuPerReq),
      fmt(r.B.cpuPerReq),
      `${fmt(r.A.clientCpu, 0)}/${fmt(r.B.clientCpu, 0)}`,
    ]),
  ]);
  console.log();
  table([
    ['median', 'req/s', 'server CPU µs/req'],
    [
      'A  host resolution + tenant guard',
      fmt(
        median((r) => r.A.rate),
        0,
      ),
      fmt(median((r) => r.A.cpuPerReq)),
    ],
    [
      'B  handler only',
      fmt(
        median((r) => r.B.rate),
        0,
      ),
      fmt(median((r) => r.B.cpuPerReq)),
    ],
  ]);
  console.log(
    `\ndatabase lookups during measured A rounds: ${lookups} (cache TTL ${rt.config.tenantCacheTtlMs} ms)\n`,
  );
  verdict(
    'server CPU/request B/A',
    median((r) => r.B.cpuPerReq / r.A.cpuPerReq),
    { min: 0.9 },
  );
  verdict(
    'ratio A/B (median)',
    median((r) => r.A.rate / r.B.rate),
    { min: 0.9 },
  );
});
