import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';

// Pages of the web apps mounted in the API (build them first: `pnpm exec turbo run build`).
let h: ApiHarness;
const A = 'pages-hardening.localhost';

beforeAll(async () => {
  h = await createApiHarness();
  await h.activeTenant('pages-hardening', 'Pages Market');
  const probe = await h.call(A, '/console/login', { headers: { accept: 'text/html' } });
  if (probe.status === 503) throw new Error('The web apps are not built: build them before this test.');
});
afterAll(() => h?.close());

const html = { accept: 'text/html' };

describe('framing', () => {
  it.each([
    ['the storefront', A, '/'],
    ['the console', A, '/console/login'],
    ['the staff pages', 'platform.localhost', '/login'],
    ['a page of an unknown host', 'nowhere.localhost', '/'],
  ])('%s cannot be framed by any site', async (_, hostname, path) => {
    const res = await h.call(hostname, path, { headers: html });
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/(^|;\s*)frame-ancestors 'none'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('a form posted from another site', () => {
  it.each([
    ['the console sign-in', '/console/login'],
    ['the storefront vendor application', '/sell'],
  ])('to %s is a 403 saying so, and nothing is logged as a crash', async (_, path) => {
    const errors = vi.spyOn(console, 'error');
    const res = await h.api.app.request(path, {
      method: 'POST',
      headers: {
        ...html,
        host: A,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'email=a%40b.test&password=x&csrf=x',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('sent from a page of another site');
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('from this host goes on to the page as before', async () => {
    const res = await h.api.app.request('/console/login', {
      method: 'POST',
      headers: {
        ...html,
        host: A,
        origin: `http://${A}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'email=a%40b.test&password=x&csrf=x',
    });
    // No CSRF cookie: the console's own check answers (not the cross-site refusal).
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('another site');
  });
});

describe('asset paths', () => {
  it.each(['/assets/%E0%A4%A', '/console-assets/%E0%A4%A', '/assets/%00.js'])(
    '%s is a 404, not a crash',
    async (path) => {
      const errors = vi.spyOn(console, 'error');
      const res = await h.call(A, path);
      expect(res.status).toBe(404);
      expect(errors).not.toHaveBeenCalled();
      errors.mockRestore();
    },
  );
});
