import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVendor, type T, userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

// The console's error pages, rendered by the built Remix app mounted in the API
// (`cd tenant-console && npx remix vite:build` first).
let h: ApiHarness;
let a: T;
const A = 'console-errors.localhost';
const tokens: Record<string, string> = {};

const page = (path: string, token: string) =>
  h.call(A, path, { headers: { accept: 'text/html', cookie: `__Host-agora_session=${token}` } });

beforeAll(async () => {
  h = await createApiHarness();
  a = await h.activeTenant('console-errors', 'Errors Market');
  const vendorId = await addVendor(h, a, 'Errors Vendor');
  tokens.operator = await userToken(h, a, 'operator');
  tokens.vendor = await userToken(h, a, 'vendor_admin', vendorId);
  const probe = await page('/console', tokens.operator);
  if (probe.status === 503) throw new Error('The tenant console is not built: build it before this test.');
});
afterAll(() => h?.close());

describe('console pages of another role', () => {
  it.each([
    ['operator', '/console/products', /only vendor users may do this/],
    ['operator', '/console/products/import', /only vendor users may do this/],
    ['operator', '/console/vendor-profile', /only vendor users may do this/],
    ['vendor', '/console/vendors', /only the marketplace operator may do this/],
    ['vendor', '/console/settings', /only the marketplace operator may do this/],
  ])('answer the %s on %s with a 403 "not allowed" page, not a crash', async (who, path, reason) => {
    const res = await page(path, tokens[who] as string);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('<h1>Not allowed</h1>');
    expect(html).toMatch(/Your account cannot open this page: /);
    expect(html).toMatch(reason);
    expect(html).toContain('href="/console"');
    expect(html).not.toMatch(/ApiError|Something went wrong/);
  });

  it('still shows each role its own pages', async () => {
    expect((await page('/console/vendors', tokens.operator as string)).status).toBe(200);
    expect((await page('/console/products', tokens.vendor as string)).status).toBe(200);
  });
});
