import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { signToken, tenantAudience } from '@agora/core';
import { buildApi } from '@agora/platform-api';
import { serve } from '@hono/node-server';
import { commerceMarketplace, fillCart } from './commerce-fixture.js';
import { bench, buildBenchStorefront, envInt, fmt, table, verdict } from './lib.js';
import type { Result, Round } from './load.js';

/**
 * The cart page (signed-in buyer: session read, the cart priced now at its tiers, grouped by
 * vendor, flags and next-tier hints; 5 lines of 2 vendors) against the storefront's bare route
 * (static text, anonymous as in storefront.bench.ts), same server, 16 connections. Builds the storefront with `/bare` itself
 * (storefront/build-bench). Goal: cart page >= 0.4 of the bare route.
 */
const SECONDS = envInt('BENCH_SECONDS', 5);
const ROUNDS = envInt('BENCH_ROUNDS', 6);
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 16);

await bench('cart-page', async (t) => {
  const { rt, tenant, host, members } = await commerceMarketplace(t, 1);
  const buyer = members[0] as (typeof members)[number];
  await fillCart(rt, tenant, buyer.userId);
  const token = await signToken(rt.config.jwtKeys, {
    sub: buyer.userId,
    aud: tenantAudience(tenant.id),
    role: 'buyer_member',
    sv: 0,
  });
  const cookie = `__Host-agora_session=${token}`;
  const api = await buildApi(rt, { storefront: buildBenchStorefront() });
  t.add(() => api.close());
  const port = await new Promise<number>((resolve) => {
    const server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(info.port),
    );
    t.add(() => new Promise((done) => server.close(done)));
  });

  const page = await api.app.request('/cart', { headers: { host, cookie } });
  const html = await page.text();
  if (page.status !== 200 || (html.match(/data-testid="cart-line"/g) ?? []).length !== 5)
    throw new Error(`the cart page does not show the 5 lines (status ${page.status})`);

  const loader: ChildProcess = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  t.add(() => loader.kill());
  const drive = (path: string, durationMs: number) =>
    new Promise<Result>((resolve) => {
      loader.once('message', (r) => resolve(r as Result));
      loader.send({
        port,
        host,
        path,
        durationMs,
        concurrency: CONCURRENCY,
        headers: { cookie },
      } satisfies Round);
    });
  const rate = async (path: string) => {
    const r = await drive(path, SECONDS * 1000);
    if (r.failed) throw new Error(`${path}: ${r.failed} failed requests`);
    return (r.ok * 1000) / r.ms;
  };
  await drive('/cart', 2000);
  await drive('/bare', 2000);
  const rounds: { cart: number; bare: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const r = { cart: 0, bare: 0 };
    if (i % 2 === 0) {
      r.cart = await rate('/cart');
      r.bare = await rate('/bare');
    } else {
      r.bare = await rate('/bare');
      r.cart = await rate('/cart');
    }
    rounds.push(r);
  }
  table([
    ['round', 'cart req/s', 'bare req/s', 'ratio'],
    ...rounds.map((r, i) => [i + 1, fmt(r.cart), fmt(r.bare), fmt(r.cart / r.bare, 2)]),
  ]);
  const cart = rounds.reduce((s, r) => s + r.cart, 0) / rounds.length;
  const bare = rounds.reduce((s, r) => s + r.bare, 0) / rounds.length;
  console.log(`\ncart page ${fmt(cart)} req/s, bare route ${fmt(bare)} req/s, ${CONCURRENCY} connections`);
  verdict('cart page / bare route', cart / bare, { min: 0.4 });
});
