import type { AddressInfo } from 'node:net';
import { startTestDnsServer, type TestDnsServer } from '@agora/testing/dns-server';
import { freePort, httpsGet, startCaddy, which } from '@agora/testing/tls-proxy';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

// A real Caddy (Debian's `caddy`, `tls internal` + `on_demand`) in front of the real platform on
// loopback: Caddy asks the platform before each certificate, so a verified custom domain gets one
// on its first handshake and is served with its marketplace; an unknown name, an unverified
// domain, and a suspended marketplace's domain get none. Clients connect to 127.0.0.1 with the
// name in SNI and Host (curl --resolve). `npm test` installs Caddy where it can (scripts/tls-tools.mjs).

const CADDY = which('caddy');
const TARGET = 'edge.caddy-test.net';
const SECRET = 'caddy-ask-secret-0123456789';
const body = async (res: Response) => (await res.json()) as any;

describe.skipIf(!CADDY)(
  'custom domains behind Caddy with on-demand TLS (skipped without a `caddy` binary: apt-get install caddy; npm test installs it as root on Debian)',
  () => {
    let h: ApiHarness;
    let dns: TestDnsServer;
    let server: ServerType;
    let caddy: Awaited<ReturnType<typeof startCaddy>>;
    let httpsPort: number;

    beforeAll(async () => {
      dns = await startTestDnsServer();
      h = await createApiHarness({
        AGORA_DNS_SERVERS: dns.address,
        AGORA_DOMAIN_TARGET: TARGET,
        AGORA_TLS_ASK_SECRET: SECRET,
      });
      server = serve({ fetch: h.api.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((r) => server.once('listening', r));
      const apiPort = (server.address() as AddressInfo).port;

      const verify = async (slug: string, domain: string) => {
        const t = await h.activeTenant(slug, `Market ${slug}`);
        const token = await userToken(h, t, 'owner');
        const host = `${slug}.localhost`;
        const added = await body(await h.call(host, '/api/v1/domains', { body: { domain }, token }));
        dns.set(`_agora.${domain}`, { txt: [added.verificationToken] });
        dns.set(domain, { cname: TARGET });
        const checked = await body(
          await h.call(host, `/api/v1/domains/${added.id}/check`, { method: 'POST', token }),
        );
        expect(checked.status).toBe('verified');
        return { t, token, host };
      };
      const alpha = await verify('tls-alpha', 'shop.tls-alpha.test');
      await h.call(alpha.host, '/api/v1/domains', {
        body: { domain: 'pending.tls-alpha.test' },
        token: alpha.token,
      });
      await verify('tls-beta', 'shop.tls-beta.test');
      const gone = await verify('tls-gone', 'shop.tls-gone.test');
      const suspended = await h.call(h.config.platformHost, `/platform/v1/tenants/${gone.t.id}/suspend`, {
        body: {},
        token: await h.staffToken(),
      });
      expect(suspended.status).toBe(200);

      httpsPort = await freePort();
      caddy = await startCaddy({ apiPort, askSecret: SECRET, httpPort: await freePort(), httpsPort });
    }, 120_000);

    afterAll(async () => {
      await caddy?.close();
      server?.close();
      await h?.close();
      await dns?.close();
    });

    it('a verified domain gets a certificate on its first handshake and its own storefront', async () => {
      // Caddy keeps the ask URL's `?secret=` and appends `&domain=`: were the secret dropped, the
      // platform would answer 404 and this handshake would fail.
      const res = await httpsGet(httpsPort, 'shop.tls-alpha.test', '/api/v1/storefront');
      expect(res.ok, res.ok ? '' : `${res.error}\n${caddy.child.output.join('')}`).toBe(true);
      if (!res.ok) return;
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).name).toBe('Market tls-alpha');
      expect(res.certificate.subjectaltname).toContain('DNS:shop.tls-alpha.test');
      // Another marketplace's domain, through the same proxy, is that marketplace.
      const beta = await httpsGet(httpsPort, 'shop.tls-beta.test', '/api/v1/storefront');
      expect(beta.ok && JSON.parse(beta.body).name).toBe('Market tls-beta');
    });

    it.each([
      ['an unknown name', 'unknown.example.org'],
      ['an unverified domain', 'pending.tls-alpha.test'],
      ["a suspended marketplace's verified domain", 'shop.tls-gone.test'],
    ])('%s gets no certificate', async (_, name) => {
      const res = await httpsGet(httpsPort, name, '/');
      expect(res.ok).toBe(false);
    });
  },
);
