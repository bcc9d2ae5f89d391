import { withTenant } from '@agora/db';
import { insertCatalog } from '@agora/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';

// Storefront pages rendered by the built Remix app mounted in the API (`pnpm build` first).
let h: ApiHarness;
let a: Awaited<ReturnType<ApiHarness['activeTenant']>>;
const A = 'cats-a.localhost';
const B = 'cats-b.localhost';
const page = (host: string, path: string) => h.call(host, path, { headers: { accept: 'text/html' } });

// insertCatalog makes slugs `<name>-<id>`.
const TOOLS = 'tools-cat_tools';
const POWER = 'power-tools-cat_power';
const DRILLS = 'drills-cat_drills';

beforeAll(async () => {
  h = await createApiHarness();
  a = await h.activeTenant('cats-a', 'Alpha Market');
  const b = await h.activeTenant('cats-b', 'Beta Market');
  await insertCatalog(h.runtime.database, a, {
    vendors: [{ id: 'ven_a', name: 'Tool House', verified: true }],
    categories: [
      { id: 'cat_tools', name: 'Tools' },
      { id: 'cat_power', name: 'Power tools', parentId: 'cat_tools' },
      { id: 'cat_drills', name: 'Drills', parentId: 'cat_power' },
      { id: 'cat_old', name: 'Old stock', parentId: 'cat_power' },
      { id: 'cat_garden', name: 'Garden' },
    ],
    products: [
      {
        id: 'prd_saw',
        vendorId: 'ven_a',
        title: 'Circular saw 1400W',
        categoryId: 'cat_power',
        basePriceMinor: 9_900,
      },
      {
        id: 'prd_drill',
        vendorId: 'ven_a',
        title: 'Cordless drill 18V',
        categoryId: 'cat_drills',
        basePriceMinor: 7_900,
      },
      {
        id: 'prd_hammer',
        vendorId: 'ven_a',
        title: 'Claw hammer',
        categoryId: 'cat_tools',
        basePriceMinor: 1_500,
      },
      {
        id: 'prd_hose',
        vendorId: 'ven_a',
        title: 'Garden hose 25m',
        categoryId: 'cat_garden',
        basePriceMinor: 2_500,
      },
    ],
  });
  await withTenant(h.runtime.database, a, ({ db, t }) =>
    db.update(t.categories).set({ archivedAt: new Date() }).where(eq(t.categories.id, 'cat_old')),
  );
  await insertCatalog(h.runtime.database, b, {
    vendors: [{ id: 'ven_b', name: 'Beta Supplies' }],
    categories: [{ id: 'cat_b', name: 'Fasteners' }],
    products: [
      { id: 'prd_b', vendorId: 'ven_b', title: 'Hex bolt M8', categoryId: 'cat_b', basePriceMinor: 12 },
    ],
  });
  await h.runtime.search.reindexAll(a);
  await h.runtime.search.reindexAll(b);
  const probe = await page(A, '/search');
  if (probe.status === 503)
    throw new Error('The storefront is not built: run `pnpm build` before this test.');
});
afterAll(() => h?.close());

