import { withTenant } from '@agora/db';
import { insertCatalog } from '@agora/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';
import { applicationForm, file, newClient, VALID_APPLICATION } from './vendor-helpers.js';

// The storefront's vendor pages and the application form, rendered by the built Remix app mounted
// in the API (`cd storefront && npx remix vite:build` first).
let h: ApiHarness;
const A = 'sf-vendors.localhost';
const page = (path: string) => h.call(A, path, { headers: { accept: 'text/html' } });
/** The page's HTML without the empty comments React puts between adjacent text parts. */
const htmlOf = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');
/** The values of the checked `industries` checkboxes. */
const checkedIndustries = (html: string) =>
  (html.match(/<input[^>]*name="industries"[^>]*>/g) ?? [])
    .filter((input) => input.includes('checked=""'))
    .map((input) => input.match(/value="([^"]*)"/)?.[1]);

beforeAll(async () => {
  h = await createApiHarness();
  const a = await h.activeTenant('sf-vendors', 'Alpha Market');
  await insertCatalog(h.runtime.database, a, {
    vendors: [
      { id: 'ven_tools', name: 'Tool House', verified: true },
      { id: 'ven_plain', name: 'Plain Parts' },
      { id: 'ven_other', name: 'Bolt Brothers', verified: true },
      { id: 'ven_pending', name: 'Waiting Works', status: 'pending' },
      { id: 'ven_suspended', name: 'Banned Goods', status: 'suspended' },
    ],
    categories: [{ id: 'cat_tools', name: 'Tools' }],
    products: [
      {
        id: 'prd_saw',
        vendorId: 'ven_tools',
        title: 'Circular saw',
        categoryId: 'cat_tools',
        basePriceMinor: 9_900,
      },
      {
        id: 'prd_draft',
        vendorId: 'ven_tools',
        title: 'Prototype drill',
        categoryId: 'cat_tools',
        basePriceMinor: 5_000,
        status: 'draft',
      },
      {
        id: 'prd_bolt',
        vendorId: 'ven_other',
        title: 'Hex bolt M8',
        categoryId: 'cat_tools',
        basePriceMinor: 12,
      },
      {
        id: 'prd_hidden',
        vendorId: 'ven_pending',
        title: 'Unseen widget',
        categoryId: 'cat_tools',
        basePriceMinor: 100,
      },
    ],
  });
  await withTenant(h.runtime.database, a, ({ db, t }) =>
    db
      .update(t.vendors)
      .set({
        country: 'NL',
        description: 'Power tools and hand tools for workshops since 1962.',
        industries: ['industrial-supplies', 'food-ingredients'],
      })
      .where(eq(t.vendors.id, 'ven_tools')),
  );
  await h.runtime.search.reindexAll(a);
  const probe = await page('/vendors');
  if (probe.status === 503) throw new Error('The storefront is not built: build it before this test.');
});
afterAll(() => h?.close());

describe('storefront vendor profile page', () => {
  it("shows an approved vendor's description, country, industries by label, badge and published products only", async () => {
    const res = await page('/vendors/ven_tools');
    expect(res.status).toBe(200);
    const html = await htmlOf(res);
    expect(html).toMatch(/<h1>Tool House <span class="badge-verified">Verified<\/span><\/h1>/);
    expect(html).toContain('Power tools and hand tools for workshops since 1962.');
    expect(html).toContain('NL · Industrial supplies, Food ingredients');
    expect(html).not.toContain('industrial-supplies');
    expect(html).toContain('Circular saw');
    expect(html).toContain('href="/products/prd_saw"');
    expect(html).not.toContain('Prototype drill'); // a draft
    expect(html).not.toContain('Hex bolt M8'); // another vendor's
  });

  it('has no verified badge for a vendor that is not verified, and says when nothing is published', async () => {
    const res = await page('/vendors/ven_plain');
    expect(res.status).toBe(200);
    const html = await htmlOf(res);
    expect(html).toMatch(/<h1>Plain Parts\s*<\/h1>/);
    expect(html).not.toContain('badge-verified');
    expect(html).toContain('No products published yet.');
  });

  it.each([
    ['an unknown id', '/vendors/ven_nope', null],
    ['a pending vendor', '/vendors/ven_pending', 'Waiting Works'],
    ['a suspended vendor', '/vendors/ven_suspended', 'Banned Goods'],
    ['an id too long for the API', `/vendors/ven_${'x'.repeat(120)}`, null],
  ])('is a 404 inside the site for %s', async (_, path, name) => {
    const res = await page(path);
    expect(res.status).toBe(404);
    const html = await htmlOf(res);
    expect(html).toContain('<h1>Vendor not found</h1>');
    expect(html).toContain('href="/vendors">Browse all vendors</a>');
    // The site's own header and footer around it, not the bare root error page.
    expect(html).toContain('aria-label="Search products"');
    expect(html).toContain('Alpha Market');
    expect(html).not.toContain('Something went wrong');
    if (name) expect(html).not.toContain(name);
    expect(html).not.toContain('Unseen widget');
  });
});

