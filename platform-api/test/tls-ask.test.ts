import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { isInternalAddress } from '../src/routes/tls.js';
import { type ApiHarness, createApiHarness } from './harness.js';

let h: ApiHarness;
const SECRET = 'ask-secret-0123456789abcdef';

beforeAll(async () => {
  h = await createApiHarness();
  await h.activeTenant('tls-ok');
  const paused = await h.activeTenant('tls-paused');
  const res = await h.call(h.config.platformHost, `/platform/v1/tenants/${paused.id}/suspend`, {
    method: 'POST',
    token: await h.staffToken(),
  });
  expect(res.status).toBe(200);
});
afterAll(() => h?.close());

/** Bindings of a request whose socket comes from `address`. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

function ask(
  domain: string,
  opts: { host?: string; address?: string; headers?: Record<string, string>; query?: string } = {},
  app = h.api.app,
) {
  const path = `/internal/tls-allowed?domain=${encodeURIComponent(domain)}${opts.query ?? ''}`;
  return Promise.resolve(
    app.request(
      path,
      { headers: { host: opts.host ?? 'api:3000', ...opts.headers } },
      from(opts.address ?? '172.18.0.5'),
    ),
  );
}

describe('the TLS ask endpoint, called by the proxy', () => {
  it('allows the platform host and hosts of active marketplaces only', async () => {
    expect((await ask('tls-ok.localhost')).status).toBe(200);
    expect((await ask('TLS-OK.localhost.')).status).toBe(200);
    expect((await ask('platform.localhost')).status).toBe(200);
    expect((await ask('evil.example.com')).status).toBe(404);
    expect((await ask('')).status).toBe(404);
  });

  it('refuses hosts of a suspended marketplace', async () => {
    expect((await ask('tls-paused.localhost')).status).toBe(404);
  });

  it('answers a loopback caller too', async () => {
    expect((await ask('tls-ok.localhost', { address: '127.0.0.1' })).status).toBe(200);
    expect((await ask('tls-ok.localhost', { address: '::1' })).status).toBe(200);
  });
});

describe('the TLS ask endpoint, called by anyone else', () => {
  it('is a 404 from a public address, even for a known host', async () => {
    const res = await ask('tls-ok.localhost', { address: '203.0.113.7' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('is a 404 for a request that came through the proxy (X-Forwarded-For)', async () => {
    const res = await ask('tls-ok.localhost', { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(res.status).toBe(404);
  });

  it("is a 404 on a marketplace's own host, even from inside", async () => {
    expect((await ask('tls-ok.localhost', { host: 'tls-ok.localhost' })).status).toBe(404);
    expect((await ask('platform.localhost', { host: 'tls-ok.localhost', address: '127.0.0.1' })).status).toBe(
      404,
    );
  });
});

describe('the TLS ask endpoint with AGORA_TLS_ASK_SECRET', () => {
  const withSecret = () =>
    createApp({
      ...h.runtime,
      config: { ...h.config, tlsAskSecret: SECRET },
      resolver: h.api.resolver,
      publicCache: h.api.publicCache,
    });

  it('answers only requests carrying the secret, wherever they come from', async () => {
    const app = withSecret();
    expect((await ask('tls-ok.localhost', { query: `&secret=${SECRET}` }, app)).status).toBe(200);
    expect(
      (await ask('tls-ok.localhost', { query: `&secret=${SECRET}`, address: '203.0.113.7' }, app)).status,
    ).toBe(200);
    expect((await ask('tls-ok.localhost', {}, app)).status).toBe(404);
    expect((await ask('tls-ok.localhost', { address: '127.0.0.1' }, app)).status).toBe(404);
    expect((await ask('tls-ok.localhost', { query: '&secret=wrong' }, app)).status).toBe(404);
    expect((await ask('tls-paused.localhost', { query: `&secret=${SECRET}` }, app)).status).toBe(404);
  });
});

describe('isInternalAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['::ffff:127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.1.1', true],
    ['::1', true],
    ['fd12:3456::1', true],
    ['172.32.0.1', false],
    ['8.8.8.8', false],
    ['::ffff:8.8.8.8', false],
    ['2001:db8::1', false],
    ['fd::1', false],
  ])('%s -> %s', (address, internal) => {
    expect(isInternalAddress(address)).toBe(internal);
  });
});
