import { insertCatalog } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';
import { applicationForm, file, newClient, tinyPdf } from './vendor-helpers.js';

// Storefront pages given input the API refuses, rendered by the built Remix app mounted in the API
// (`cd storefront && npx remix vite:build` first).
let h: ApiHarness;
const A = 'bad-input.localhost';
const page = (path: string) => h.call(A, path, { headers: { accept: 'text/html' } });
const TOOLS = 'tools-cat_tools';

beforeAll(async () => {
  h = await createApiHarness();
  const a = await h.activeTenant('bad-input', 'Alpha Market');
  await insertCatalog(h.runtime.database, a, {
    vendors: [{ id: 'ven_a', name: 'Tool House', verified: true }],
    categories: [{ id: 'cat_tools', name: 'Tools' }],
    products: [
      {
        id: 'prd_saw',
        vendorId: 'ven_a',
        title: 'Circular saw',
        categoryId: 'cat_tools',
        basePriceMinor: 9_900,
      },
      {
        id: 'prd_hammer',
        vendorId: 'ven_a',
        title: 'Claw hammer',
        categoryId: 'cat_tools',
        basePriceMinor: 1_500,
      },
    ],
  });
  await h.runtime.search.reindexAll(a);
  const probe = await page('/search');
  if (probe.status === 503) throw new Error('The storefront is not built: build it before this test.');
});
afterAll(() => h?.close());

/** The text of the element with this data-testid (tags stripped), or null. */
function testId(html: string, id: string): string | null {
  const m = html.match(new RegExp(`data-testid="${id}"[^>]*>(.*?)</(?:div|ul|p)>`, 's'));
  return m ? (m[1] as string).replace(/<[^>]+>/g, '').replace(/&quot;/g, '"') : null;
}

describe('catalog listings with address parameters the API refuses', () => {
  it.each([
    ['/search?priceMin=abc', 'priceMin', 'abc', 'must be a whole number of minor units (cents), 0 or more'],
    ['/search?sort=bogus', 'sort', 'bogus', 'must be one of relevance, price_asc, price_desc, newest'],
    ['/search?qty=-1', 'qty', '-1', 'must be a whole number, 1 or more'],
    ['/search?priceMin=100&priceMax=50', 'priceMax', '50', 'must not be below priceMin'],
    [`/categories/${TOOLS}?sort=bogus`, 'sort', 'bogus', 'must be one of relevance'],
  ])(
    'renders %s with a notice naming %s, the results without it, and links that drop it',
    async (path, name, value, why) => {
      const res = await page(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      const notice = testId(html, 'ignored-params');
      expect(notice).toContain(`${name}=${value}`);
      expect(notice).toMatch(/left out/);
      expect(notice).toContain(why);
      // The listing as if the parameter were absent, the search box and the site header as usual.
      expect(html).toContain('Circular saw');
      expect(html).toContain('Claw hammer');
      expect(html).toContain('role="search"');
      expect(html).toContain('aria-label="Search products"');
      expect(html).not.toContain('Something went wrong');
      // Facet links and the form carry the other parameters but not the refused one.
      expect(html).not.toMatch(new RegExp(`href="[^"]*[?&;]${name}=`));
      expect(html).not.toMatch(new RegExp(`type="hidden" name="${name}"`));
    },
  );

  it.each([
    ['beyond the result window (refused by the API)', '/search?page=100', 100],
    ['inside the window but past the last page', '/search?page=5', 5],
    ['on a category page', `/categories/${TOOLS}?page=100`, 100],
  ])('shows the empty state with a link to the last page for a page %s', async (_, path, n) => {
    const res = await page(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('Something went wrong');
    expect(testId(html, 'page-past-end')).toContain(`There is no page ${n} of these results`);
    expect(html).toMatch(/href="\/(search|categories\/tools-cat_tools)\?page=1"[^>]*>Go to the last page</);
    expect(html).not.toContain('Circular saw');
    expect(html).toMatch(/data-testid="result-count">2 products</);
  });

  it('still names a page that is not a number, and shows the first page', async () => {
    const html = await (await page('/search?page=abc')).text();
    expect(testId(html, 'ignored-params')).toContain('page=abc');
    expect(html).toContain('Circular saw');
  });
});

describe('vendor directory with filters the API refuses', () => {
  it.each([
    ['/vendors?country=ZZ', 'country=ZZ', 'must be an ISO 3166-1 alpha-2 country code'],
    ['/vendors?industry=mining', 'industry=mining', 'must be one of industrial-supplies'],
    ['/vendors?country=DE&industry=mining', 'industry=mining', 'must be one of industrial-supplies'],
  ])('renders %s with a notice naming the filter and the directory without it', async (path, named, why) => {
    const res = await page(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    const notice = testId(html, 'ignored-params');
    expect(notice).toContain(named);
    expect(notice).toContain(why);
    // The directory's own links and form leave the refused filter behind.
    expect(html).not.toMatch(new RegExp(`(href="[^"]*|value=")${named.split('=')[1]}"`));
    expect(html).toContain('Tool House');
    expect(html).toContain('aria-label="Search products"');
    expect(html).not.toContain('Something went wrong');
  });

  it('offers the industries as a choice of the allowed values', async () => {
    const html = await (await page('/vendors?industry=packaging')).text();
    expect(html).toMatch(/<select[^>]*name="industry"/);
    expect(html).toContain('<option value="packaging" selected="">');
    expect(html).toContain('<option value="office-supplies">');
  });
});

describe('/sell with fields the API refuses', () => {
  const sell = (form: FormData) =>
    Promise.resolve(
      h.api.app.request('/sell', { method: 'POST', headers: { host: A }, body: form }, newClient()),
    );

  it('offers the industries as one checkbox per allowed value', async () => {
    const html = await (await page('/sell')).text();
    const boxes = html.match(/<input[^>]*type="checkbox"[^>]*name="industries"[^>]*>/g) ?? [];
    expect(boxes).toHaveLength(8);
    expect(html).toContain('value="industrial-supplies"');
  });

  it('shows errors about one industry or one document under their field, naming the value and file', async () => {
    const form = applicationForm('nested@errors.example', { industries: ['packaging', 'mining'] }, [
      file('registration.pdf', tinyPdf(), 'application/pdf'),
      file('passport.exe', new TextEncoder().encode('MZ\x90\x00 not a document')),
    ]);
    const res = await sell(form);
    const html = await res.text();
    expect(html).not.toContain('Application received');
    const industries = testId(html, 'errors-industries');
    expect(industries).toContain('mining');
    expect(industries).toMatch(/must be one of/);
    const documents = testId(html, 'errors-documents');
    expect(documents).toContain('passport.exe');
    expect(documents).toMatch(/not a PDF, PNG or JPEG/);
    expect(documents).not.toContain('registration.pdf');
  });
});
