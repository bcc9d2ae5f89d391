import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withTenant } from '@agora/db';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hitFixedWindow, rateLimitKey } from '../src/middleware/rate-limit.js';
import { type ApiHarness, createApiHarness } from './harness.js';
import { applicationForm, fromAddress } from './vendor-helpers.js';

// Public vendor applications: at most 5 per client address per hour in each marketplace (the
// default config), counted in the real Redis under this test file's own key prefix.
let h: ApiHarness;
let dataDir: string;
type T = { id: string; schemaName: string; slug: string };
let a: T;
let b: T;
const A = 'rl-a.localhost';
const B = 'rl-b.localhost';

let n = 0;
const email = () => `applicant-${++n}@rate.example`;
const body = async (res: Response) => (await res.json()) as any;

/** An application as the Node server would receive it from `address`. */
const apply = (host: string, address: string, form = applicationForm(email())) =>
  Promise.resolve(
    h.api.app.request(
      '/api/v1/vendor-applications',
      { method: 'POST', headers: { host }, body: form },
      fromAddress(address),
    ),
  );

const stored = (tenant: T) =>
  withTenant(h.runtime.database, tenant, async ({ db, t }) => ({
    vendors: (await db.select({ id: t.vendors.id }).from(t.vendors)).length,
    documents: (await db.select({ id: t.vendorDocuments.id }).from(t.vendorDocuments)).length,
    users: (await db.select({ id: t.users.id }).from(t.users)).length,
    outbox: (await db.select({ id: t.outbox.id }).from(t.outbox)).length,
  }));

function storedFiles(tenant: T): number {
  const dir = join(dataDir, 'files', 'objects', 'tenants', tenant.id);
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'agora-rate-'));
  h = await createApiHarness({ AGORA_DATA_DIR: dataDir });
  a = await h.activeTenant('rl-a', 'Alpha Market');
  b = await h.activeTenant('rl-b', 'Beta Market');
});
afterAll(async () => {
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('vendor application rate limit', () => {
  it('takes 5 applications from one address, answers the 6th with 429 and Retry-After, and stores nothing for it', async () => {
    for (let i = 0; i < 5; i++) expect((await apply(A, '203.0.113.10')).status).toBe(201);
    const before = await stored(a);
    const filesBefore = storedFiles(a);

    const refused = await apply(A, '203.0.113.10');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await body(refused)).toEqual({
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(
          /^Too many applications from your network address; try again in about/,
        ),
        details: { retryAfterSeconds: retryAfter },
      },
    });
    expect(await stored(a)).toEqual(before);
    expect(storedFiles(a)).toBe(filesBefore);
    // Still refused: a refused request is not a reason to let the next one through.
    expect((await apply(A, '203.0.113.10')).status).toBe(429);
  });

  it('counts each address and each marketplace on its own', async () => {
    for (let i = 0; i < 6; i++) await apply(A, '203.0.113.20');
    expect((await apply(A, '203.0.113.20')).status).toBe(429);
    expect((await apply(A, '203.0.113.21')).status).toBe(201);
    // The same address in another marketplace has its full budget.
    for (let i = 0; i < 5; i++) expect((await apply(B, '203.0.113.20')).status).toBe(201);
    expect((await apply(B, '203.0.113.20')).status).toBe(429);
  });

  it('keys the counters per marketplace under the configured prefix', async () => {
    await apply(A, '203.0.113.25');
    const key = rateLimitKey(h.config.queuePrefix, 'vendor-applications', `tenant:${a.id}`, '203.0.113.25');
    expect(await h.runtime.redis.get(key)).toBe('1');
    expect(
      await h.runtime.redis.exists(
        rateLimitKey(h.config.queuePrefix, 'vendor-applications', `tenant:${b.id}`, '203.0.113.25'),
      ),
    ).toBe(0);
  });

  it('does not count applications refused as invalid, so fixing the form is never blocked', async () => {
    for (let i = 0; i < 7; i++) {
      const res = await apply(A, '203.0.113.30', applicationForm(email(), { country: 'XX' }));
      expect(res.status).toBe(400);
    }
    for (let i = 0; i < 5; i++) expect((await apply(A, '203.0.113.30')).status).toBe(201);
    expect((await apply(A, '203.0.113.30')).status).toBe(429);
  });

  it('counts an application for an address that already has an account (no fast probing)', async () => {
    const taken = email();
    expect((await apply(A, '203.0.113.40', applicationForm(taken))).status).toBe(201);
    for (let i = 0; i < 4; i++)
      expect((await apply(A, '203.0.113.40', applicationForm(taken))).status).toBe(409);
    expect((await apply(A, '203.0.113.40', applicationForm(taken))).status).toBe(429);
  });

  it('treats the addresses of one IPv6 /64 as one client, and IPv4-mapped IPv6 as IPv4', async () => {
    for (let i = 0; i < 5; i++) expect((await apply(A, `2001:db8:1:2::${i + 1}`)).status).toBe(201);
    expect((await apply(A, '2001:db8:1:2:ffff:1:2:3')).status).toBe(429);
    expect((await apply(A, '2001:db8:1:3::1')).status).toBe(201);
    for (let i = 0; i < 5; i++) await apply(A, '203.0.113.50');
    expect((await apply(A, '::ffff:203.0.113.50')).status).toBe(429);
  });

  it('is documented in the OpenAPI document as a 429 with Retry-After', async () => {
    const doc = await body(await h.call(A, '/api/v1/openapi.json'));
    const limited = doc.paths['/vendor-applications'].post.responses['429'];
    expect(limited.headers['Retry-After'].schema).toMatchObject({ type: 'integer' });
    expect(limited.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
  });
});

describe('fixed window in Redis', () => {
  it('counts hits in a window and starts again when it ends', async () => {
    const key = `${h.config.queuePrefix}:rate:test-window`;
    expect(await hitFixedWindow(h.runtime.redis, key, 300)).toMatchObject({ count: 1 });
    const second = await hitFixedWindow(h.runtime.redis, key, 300);
    expect(second.count).toBe(2);
    expect(second.resetMs).toBeGreaterThan(0);
    expect(second.resetMs).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, 350));
    expect(await hitFixedWindow(h.runtime.redis, key, 300)).toMatchObject({ count: 1 });
  });
});

