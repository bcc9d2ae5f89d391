import { SEARCH_PARAMS } from '@agora/contracts';
import { insertCatalog } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

let h: ApiHarness;
let tenantA: { id: string; schemaName: string };
const body = async (res: Response) => (await res.json()) as any;
const get = (host: string, query: string, token?: string) =>
  h.call(host, `/api/v1/search${query}`, { token });
/** Signed-in callers of each marketplace (search is public; who may call it: catalog.test.ts). */
const tokens: Record<'a' | 'b', Record<'buyer' | 'vendorAdmin' | 'operator', string>> = {} as never;

beforeAll(async () => {
  // A CDN Agora can purge (nothing listens there: the API never purges, the worker does).
  h = await createApiHarness({ AGORA_CDN_PURGE_URL: 'http://127.0.0.1:9/purge/{key}' });
  const a = await h.activeTenant('search-a', 'Alpha Market');
  tenantA = a;
  const b = await h.activeTenant('search-b', 'Beta Market');
  await insertCatalog(h.runtime.database, a, {
    vendors: [{ id: 'ven_a', name: 'Hydro Parts', verified: true }],
    categories: [
      { id: 'cat_a', name: 'Fluid power' },
      { id: 'cat_a2', name: 'Pumps', parentId: 'cat_a' },
    ],
    products: [
      {
        id: 'prd_a1',
        vendorId: 'ven_a',
        title: 'Hydraulic pump 12V',
        categoryId: 'cat_a2',
        stockQty: 4,
        basePriceMinor: 10_000,
        tiers: [
          { minQty: 1, unitPriceMinor: 10_000 },
          { minQty: 10, unitPriceMinor: 9_000 },
        ],
      },
      { id: 'prd_a2', vendorId: 'ven_a', title: 'Brass valve', categoryId: 'cat_a', basePriceMinor: 500 },
    ],
  });
  await insertCatalog(h.runtime.database, b, {
    vendors: [{ id: 'ven_b', name: 'Beta Hydraulics' }],
    products: [{ id: 'prd_b1', vendorId: 'ven_b', title: 'Hydraulic pump 12V', basePriceMinor: 9_999 }],
  });
  await h.runtime.search.reindexAll(a);
  await h.runtime.search.reindexAll(b);
  for (const [key, t, vendorId] of [
    ['a', a, 'ven_a'],
    ['b', b, 'ven_b'],
  ] as const)
    tokens[key] = {
      buyer: await userToken(h, t, 'buyer_admin'),
      vendorAdmin: await userToken(h, t, 'vendor_admin', vendorId),
      operator: await userToken(h, t, 'operator'),
    };
});
afterAll(() => h?.close());