describe('storefront product page', () => {
  it.each([
    ['an unknown id', '/products/prd_nope', null],
    ['a draft', '/products/prd_draft', 'Prototype drill'],
    ["a pending vendor's product", '/products/prd_hidden', 'Unseen widget'],
    ['an id too long for the API', `/products/prd_${'x'.repeat(120)}`, null],
  ])('is a 404 inside the site for %s', async (_, path, title) => {
    const res = await page(path);
    expect(res.status).toBe(404);
    const html = await htmlOf(res);
    expect(html).toContain('<h1>Product not found</h1>');
    expect(html).toContain('href="/search">Browse the catalog</a>');
    expect(html).toContain('aria-label="Search products"');
    expect(html).not.toContain('Something went wrong');
    if (title) expect(html).not.toContain(title);
  });
});

describe('storefront vendor directory', () => {
  it("names each card's industries by label, not by id", async () => {
    const html = await htmlOf(await page('/vendors'));
    const card = html.match(/<li class="vendor-card">(?:(?!<\/li>).)*Tool House.*?<\/li>/s)?.[0];
    expect(card).toContain('NL · Industrial supplies, Food ingredients');
    expect(card).not.toContain('industrial-supplies');
    expect(html).not.toContain('Waiting Works');
  });
});

describe('/sell after a refused application', () => {
  it('answers 400 with the typed values and checked industries kept, never the password', async () => {
    const form = applicationForm(
      'typed@sell.example',
      { businessName: 'Kept Name Trading', taxId: null, industries: ['packaging', 'textiles'] },
      [file('passport.exe', new TextEncoder().encode('MZ\x90\x00 not a document'))],
    );
    const res = await h.api.app.request(
      '/sell',
      { method: 'POST', headers: { host: A, accept: 'text/html' }, body: form },
      newClient(),
    );
    expect(res.status).toBe(400);
    const html = await htmlOf(res);
    expect(html).not.toContain('Application received');
    // The refusal, under its fields.
    expect(html).toContain('data-testid="errors-taxId"');
    expect(html).toContain('data-testid="errors-documents"');
    // What was typed and checked, as typed.
    expect(html).toMatch(/<input id="f-businessName" name="businessName"[^>]* value="Kept Name Trading"/);
    expect(html).toMatch(/<input id="f-contactEmail" name="contactEmail"[^>]* value="typed@sell.example"/);
    expect(html).toMatch(/name="country"[^>]* value="de"/);
    expect(html).toContain(`>${VALID_APPLICATION.description}</textarea>`);
    expect(checkedIndustries(html)).toEqual(['packaging', 'textiles']);
    // Never the password, neither in the form nor in the page's data.
    expect(html).not.toContain(VALID_APPLICATION.password);
    expect(html).toMatch(/<input id="f-password" name="password" type="password" required=""\/>/);
    // Files cannot be given back: the page says so next to the file input.
    expect(html).toMatch(/data-testid="notice-documents">[^<]*attach your documents again/);
  });

  it('shows the empty form on first load, without the notice about documents', async () => {
    const res = await page('/sell');
    expect(res.status).toBe(200);
    const html = await htmlOf(res);
    expect(checkedIndustries(html)).toEqual([]);
    expect(html).not.toContain('notice-documents');
  });
});