describe('through the Node server', () => {
  /** A multipart POST over a real socket from 127.0.0.1, with the tenant's Host header. */
  async function post(port: number, path: string, form: FormData) {
    const encoded = new Request('http://x/', { method: 'POST', body: form });
    const bytes = Buffer.from(await encoded.arrayBuffer());
    return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
      (resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path,
            method: 'POST',
            headers: {
              host: A,
              'content-type': encoded.headers.get('content-type') ?? '',
              'content-length': bytes.byteLength,
            },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d) => {
              text += d;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
          },
        );
        req.on('error', reject);
        req.end(bytes);
      },
    );
  }

  // Needs the built storefront (`pnpm build`), like the other storefront page tests.
  it('limits by the socket address, also for applications sent through the storefront /sell page', async () => {
    const server = serve({ fetch: h.api.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const sell = (form: FormData) => post(port, '/sell', form);
    try {
      for (let i = 0; i < 4; i++)
        expect((await post(port, '/api/v1/vendor-applications', applicationForm(email()))).status).toBe(201);
      // The page calls the API in process; the API still sees the browser's address, so this is
      // the fifth application from 127.0.0.1.
      const fifth = await sell(applicationForm(email()));
      expect(fifth.status).toBe(200);
      expect(fifth.text).toContain('Application received');
      const key = rateLimitKey(h.config.queuePrefix, 'vendor-applications', `tenant:${a.id}`, '127.0.0.1');
      expect(await h.runtime.redis.get(key)).toBe('5');

      const refused = await post(port, '/api/v1/vendor-applications', applicationForm(email()));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      const page = await sell(applicationForm(email()));
      expect(page.text).toContain('Too many applications from your network address; try again in about');
      expect(page.text).not.toContain('Application received');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('behind a trusted reverse proxy (AGORA_TRUSTED_PROXY_HOPS=1)', () => {
  let proxied: ApiHarness;
  let dir: string;
  const P = 'rl-proxy.localhost';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agora-rate-proxy-'));
    proxied = await createApiHarness({ AGORA_DATA_DIR: dir, AGORA_TRUSTED_PROXY_HOPS: '1' });
    await proxied.activeTenant('rl-proxy', 'Proxied Market');
  });
  afterAll(async () => {
    await proxied?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every request arrives from the proxy's socket, 10.0.0.2, with the client in X-Forwarded-For. */
  const viaProxy = (path: string, client: string, form: FormData) =>
    Promise.resolve(
      proxied.api.app.request(
        path,
        { method: 'POST', headers: { host: P, 'x-forwarded-for': client }, body: form },
        fromAddress('10.0.0.2'),
      ),
    );

  // Needs the built storefront (`pnpm build`), like the other storefront page tests.
  it('counts each client on its own, also through the storefront /sell page, and a spoofed header changes nothing', async () => {
    for (let i = 0; i < 4; i++)
      expect(
        (await viaProxy('/api/v1/vendor-applications', '203.0.113.7', applicationForm(email()))).status,
      ).toBe(201);
    // The page's in-process API call carries the page request's X-Forwarded-For: fifth from .7.
    const page = await viaProxy('/sell', '203.0.113.7', applicationForm(email()));
    expect(await page.text()).toContain('Application received');
    // A client writing its own X-Forwarded-For entry: the proxy appends the real address last.
    const spoofed = await viaProxy(
      '/api/v1/vendor-applications',
      '192.0.2.1, 203.0.113.7',
      applicationForm(email()),
    );
    expect(spoofed.status).toBe(429);
    // Another client behind the same proxy still has its own budget.
    expect(
      (await viaProxy('/api/v1/vendor-applications', '203.0.113.8', applicationForm(email()))).status,
    ).toBe(201);
  });
});