describe('GET /api/v1/search', () => {
  it('answers anonymous visitors with one page, facets, and a shared-cache header', async () => {
    const res = await get('search-a.localhost', '?q=hydralic+pump&qty=10');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(
      'public, max-age=0, s-maxage=30, stale-while-revalidate=300',
    );
    expect(res.headers.get('surrogate-key')).toMatch(/^tenant-ten_/);
    expect(await body(res)).toEqual({
      items: [
        {
          id: 'prd_a1',
          title: 'Hydraulic pump 12V',
          sku: 'PRD_A1',
          vendor: { id: 'ven_a', name: 'Hydro Parts', verified: true },
          category: { id: 'cat_a2', name: 'Pumps' },
          unit: 'piece',
          minOrderQty: 1,
          stockQty: 4,
          inStock: true,
          priceQty: 10,
          unitPriceMinor: 9_000,
          basePriceMinor: 10_000,
          currency: 'EUR',
          imageKey: null,
          imageUrl: null,
          publishedAt: expect.any(String),
        },
      ],
      total: 1,
      totalCapped: false,
      page: 1,
      limit: 24,
      pages: 1,
      pricesHidden: false,
      facets: {
        categories: [
          { id: 'cat_a', name: 'Fluid power', parentId: null, count: 1 },
          { id: 'cat_a2', name: 'Pumps', parentId: 'cat_a', count: 1 },
        ],
        vendors: [{ id: 'ven_a', name: 'Hydro Parts', count: 1 }],
        inStock: { true: 1, false: 0 },
      },
      dropped: [],
      didYouMean: 'hydraulic pump',
    });
  });

  it('says which words it left out and how it would spell the query (ADR 0026)', async () => {
    const r = await body(await get('search-a.localhost', '?q=hydraulic+pmp'));
    expect(r.items.map((i: { id: string }) => i.id)).toEqual(['prd_a1']);
    expect([r.dropped, r.didYouMean]).toEqual([['pmp'], 'hydraulic pump']);
    const none = await body(await get('search-a.localhost', '?q=zzqqxx'));
    expect([none.total, none.dropped, none.didYouMean]).toEqual([0, ['zzqqxx'], null]);
  });

  it('skips the facet counts when asked, with the same items', async () => {
    const full = await body(await get('search-a.localhost', '?q=hydralic+pump&qty=10'));
    const lean = await body(await get('search-a.localhost', '?q=hydralic+pump&qty=10&facets=false'));
    expect(lean.items).toEqual(full.items);
    expect(lean.total).toBe(full.total);
    expect(full.facets.vendors.length).toBeGreaterThan(0);
    expect(lean.facets).toEqual({ categories: [], vendors: [], inStock: { true: 0, false: 0 } });
    expect((await get('search-a.localhost', '?facets=maybe')).status).toBe(400);
  });

  it('reads every filter and sort from the query string; empty parameters count as absent', async () => {
    const r = await body(
      await get(
        'search-a.localhost',
        '?q=&category=cat_a&vendor=ven_a&inStock=false&priceMax=600&currency=eur&sort=price_asc&page=1&limit=5',
      ),
    );
    expect(r.items.map((i: { id: string }) => i.id)).toEqual(['prd_a2']);
    expect(r.limit).toBe(5);
  });

  it.each(['anonymous', 'buyer', 'vendorAdmin', 'operator'] as const)(
    "never shows another marketplace's products on this host (caller: %s)",
    async (caller) => {
      const as = (key: 'a' | 'b') => (caller === 'anonymous' ? undefined : tokens[key][caller]);
      const a = await body(await get('search-a.localhost', '?q=hydraulic+pump+12v', as('a')));
      const b = await body(await get('search-b.localhost', '?q=hydraulic+pump+12v', as('b')));
      expect(a.items.map((i: { id: string }) => i.id)).toEqual(['prd_a1']);
      expect(b.items.map((i: { id: string }) => i.id)).toEqual(['prd_b1']);
      expect((await body(await get('search-b.localhost', '?vendor=ven_a', as('b')))).total).toBe(0);
    },
  );

  it.each([
    ['?limit=500', 'limit'],
    ['?page=0', 'page'],
    ['?sort=cheapest', 'sort'],
    ['?priceMin=-1', 'priceMin'],
    ['?qty=1.5', 'qty'],
    ['?inStock=maybe', 'inStock'],
    ['?currency=euro', 'currency'],
    ['?priceMin=500&priceMax=100', 'priceMax'],
    ['?page=101&limit=100', 'page'],
    ['?page=11&limit=100', 'page'],
  ])('rejects %s naming the field %s', async (query, field) => {
    const res = await get('search-a.localhost', query);
    expect(res.status).toBe(400);
    const e = (await body(res)).error;
    expect(e.code).toBe('validation_failed');
    expect(e.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('serves every page the result window counts, the last one short (42 pages of 24 for 1,000)', async () => {
    const res = await get('search-a.localhost', '?page=42&limit=24');
    expect(res.status).toBe(200);
    expect((await body(res)).items).toEqual([]);
  });

  it('answers a repeated browse from kept counts with the same JSON, per marketplace, until the catalog changes', async () => {
    const browse = async (host: string) => {
      const res = await get(host, '?facets=true&total=true');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      return res.text();
    };
    const firstA = await browse('search-a.localhost');
    const firstB = await browse('search-b.localhost');
    expect(await browse('search-a.localhost')).toBe(firstA);
    expect(await browse('search-b.localhost')).toBe(firstB);
    const a = JSON.parse(firstA);
    const b = JSON.parse(firstB);
    expect(a.facets.vendors).toEqual([{ id: 'ven_a', name: 'Hydro Parts', count: 2 }]);
    expect(b.facets.vendors).toEqual([{ id: 'ven_b', name: 'Beta Hydraulics', count: 1 }]);
    expect(a.total).toBe(2);
    // Made in SQL as a JavaScript Date writes it.
    for (const item of a.items) expect(new Date(item.publishedAt).toISOString()).toBe(item.publishedAt);
    await insertCatalog(h.runtime.database, tenantA, {
      vendors: [],
      products: [{ id: 'prd_a3', vendorId: 'ven_a', title: 'Gear pump', basePriceMinor: 700 }],
    });
    const after = JSON.parse(await browse('search-a.localhost'));
    expect(after.total).toBe(3);
    expect(after.facets.vendors).toEqual([{ id: 'ven_a', name: 'Hydro Parts', count: 3 }]);
    expect(JSON.parse(await browse('search-b.localhost'))).toEqual(b);
  });

  it('is documented in the OpenAPI document with its result shape', async () => {
    const doc = await body(await h.call('search-a.localhost', '/api/v1/openapi.json'));
    const op = doc.paths['/search'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([...SEARCH_PARAMS]),
    );
    expect(op.security).toEqual([]); // public: declared, not left out
    expect(doc.components.schemas.SearchResult.properties).toHaveProperty('facets');
    expect(doc.components.schemas.SearchHit.properties).toHaveProperty('unitPriceMinor');
  });
});
