import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOGO_MAX_BYTES } from '@agora/contracts';
import { createTenantUser, logoKey } from '@agora/core';
import { withTenant } from '@agora/db';
import { signFileUrl } from '@agora/files';
import { tinyJpeg, tinyPng } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';

let h: ApiHarness;
let dataDir: string;
let a: { id: string; schemaName: string };
let b: { id: string; schemaName: string };
const tokens: Record<string, string> = {};
const A = 'brand-a.localhost';
const B = 'brand-b.localhost';
const PASSWORD = 'operator-pw-1';

const json = async (res: Response) => (await res.json()) as any;
const utf8 = (s: string) => new TextEncoder().encode(s);
const sha16 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** A request with a raw (binary) body, which the harness's JSON helper does not send. */
const send = (
  host: string,
  path: string,
  init: { method: string; token?: string; type?: string; body?: BodyInit },
) =>
  Promise.resolve(
    h.api.app.request(path, {
      method: init.method,
      headers: {
        host,
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.type ? { 'content-type': init.type } : {}),
      },
      body: init.body,
    }),
  );
const uploadLogo = (host: string, bytes: Uint8Array, type: string, token = tokens.a) =>
  send(host, '/api/v1/settings/logo', { method: 'PUT', token, type, body: bytes as Uint8Array<ArrayBuffer> });

const branding = async (host = A, token = tokens.a) =>
  json(await h.call(host, '/api/v1/settings/branding', { token }));
const outbox = (tenant: typeof a) =>
  withTenant(h.runtime.database, tenant, ({ db, t }) => db.select().from(t.outbox).orderBy(t.outbox.id));

const VALID = {
  name: 'Alpha Supply Co',
  tagline: 'Bolts, nuts and everything between',
  primaryColor: '#1F4F8B',
  accentColor: '#8a3b00',
  font: 'inter',
};

const SAFE_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#1f4f8b"/><stop offset="1" stop-color="#8a3b00"/></linearGradient></defs>
  <rect width="100" height="40" rx="4" fill="url(#g)"/>
  <text x="10" y="26" fill="#fff">Alpha</text>
