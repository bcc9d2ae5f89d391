import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  httpsGet,
  type Spawned,
  start,
  startCaddy,
  stop,
  waitForPort,
  which,
} from '@agora/testing/tls-proxy';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

// A real ACME issuance on loopback: Debian's `pebble` (an ACME CA for tests) issues the
// certificate Caddy asks for on the first handshake of a verified custom domain. Debian's
// `pebble-challtestsrv` is the one DNS server of the test: the platform verifies the domain
// against it (TXT set through its management API, A records by its default, 127.0.0.1), and
// Pebble resolves the domain through it to validate the challenge at Caddy's ports.

const READY = ['caddy', 'pebble', 'pebble-challtestsrv', 'openssl'].every((bin) => which(bin));
const SECRET = 'acme-ask-secret-0123456789';
const DOMAIN = 'shop.acme-issued.test';
const body = async (res: Response) => (await res.json()) as any;

describe.skipIf(!READY)(
  'a real ACME issuance (Pebble) for a verified custom domain (skipped without caddy, pebble, pebble-challtestsrv and openssl: apt-get install caddy pebble)',
  () => {
    let dir: string;
    let h: ApiHarness;
    let server: ServerType;
    let challtest: Spawned;
    let pebble: Spawned;
    let caddy: Awaited<ReturnType<typeof startCaddy>>;
    let httpsPort: number;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'agora-pebble-'));
      // Pebble serves its ACME API over HTTPS and ships no certificate.
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '2',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=DNS:localhost,IP:127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      const dnsPort = await freePort();
      const managementPort = await freePort();
      const acmePort = await freePort();
      const pebbleManagement = await freePort();
      const httpPort = await freePort();
      httpsPort = await freePort();
      challtest = start('pebble-challtestsrv', [
        '-dns01',
        `127.0.0.1:${dnsPort}`,
        '-management',
        `127.0.0.1:${managementPort}`,
        '-http01',
        '',
        '-https01',
        '',
        '-tlsalpn01',
        '',
        '-defaultIPv4',
        '127.0.0.1',
      ]);
      await waitForPort(managementPort, challtest);
      writeFileSync(
        join(dir, 'pebble.json'),
        JSON.stringify({
          pebble: {
            listenAddress: `127.0.0.1:${acmePort}`,
            managementListenAddress: `127.0.0.1:${pebbleManagement}`,
            certificate: join(dir, 'cert.pem'),
            privateKey: join(dir, 'key.pem'),
            httpPort,
            tlsPort: httpsPort,
            ocspResponderURL: '',
            externalAccountBindingRequired: false,
          },
        }),
      );
      pebble = start('pebble', ['-config', join(dir, 'pebble.json'), '-dnsserver', `127.0.0.1:${dnsPort}`], {
        PEBBLE_VA_NOSLEEP: '1',
        PEBBLE_WFE_NONCEREJECT: '0',
      });
      await waitForPort(acmePort, pebble);

      h = await createApiHarness({
        AGORA_DNS_SERVERS: `127.0.0.1:${dnsPort}`,
        AGORA_DOMAIN_TARGET: 'edge.acme-test.net',
        AGORA_DOMAIN_TARGET_ADDRESSES: '127.0.0.1',
        AGORA_TLS_ASK_SECRET: SECRET,
      });
      server = serve({ fetch: h.api.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((r) => server.once('listening', r));
      const apiPort = (server.address() as AddressInfo).port;

      const t = await h.activeTenant('acme-issued', 'Issued Market');
      const token = await userToken(h, t, 'owner');
      const host = `${t.slug}.localhost`;
      const added = await body(await h.call(host, '/api/v1/domains', { body: { domain: DOMAIN }, token }));
      const set = await fetch(`http://127.0.0.1:${managementPort}/set-txt`, {
        method: 'POST',
        body: JSON.stringify({ host: `_agora.${DOMAIN}.`, value: added.verificationToken }),
      });
      expect(set.status).toBe(200);
      const checked = await body(
        await h.call(host, `/api/v1/domains/${added.id}/check`, { method: 'POST', token }),
      );
      expect(checked, JSON.stringify(checked.lastResult)).toMatchObject({ status: 'verified' });

      caddy = await startCaddy({
        apiPort,
        askSecret: SECRET,
        httpPort,
        httpsPort,
        globalOptions: `acme_ca https://127.0.0.1:${acmePort}/dir\n\tacme_ca_root ${join(dir, 'cert.pem')}`,
        tls: 'tls {\n\t\ton_demand\n\t}',
      });
    }, 120_000);

    afterAll(async () => {
      await caddy?.close();
      await stop(pebble);
      await stop(challtest);
      server?.close();
      await h?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('Pebble issues the certificate on the first handshake, and the marketplace is served with it', async () => {
      const res = await httpsGet(httpsPort, DOMAIN, '/api/v1/storefront');
      const logs = () => `${caddy.child.output.join('')}\n${pebble.output.join('')}`;
      expect(res.ok, res.ok ? '' : `${res.error}\n${logs()}`).toBe(true);
      if (!res.ok) return;
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).name).toBe('Issued Market');
      expect(res.certificate.subjectaltname).toContain(`DNS:${DOMAIN}`);
      expect(String(res.certificate.issuer.CN), logs()).toMatch(/Pebble/);
    }, 60_000);

    it('an unverified name is refused before any ACME order', async () => {
      const res = await httpsGet(httpsPort, 'other.acme-issued.test', '/');
      expect(res.ok).toBe(false);
    }, 30_000);
  },
);
