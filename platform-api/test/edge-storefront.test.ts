import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTenantUser, tenantSurrogateKey } from '@agora/core';
import { platformTables } from '@agora/db';
import { insertCatalog } from '@agora/testing';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, httpGet, SERVER_BUILD_FILE, startEdge, WORKER_FILE } from './edge-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

// The storefront rendered at the edge: the built Worker (storefront/build/worker, made by the
// storefront's build) under Miniflare's workerd, reading from the real origin started here over
// HTTP (docs/decisions/0040-edge-rendered-storefront.md). The origin's CDN purge points at the
// Worker's purge endpoint, as in the Workers deployment (docs/deploy/edge-storefront.md).

const SECRET = randomBytes(24).toString('hex');
const A = 'edge-a.localhost';
const B = 'edge-b.localhost';
const PASSWORD = 'edge-password-1';

let h: ApiHarness;
let edge: Awaited<ReturnType<typeof startEdge>>;
let origin: ServerType;
let originPort: number;
let a: { id: string; schemaName: string; slug: string };
let b: { id: string; schemaName: string; slug: string };
const tokens: Record<string, string> = {};
let categorySlug = '';

const atEdge = async (host: string, path: string, headers: Record<string, string> = {}) => {
  const res = await edge.mf.dispatchFetch(`http://${host}${path}`, {
    headers: { accept: 'text/html', ...headers },
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
};
const atOrigin = (host: string, path: string, headers: Record<string, string> = {}) =>
  httpGet(originPort, host, path, headers);
const theme = (html: string) => /<style id="theme">([^<]*)<\/style>/.exec(html)?.[1];

beforeAll(async () => {
  if (!existsSync(WORKER_FILE))
    throw new Error('The Worker is not built: run `pnpm --filter @agora/storefront build` before this test.');
  originPort = await freePort();
  edge = await startEdge({ ORIGIN_URL: `http://127.0.0.1:${originPort}`, AGORA_EDGE_SECRET: SECRET });
  h = await createApiHarness({
    AGORA_EDGE_SECRET: SECRET,
    // The origin's CDN purge (ADR 0016) reaches the edge through the Worker's purge endpoint.
    AGORA_CDN_PURGE_URL: `${edge.url.origin}/__agora/purge/{key}`,
    AGORA_CDN_PURGE_HEADERS: JSON.stringify({ 'x-agora-edge-secret': SECRET }),
  });
  origin = serve({ fetch: h.api.app.fetch, port: originPort, hostname: '127.0.0.1' });
  a = await h.activeTenant('edge-a', 'Alpha Edge');
  b = await h.activeTenant('edge-b', 'Beta Edge');
  for (const [tenant, host, key] of [
    [a, A, 'a'],
    [b, B, 'b'],
  ] as const) {
    await createTenantUser(h.runtime.database, tenant, {
      email: `owner@${key}.test`,
      password: PASSWORD,
      role: 'owner',
    });
    const res = await h.call(host, '/api/v1/auth/login', {
      body: { email: `owner@${key}.test`, password: PASSWORD },
    });
    tokens[key] = ((await res.json()) as { token: string }).token;
  }
  // Two different themes.
  await brand(A, tokens.a, {
    name: 'Alpha Edge',
    primaryColor: '#1F4F8B',
    accentColor: '#8a3b00',
    font: 'inter',
  });
  await brand(B, tokens.b, {
    name: 'Beta Edge',
    primaryColor: '#0b6e4f',
    accentColor: '#6a1b9a',
    font: 'merriweather',
  });
  for (const [tenant, prefix] of [
    [a, 'a'],
    [b, 'b'],
  ] as const) {
    await insertCatalog(h.runtime.database, tenant, {
      vendors: [{ id: `ven_${prefix}`, name: `Vendor ${prefix.toUpperCase()}`, verified: true }],
      categories: [{ id: `cat_${prefix}`, name: 'Tools' }],
      products: [
        {
          id: `prd_${prefix}1`,
          vendorId: `ven_${prefix}`,
          title: 'Circular saw',
          categoryId: `cat_${prefix}`,
          basePriceMinor: 9_900,
          tiers: [
            { minQty: 1, unitPriceMinor: 9_900 },
            { minQty: 10, unitPriceMinor: 9_000 },
          ],
        },
        {
          id: `prd_${prefix}2`,
          vendorId: `ven_${prefix}`,
          title: 'Hex bolt M8',
          categoryId: `cat_${prefix}`,
          basePriceMinor: 12,
        },
      ],
    });
    await h.runtime.search.reindexAll(tenant);
  }
  const cats = (await (await h.call(A, '/api/v1/categories')).json()) as { data: { slug: string }[] };
  categorySlug = cats.data[0]?.slug ?? '';
  const probe = await atOrigin(A, '/');
  if (probe.status === 503) throw new Error('The storefront is not built: build it before this test.');
});

afterAll(async () => {
  await edge?.mf.dispose();
  await new Promise((resolve) => (origin ? origin.close(resolve) : resolve(undefined)));
  await h?.close();
});

async function brand(host: string, token: string | undefined, body: Record<string, string>) {
  const res = await h.call(host, '/api/v1/settings/branding', { method: 'PUT', token, body });
  if (res.status !== 200) throw new Error(`branding ${host}: ${res.status} ${await res.text()}`);
}

const PAGES = (p: string) => [
  '/',
  '/search',
  '/search?q=saw&sort=price_asc',
  `/products/prd_${p}1`,
  `/products/prd_${p}1?qty=12`,
  '/products/prd_nowhere',
  '/vendors',
  `/vendors/ven_${p}`,
  () => `/categories/${categorySlug}`,
  '/sell',
];

describe('the storefront rendered by workerd at the edge', () => {
  it('renders the same HTML as Node for two tenants with different themes', async () => {
    const themes: string[] = [];
    for (const [host, p] of [
      [A, 'a'],
      [B, 'b'],
    ] as const) {
      for (const entry of PAGES(p)) {
        const path = typeof entry === 'function' ? entry() : entry;
        const node = await atOrigin(host, path);
        const worker = await atEdge(host, path);
        // Nothing is normalised: no nonce, no time, no per-request value is in the pages.
        expect({ path, status: worker.status }).toEqual({ path, status: node.status });
        expect(worker.body, `${host}${path}`).toBe(node.body);
        if (node.status === 200) {
          // The same bytes give the same ETag (SHA-1 through node:crypto in Node, Web Crypto in workerd).
          expect(worker.headers.get('etag')).toBe(node.headers.etag);
          expect(worker.headers.get('content-security-policy')).toBe(node.headers['content-security-policy']);
          expect(worker.headers.get('x-frame-options')).toBe(node.headers['x-frame-options']);
        }
      }
      const home = await atEdge(host, '/');
      themes.push(theme(home.body) ?? '');
      expect(home.body).toContain(host === A ? 'Alpha Edge' : 'Beta Edge');
    }
    expect(themes[0]).toContain('#1f4f8b');
    expect(themes[1]).toContain('#0b6e4f');
    expect(themes[0]).not.toBe(themes[1]);
  });

  it('answers an unknown host with the origin’s no-marketplace page', async () => {
    const worker = await atEdge('nowhere.localhost', '/');
    const node = await atOrigin('nowhere.localhost', '/');
    expect(worker.status).toBe(404);
    expect(worker.body).toContain('No marketplace at this address');
    expect(worker.body).toBe(node.body);
    expect((await atEdge('nowhere.localhost', '/products/prd_a1')).status).toBe(404);
  });

  it('resolves any host the origin knows, a custom domain included, to its tenant', async () => {
    // Host resolution is the origin's alone (the Worker forwards the host), so whatever the origin
    // maps to a tenant works at the edge: here an operator's verified custom domain.
    const domain = 'shop.alpha-edge.test';
    await h.runtime.database.platform.insert(platformTables.domains).values({
      id: `tdm_${randomBytes(6).toString('hex')}`,
      hostname: domain,
      tenantId: a.id,
      kind: 'custom',
      status: 'verified',
      verificationToken: randomBytes(16).toString('hex'),
    });
    const worker = await atEdge(domain, '/vendors');
    const node = await atOrigin(domain, '/vendors');
    expect(worker.status).toBe(200);
    expect(worker.body).toContain('Alpha Edge');
    expect(worker.body).toBe(node.body);
  });
});

describe('what the edge passes to the origin', () => {
  it('answers for a suspended marketplace with the origin’s page', async () => {
    const c = await h.activeTenant('edge-c', 'Gamma Edge');
    const res = await h.call(h.config.platformHost, `/platform/v1/tenants/${c.id}/suspend`, {
      body: {},
      token: await h.staffToken(),
    });
    expect(res.status).toBe(200);
    const worker = await atEdge('edge-c.localhost', '/');
    const node = await atOrigin('edge-c.localhost', '/');
    expect(worker.status).toBe(503);
    expect(worker.body).toBe(node.body);
    expect(worker.body).toContain('Marketplace unavailable');
  });

  it('passes API writes, the console and built assets through, the assets kept at the edge', async () => {
    const login = await edge.mf.dispatchFetch(`http://${A}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@a.test', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { token: string }).token).toBeTruthy();
    const consolePage = await atEdge(A, '/console/login');
    expect(consolePage.status).toBe(200);
    // The console is the origin's (its form carries a per-request CSRF token, so not byte-equal).
    expect(consolePage.body).toContain('Sign in to Alpha Edge');
    expect(consolePage.headers.get('x-agora-edge-cache')).toBeNull();
    const css = /href="(\/assets\/[^"]+\.css)"/.exec((await atEdge(A, '/')).body)?.[1] ?? '';
    expect(css).not.toBe('');
    const first = await edge.mf.dispatchFetch(`http://${A}${css}`);
    const again = await edge.mf.dispatchFetch(`http://${B}${css}`);
    expect(first.status).toBe(200);
    expect(await again.text()).toBe(await first.text());
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});

describe('the edge cache', () => {
  it('keeps anonymous pages per host, serves signed-in requests fresh, and a purge reaches it', async () => {
    const first = await atEdge(A, '/vendors');
    const second = await atEdge(A, '/vendors');
    expect(second.headers.get('x-agora-edge-cache')).toBe('HIT');
    expect(second.body).toBe(first.body);
    expect(second.headers.get('cache-control')).toBe('public, no-cache');
    // Per host: the same path on another marketplace is its own page.
    const other = await atEdge(B, '/vendors');
    expect(other.body).toContain('Beta Edge');
    expect(other.body).not.toContain('Alpha Edge');
    // A browser that has the page gets a 304.
    const tag = second.headers.get('etag') ?? '';
    expect((await atEdge(A, '/vendors', { 'if-none-match': tag })).status).toBe(304);

    // A rebrand: the cached page stays until the purge (ADR 0016), then the next request renders anew.
    await brand(A, tokens.a, {
      name: 'Alpha Renamed',
      primaryColor: '#1F4F8B',
      accentColor: '#8a3b00',
      font: 'inter',
    });
    const beforePurge = await atEdge(A, '/vendors');
    expect(beforePurge.headers.get('x-agora-edge-cache')).toBe('HIT');
    expect(beforePurge.body).toContain('Alpha Edge');
    // A session cookie: never from the cache.
    const signedIn = await atEdge(A, '/vendors', { cookie: '__Host-agora_session=abc; theme=dark' });
    expect(signedIn.headers.get('x-agora-edge-cache')).toBe('BYPASS');
    expect(signedIn.body).toContain('Alpha Renamed');

    await h.runtime.cdn.purge([tenantSurrogateKey(a.id)]);
    const afterPurge = await atEdge(A, '/vendors');
    expect(afterPurge.headers.get('x-agora-edge-cache')).toBe('MISS');
    expect(afterPurge.body).toContain('Alpha Renamed');
    expect((await atEdge(A, '/vendors')).headers.get('x-agora-edge-cache')).toBe('HIT');
    // The other tenant's pages were not purged.
    expect((await atEdge(B, '/vendors')).headers.get('x-agora-edge-cache')).toBe('HIT');
  });

  it('keeps the shareable API reads too, and passes the rest of the API to the origin', async () => {
    const read = await edge.mf.dispatchFetch(`http://${B}/api/v1/storefront`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { name: string }).name).toBe('Beta Edge');
    const me = await edge.mf.dispatchFetch(`http://${B}/api/v1/me`, {
      headers: { authorization: `Bearer ${tokens.b}` },
    });
    expect(me.status).toBe(200);
    // Another tenant's token is refused through the edge as at the origin.
    const cross = await edge.mf.dispatchFetch(`http://${A}/api/v1/me`, {
      headers: { authorization: `Bearer ${tokens.b}` },
    });
    expect(cross.status).toBe(401);
  });

  it('refuses purges without the shared secret', async () => {
    const res = await fetch(`${edge.url.origin}/__agora/purge/${tenantSurrogateKey(b.id)}`, {
      method: 'POST',
    });
    expect(res.status).toBe(404);
    expect((await atEdge(B, '/vendors')).headers.get('x-agora-edge-cache')).toBe('HIT');
  });
});

describe('the origin and the edge host', () => {
  it('believes X-Forwarded-Host only with the edge secret', async () => {
    const plain = await atOrigin(`127.0.0.1:${originPort}`, '/vendors', { 'x-forwarded-host': A });
    expect(plain.status).toBe(404);
    expect(plain.body).toContain('No marketplace at this address');
    const wrong = await atOrigin(`127.0.0.1:${originPort}`, '/vendors', {
      'x-forwarded-host': A,
      'x-agora-edge-secret': 'x'.repeat(48),
    });
    expect(wrong.status).toBe(403);
    const right = await atOrigin(`127.0.0.1:${originPort}`, '/vendors', {
      'x-forwarded-host': A,
      'x-agora-edge-secret': SECRET,
    });
    expect(right.status).toBe(200);
    expect(right.body).toContain('Alpha');
  });
});

describe('the one storefront build', () => {
  const root = fileURLToPath(new URL('../../storefront/', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  const NODE_IMPORT = /(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']node:[a-z_/]+["']/;

  it('has no Node built-in in the Worker, the server build or the routes and loaders', () => {
    for (const file of [WORKER_FILE, SERVER_BUILD_FILE])
      expect(NODE_IMPORT.test(readFileSync(file, 'utf8')), file).toBe(false);
    for (const file of [...files(join(root, 'app')), ...files(join(root, 'edge'))].filter((f) =>
      /\.tsx?$/.test(f),
    ))
      expect(NODE_IMPORT.test(readFileSync(file, 'utf8')), file).toBe(false);
    // The check itself sees an import when there is one.
    expect(NODE_IMPORT.test(`import { createHash } from 'node:crypto';`)).toBe(true);
  });
});