</svg>`;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'agora-branding-'));
  h = await createApiHarness({ AGORA_DATA_DIR: dataDir });
  a = await h.activeTenant('brand-a', 'Alpha Market');
  b = await h.activeTenant('brand-b', 'Beta Market');
  const users: [typeof a, string, 'operator' | 'owner' | 'buyer_admin', string][] = [
    [a, 'op@alpha.test', 'operator', 'a'],
    [a, 'buyer@alpha.test', 'buyer_admin', 'buyer'],
    [b, 'owner@beta.test', 'owner', 'b'],
  ];
  for (const [tenant, email, role, name] of users) {
    await createTenantUser(h.runtime.database, tenant, { email, password: PASSWORD, role });
    const host = tenant === a ? A : B;
    const res = await h.call(host, '/api/v1/auth/login', { body: { email, password: PASSWORD } });
    tokens[name] = (await json(res)).token;
  }
});
afterAll(async () => {
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GET/PUT /api/v1/settings/branding', () => {
  it("answers the marketplace's branding; the default theme needs no contrast warning", async () => {
    const res = await h.call(A, '/api/v1/settings/branding', { token: tokens.a });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      name: 'Alpha Market',
      tagline: '',
      theme: { primaryColor: '#1f4f8b', accentColor: '#b45309', font: 'system', logoUrl: null },
      footer: { text: '', links: [] },
      warnings: [],
    });
  });

  it('saves name, tagline, colors and font, shows them on the storefront, and records an event', async () => {
    const before = (await outbox(a)).length;
    const res = await h.call(A, '/api/v1/settings/branding', { method: 'PUT', token: tokens.a, body: VALID });
    expect(res.status).toBe(200);
    const saved = await json(res);
    expect(saved).toEqual({
      name: 'Alpha Supply Co',
      tagline: 'Bolts, nuts and everything between',
      theme: { primaryColor: '#1f4f8b', accentColor: '#8a3b00', font: 'inter', logoUrl: null },
      footer: { text: '', links: [] },
      warnings: [],
    });
    expect(await branding()).toEqual(saved);

    const storefront = await json(await h.call(A, '/api/v1/storefront'));
    expect(storefront).toEqual({
      name: saved.name,
      tagline: saved.tagline,
      theme: saved.theme,
      footer: saved.footer,
      timeZone: 'UTC', // no commerce settings yet: dates are shown in UTC
    });

    const events = (await outbox(a)).slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      topic: 'settings.branding_updated',
      payload: {
        userId: expect.stringMatching(/^usr_/),
        changed: ['name', 'tagline', 'accentColor', 'font'],
        branding: { name: 'Alpha Supply Co' },
      },
    });
  });

  it('saves low-contrast colors but warns about each, naming the field', async () => {
    const res = await h.call(A, '/api/v1/settings/branding', {
      method: 'PUT',
      token: tokens.a,
      body: { ...VALID, primaryColor: '#ffcc00', accentColor: '#a0c4ff' },
    });
    expect(res.status).toBe(200);
    const saved = await json(res);
    expect(saved.theme.primaryColor).toBe('#ffcc00');
    expect(saved.warnings).toEqual([
      {
        field: 'primaryColor',
        message: 'Low contrast with white text (1.5:1; at least 4.5:1 is recommended)',
      },
      { field: 'accentColor', message: expect.stringMatching(/^Low contrast with white text \(\d\.\d:1;/) },
    ]);
    expect((await branding()).warnings).toEqual(saved.warnings);
    await h.call(A, '/api/v1/settings/branding', { method: 'PUT', token: tokens.a, body: VALID });
  });

  it('rejects invalid input, naming every field, and changes nothing', async () => {
    const before = await branding();
    const res = await h.call(A, '/api/v1/settings/branding', {
      method: 'PUT',
      token: tokens.a,
      body: {
        name: 'A',
        tagline: 'x'.repeat(161),
        primaryColor: 'red',
        accentColor: '#12345',
        font: 'comic-sans',
      },
    });
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.code).toBe('validation_failed');
    expect(error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'accentColor',
      'font',
      'name',
      'primaryColor',
      'tagline',
    ]);
    for (const field of ['name', 'tagline', 'primaryColor', 'accentColor', 'font'])
      expect(error.message).toContain(field);
    expect(error.details.fields).toContainEqual({
      path: 'primaryColor',
      message: 'must be a hex color like #1a2b3c',
    });
    expect(await branding()).toEqual(before);
  });

  it('saves a plain-text footer with links, shows it on the storefront, and keeps it when left out', async () => {
    const footer = {
      text: '  Alpha Supply Co · Hafenstrasse 1, Hamburg\nMon-Fri 8-18  ',
      links: [
        { label: 'Terms', url: '/terms' },
        { label: 'Contact us', url: 'https://alpha.example/contact' },
      ],
    };
    const res = await h.call(A, '/api/v1/settings/branding', {
      method: 'PUT',
      token: tokens.a,
      body: { ...VALID, footer },
    });
    expect(res.status).toBe(200);
    const trimmed = { ...footer, text: footer.text.trim() };
    expect((await json(res)).footer).toEqual(trimmed);
    expect((await json(await h.call(A, '/api/v1/storefront'))).footer).toEqual(trimmed);
    const events = await outbox(a);
    expect(events.at(-1)?.payload).toMatchObject({ changed: ['footer'] });

    // A save without `footer` (an older client) keeps it.
    await h.call(A, '/api/v1/settings/branding', { method: 'PUT', token: tokens.a, body: VALID });
    expect((await branding()).footer).toEqual(trimmed);
    await h.call(A, '/api/v1/settings/branding', {
      method: 'PUT',
      token: tokens.a,
      body: { ...VALID, footer: { text: '', links: [] } },
    });
  });

  it('refuses HTML, overlong text and unsafe links in the footer, naming each, and changes nothing', async () => {
    const before = await branding();
    const res = await h.call(A, '/api/v1/settings/branding', {
      method: 'PUT',
      token: tokens.a,
      body: {
        ...VALID,
        footer: {
          text: 'Hello <script>alert(1)</script>',
          links: [
            { label: 'x'.repeat(41), url: '/ok' },
            { label: 'Evil', url: 'javascript:alert(1)' },
            { label: 'Elsewhere', url: '//evil.example/' },
            { label: '<b>Bold</b>', url: 'https://ok.example/' },
          ],
        },
      },
    });
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'footer.links.0.label',
      'footer.links.1.url',
      'footer.links.2.url',
      'footer.links.3.label',
      'footer.text',
    ]);
    expect(error.details.fields).toContainEqual({
      path: 'footer.text',
      message: 'must be plain text, without HTML (< and > are not allowed)',
    });
    const tooMany = await h.call(A, '/api/v1/settings/branding', {
      method: 'PUT',
      token: tokens.a,
      body: { ...VALID, footer: { text: 'x'.repeat(501), links: Array(9).fill({ label: 'A', url: '/a' }) } },
    });
    expect((await json(tooMany)).error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'footer.links',
      'footer.text',
    ]);
    expect(await branding()).toEqual(before);
  });

  it('wants a name', async () => {
    const { name: _, ...noName } = VALID;
    const res = await h.call(A, '/api/v1/settings/branding', {
      method: 'PUT',
      token: tokens.a,
      body: noName,
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details.fields.map((f: { path: string }) => f.path)).toEqual(['name']);
  });
});

describe('PUT/DELETE /api/v1/settings/logo and GET /media/logo/{file}', () => {
  it('stores a PNG under a content-addressed name and serves it back with long caching', async () => {
    const png = tinyPng();
    const res = await uploadLogo(A, png, 'image/png');
    expect(res.status).toBe(200);
    const { theme } = await json(res);
    expect(theme.logoUrl).toBe(`/media/logo/${sha16(png)}.png`);
    expect((await json(await h.call(A, '/api/v1/storefront'))).theme.logoUrl).toBe(theme.logoUrl);
    expect(await h.runtime.files.exists(logoKey(a.id, `${sha16(png)}.png`))).toBe(true);

    const served = await h.call(A, theme.logoUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBeNull();
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
  });

  it('takes a JPEG as multipart/form-data too', async () => {
    const form = new FormData();
    form.append('file', new Blob([tinyJpeg()], { type: 'image/jpeg' }), 'logo.jpg');
    const res = await send(A, '/api/v1/settings/logo', { method: 'PUT', token: tokens.a, body: form });
    expect(res.status).toBe(200);
    const { theme } = await json(res);
    expect(theme.logoUrl).toBe(`/media/logo/${sha16(tinyJpeg())}.jpg`);
    expect((await h.call(A, theme.logoUrl)).headers.get('content-type')).toBe('image/jpeg');
  });

  it('serves a safe SVG with a CSP that lets it load and run nothing', async () => {
    const res = await uploadLogo(A, utf8(SAFE_SVG), 'image/svg+xml');
    expect(res.status).toBe(200);
    const { theme } = await json(res);
    expect(theme.logoUrl).toMatch(/^\/media\/logo\/[0-9a-f]{16}\.svg$/);
    const served = await h.call(A, theme.logoUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(served.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await served.text()).toBe(SAFE_SVG);
  });

  it.each([
    [
      'a script',
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
      /<script>/,
    ],
    ['an onload handler', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', /onload/],
    [
      'a javascript: link',
      '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>',
      /javascript:/,
    ],
    [
      'an external image',
      '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>',
      /external reference/,
    ],
    [
      'a foreignObject',
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>',
      /foreignObject/,
    ],
    [
      'an entity',
      '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
      /DOCTYPE/,
    ],
  ])('rejects an SVG with %s with a 400 that says why, and changes nothing', async (_, svg, reason) => {
    const before = await branding();
    const events = (await outbox(a)).length;
    const bytes = utf8(svg);
    const res = await uploadLogo(A, bytes, 'image/svg+xml');
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/^Invalid logo: the SVG /);
    expect(error.message).toMatch(reason);
    expect(error.details.fields[0].path).toBe('logo');
    expect(await branding()).toEqual(before);
    expect((await outbox(a)).length).toBe(events);
    expect(await h.runtime.files.exists(logoKey(a.id, `${sha16(bytes)}.svg`))).toBe(false);
  });

  it('rejects files over 512 KB, naming the limit: 400 within the upload limit, 413 beyond it', async () => {
    const before = await branding();
    for (const [size, status, code] of [
      [LOGO_MAX_BYTES + 1, 400, 'validation_failed'],
      [LOGO_MAX_BYTES + 200 * 1024, 413, 'payload_too_large'],
    ] as const) {
      const big = new Uint8Array(size);
      big.set(tinyPng());
      const res = await uploadLogo(A, big, 'image/png');
      expect(res.status).toBe(status);
      const { error } = await json(res);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/larger than the 512 KB limit/);
      expect(error.details.fields[0].path).toBe('logo');
    }
    expect(await branding()).toEqual(before);
  });

  it('rejects a GIF and a text file sent as an image, and a body that is not an image at all', async () => {
    const gif = await uploadLogo(A, new Uint8Array([...utf8('GIF89a'), 1, 0, 1, 0]), 'image/gif');
    expect(gif.status).toBe(400);
    expect((await json(gif)).error.message).toMatch(/GIF/);
    const text = await uploadLogo(A, utf8('just words'), 'image/png');
    expect(text.status).toBe(400);
    expect((await json(text)).error.message).toMatch(/not a PNG, JPEG or SVG/);
    const wrongType = await uploadLogo(A, utf8('{}'), 'application/json');
    expect(wrongType.status).toBe(415);
    expect((await json(wrongType)).error.code).toBe('unsupported_media_type');
  });

  it('removes the logo', async () => {
    await uploadLogo(A, tinyPng(), 'image/png');
    const res = await send(A, '/api/v1/settings/logo', { method: 'DELETE', token: tokens.a });
    expect(res.status).toBe(200);
    expect((await json(res)).theme.logoUrl).toBeNull();
    expect((await json(await h.call(A, '/api/v1/storefront'))).theme.logoUrl).toBeNull();
    const event = (await outbox(a)).at(-1);
    expect(event).toMatchObject({ topic: 'settings.branding_updated', payload: { changed: ['logoUrl'] } });
  });

  it('answers 404 for logo names that are not files of this tenant', async () => {
    for (const path of [
      '/media/logo/0000000000000000.png',
      '/media/logo/..%2F..%2Fsecret.png',
      '/media/logo/not-a-hash.svg',
    ]) {
      expect((await h.call(A, path)).status).toBe(404);
    }
  });
});

describe('who may change the branding', () => {
  it('needs a token (401)', async () => {
    expect((await h.call(A, '/api/v1/settings/branding')).status).toBe(401);
    expect((await h.call(A, '/api/v1/settings/branding', { method: 'PUT', body: VALID })).status).toBe(401);
    expect((await uploadLogo(A, tinyPng(), 'image/png', '')).status).toBe(401);
    expect((await send(A, '/api/v1/settings/logo', { method: 'DELETE' })).status).toBe(401);
  });

  it('is for the owner and operators only (403 for a buyer)', async () => {
    const get = await h.call(A, '/api/v1/settings/branding', { token: tokens.buyer });
    expect(get.status).toBe(403);
    expect((await json(get)).error.code).toBe('forbidden');
    const put = await h.call(A, '/api/v1/settings/branding', {
      method: 'PUT',
      token: tokens.buyer,
      body: VALID,
    });
    expect(put.status).toBe(403);
    expect((await uploadLogo(A, tinyPng(), 'image/png', tokens.buyer)).status).toBe(403);
    // The owner role counts as operator staff.
    expect((await h.call(B, '/api/v1/settings/branding', { token: tokens.b })).status).toBe(200);
  });
});

describe('tenants stay apart', () => {
  it("does not serve tenant A's logo on tenant B's host", async () => {
    const png = tinyPng([1, 2, 3, 255]);
    const { theme } = await json(await uploadLogo(A, png, 'image/png'));
    expect((await h.call(A, theme.logoUrl)).status).toBe(200);
    const onB = await h.call(B, theme.logoUrl);
    expect(onB.status).toBe(404);
    expect(await onB.text()).not.toContain(a.id);
  });

  it("rejects tenant A's operator token on tenant B's host and leaves B's branding alone", async () => {
    const before = await branding(B, tokens.b);
    const put = await h.call(B, '/api/v1/settings/branding', {
      method: 'PUT',
      token: tokens.a,
      body: { ...VALID, name: 'Hijacked' },
    });
    expect(put.status).toBe(401);
    expect((await uploadLogo(B, tinyPng(), 'image/png', tokens.a)).status).toBe(401);
    expect((await send(B, '/api/v1/settings/logo', { method: 'DELETE', token: tokens.a })).status).toBe(401);
    expect(await branding(B, tokens.b)).toEqual(before);
  });

  it('serves the logo only on tenant hosts', async () => {
    const { theme } = await json(await uploadLogo(A, tinyPng(), 'image/png'));
    expect((await h.call('platform.localhost', theme.logoUrl)).status).toBe(404);
    expect((await h.call('nobody.localhost', theme.logoUrl)).status).toBe(404);
  });
});

describe('GET /files/{key} (signed links to private files)', () => {
  const pdf = utf8('%PDF-1.4 vendor certificate');
  let key: string;

  beforeAll(async () => {
    key = `tenants/${a.id}/documents/certificate.pdf`;
    await h.runtime.files.put(key, pdf, 'application/pdf');
  });

  it('serves a private file with a valid signature, privately and sandboxed', async () => {
    const res = await h.call(A, signFileUrl(h.config.files.secret, key, 60));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
  });

  it('answers 403 without a signature, with a wrong one, or after it expired', async () => {
    const url = signFileUrl(h.config.files.secret, key, 60);
    const expired = signFileUrl(h.config.files.secret, key, 60, Date.now() - 120_000);
    const other = signFileUrl(new TextEncoder().encode('x'.repeat(32)), key, 60);
    for (const path of [
      `/files/${key}`,
      url.replace(/sig=./, 'sig=A'),
      expired,
      other,
      url.replace(/exp=\d+/, 'exp=9999999999'),
    ]) {
      const res = await h.call(A, path);
      expect(res.status, path).toBe(403);
      expect((await json(res)).error.code).toBe('forbidden');
    }
  });

  it("does not serve tenant A's file on tenant B's host, even with a valid link", async () => {
    expect((await h.call(B, signFileUrl(h.config.files.secret, key, 60))).status).toBe(404);
  });

  it('answers 404 for a validly signed link to a file that does not exist', async () => {
    expect((await h.call(A, signFileUrl(h.config.files.secret, `tenants/${a.id}/nope.pdf`, 60))).status).toBe(
      404,
    );
  });
});

describe('OpenAPI', () => {
  it('documents the branding, logo, media and file routes', async () => {
    const doc = await json(await h.call(A, '/api/v1/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/settings/branding', '/settings/logo', '/media/logo/{file}', '/files/{key}']),
    );
    expect(Object.keys(doc.paths['/settings/logo'].put.requestBody.content)).toEqual([
      'image/png',
      'image/jpeg',
      'image/svg+xml',
      'multipart/form-data',
    ]);
    expect(doc.paths['/media/logo/{file}'].get.servers).toEqual([{ url: '/' }]);
  });
});