describe('storefront category pages', () => {
  it('answers a browser that already has the page with 304 until the page changes', async () => {
    const path = `/categories/${POWER}`;
    const withTag = (tag: string) =>
      h.call(A, path, { headers: { accept: 'text/html', 'if-none-match': tag } });
    const first = await page(A, path);
    const tag = first.headers.get('etag') ?? '';
    expect(tag).toMatch(/^W\/"[^"]+"$/);
    expect((await page(A, path)).headers.get('etag')).toBe(tag); // nothing per request in the page

    const unchanged = await withTag(tag);
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect(unchanged.headers.get('cache-control')).toBe('public, no-cache');
    expect(unchanged.headers.get('vary')).toContain('Cookie');
    expect((await withTag('W/"something-else"')).status).toBe(200);

    // A product on the page changes: the next request gets the new page.
    await withTenant(h.runtime.database, a, ({ db, t }) =>
      db
        .update(t.products)
        .set({ title: 'Circular saw 1500W' })
        .where(eq(t.products.title, 'Circular saw 1400W')),
    );
    await h.runtime.search.reindexAll(a);
    try {
      const changed = await withTag(tag);
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(tag);
      expect(await changed.text()).toContain('Circular saw 1500W');
    } finally {
      await withTenant(h.runtime.database, a, ({ db, t }) =>
        db
          .update(t.products)
          .set({ title: 'Circular saw 1400W' })
          .where(eq(t.products.title, 'Circular saw 1500W')),
      );
      await h.runtime.search.reindexAll(a);
    }
  });

  it('sends no ETag with pages for signed-in visitors', async () => {
    const res = await h.call(A, `/categories/${POWER}`, { headers: { accept: 'text/html', cookie: 'x=1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('cache-control')).toBeNull();
  });

  it('renders the breadcrumb, the name, the sub-categories and the products of the whole subtree', async () => {
    const res = await page(A, `/categories/${POWER}`);
    expect(res.status).toBe(200);
    // No CDN configured: nothing could purge a shared cache, so caches must ask every time.
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(res.headers.get('surrogate-key')).toBeNull();
    const html = await res.text();
    expect(html).toContain('<h1 data-testid="category-title">Power tools</h1>');
    expect(html).toMatch(/<nav class="breadcrumb"[^>]*>.*href="\/categories\/tools-cat_tools">Tools<\/a>/s);
    // Direct, non-archived sub-categories only.
    expect(html).toContain(`href="/categories/${DRILLS}">Drills</a>`);
    expect(html).not.toContain('Old stock');
    expect(html).toContain('Circular saw 1400W');
    expect(html).toContain('Cordless drill 18V'); // in a sub-category
    expect(html).not.toContain('Claw hammer'); // in the parent
    expect(html).not.toContain('Garden hose');
    expect(html).toMatch(/data-testid="result-count">2 products</);
  });

  it('narrows within the category with q and keeps the search facets', async () => {
    const html = await (await page(A, `/categories/${POWER}?q=drill`)).text();
    expect(html).toContain('Cordless drill 18V');
    expect(html).not.toContain('Circular saw 1400W');
    expect(html).toContain('placeholder="Search in Power tools"');
    // The category facet leads to the sub-category's page, the query kept.
    expect(html).toContain(`href="/categories/${DRILLS}?q=drill"`);
    expect(html).toContain('href="/categories/power-tools-cat_power?q=drill&amp;vendor=ven_a"');
  });

  it('is a 404 on another marketplace, which has no such category', async () => {
    const res = await page(B, `/categories/${POWER}`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Category not found');
    expect(html).not.toContain('Power tools');
    expect((await page(B, '/categories/fasteners-cat_b')).status).toBe(200);
    expect((await page(A, '/categories/fasteners-cat_b')).status).toBe(404);
  });

  it.each([
    ['an unknown slug', '/categories/no-such-category'],
    ['an archived category', '/categories/old-stock-cat_old'],
  ])('is a 404 with a friendly page for %s', async (_, path) => {
    const res = await page(A, path);
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBeNull();
    const html = await res.text();
    expect(html).toContain('Category not found');
    expect(html).toContain('href="/search"');
  });

  it('is linked from the home page and from the product breadcrumb', async () => {
    const home = await (await page(A, '/')).text();
    expect(home).toContain(`href="/categories/${TOOLS}">Tools</a>`);
    expect(home).toContain('href="/categories/garden-cat_garden">Garden</a>');
    const product = await (await page(A, '/products/prd_drill')).text();
    expect(product).toMatch(
      new RegExp(
        `href="/categories/${TOOLS}">Tools</a>.*href="/categories/${POWER}">Power tools</a>.*href="/categories/${DRILLS}">Drills</a>`,
        's',
      ),
    );
  });

  it('leaves the search page a filter by category, sub-categories included', async () => {
    const res = await page(A, '/search?category=cat_power');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Circular saw 1400W');
    expect(html).toContain('Cordless drill 18V');
    expect(html).not.toContain('Claw hammer');
    expect(html).toContain('href="/search?category=cat_drills"');
  });
});

describe('public category API', () => {
  const json = async (res: Response) => (await res.json()) as any;

  it('gives the top-level categories alone with depth=1, and refuses a bad depth naming it', async () => {
    const res = await h.call(A, '/api/v1/categories?depth=1');
    expect(res.status).toBe(200);
    const { data } = await json(res);
    expect(data.map((c: any) => [c.slug, c.children])).toEqual([
      [TOOLS, []],
      ['garden-cat_garden', []],
    ]);
    const bad = await h.call(A, '/api/v1/categories?depth=0');
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details.fields.map((f: any) => f.path)).toEqual(['depth']);
  });

  it('gives one category by slug with everything below it and its ancestors', async () => {
    const res = await h.call(A, `/api/v1/categories/${POWER}`);
    expect(res.status).toBe(200);
    const { category, ancestors } = await json(res);
    expect(category).toMatchObject({ id: 'cat_power', name: 'Power tools', slug: POWER });
    // The archived sub-category is left out.
    expect(category.children.map((c: any) => c.slug)).toEqual([DRILLS]);
    expect(ancestors).toEqual([{ id: 'cat_tools', name: 'Tools', slug: TOOLS }]);
  });

  it("is a 404 for an archived or unknown slug, and for another marketplace's slug", async () => {
    for (const [host, slug] of [
      [A, 'old-stock-cat_old'],
      [A, 'no-such-category'],
      [B, TOOLS],
      [A, 'fasteners-cat_b'],
    ] as const) {
      const res = await h.call(host, `/api/v1/categories/${slug}`);
      expect(res.status, `${host} ${slug}`).toBe(404);
      expect(await res.text()).not.toMatch(/Tools|Fasteners/);
    }
  });
});

describe('storefront price filter', () => {
  it('turns the typed amounts into minor units in the address, then lists only products in the range', async () => {
    const typed = await page(A, '/search?sort=price_asc&currency=EUR&priceFrom=20&priceTo=85.5&qty=&page=2');
    expect(typed.status).toBe(302);
    expect(typed.headers.get('location')).toBe(
      '/search?sort=price_asc&currency=EUR&priceMin=2000&priceMax=8550',
    );

    const res = await page(A, '/search?sort=price_asc&currency=EUR&priceMin=2000&priceMax=8550');
    expect(res.status).toBe(200);
    const html = (await res.text()).replaceAll('<!-- -->', '');
    // 79.00 and 25.00 are in the range; 99.00 and 15.00 are not.
    expect(html).toContain('Cordless drill 18V');
    expect(html).toContain('Garden hose 25m');
    expect(html).not.toContain('Circular saw 1400W');
    expect(html).not.toContain('Claw hammer');
    // The form shows the bounds as typed amounts, and a way back to any price.
    expect(html).toMatch(/name="priceFrom"[^>]*value="20.00"/);
    expect(html).toMatch(/name="priceTo"[^>]*value="85.50"/);
    expect(html).toContain('href="/search?sort=price_asc">Any price</a>');
  });

  it('drops an amount that is not one, and an emptied field removes its bound', async () => {
    const res = await page(A, '/search?currency=EUR&priceMin=2000&priceFrom=&priceTo=12abc');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/search?currency=EUR');
  });

  it('keeps the price filter on a category page, below the category', async () => {
    const typed = await page(A, `/categories/${TOOLS}?priceFrom=50&currency=EUR`);
    expect(typed.headers.get('location')).toBe(`/categories/${TOOLS}?currency=EUR&priceMin=5000`);
    const html = await (await page(A, `/categories/${TOOLS}?currency=EUR&priceMin=5000`)).text();
    expect(html).toContain('Circular saw 1400W');
    expect(html).not.toContain('Claw hammer');
  });
});
