import { buildApi } from '@agora/platform-api';
import { benchMarketplace } from './bench-catalog.js';
import { bench, envInt, fmt, percentile, table, verdict } from './lib.js';

/**
 * Search latency through the tenant API (`GET /api/v1/search`, PostgreSQL engine) over a
 * deterministic catalog of BENCH_PRODUCTS products from BENCH_VENDORS vendors in one tenant,
 * divided by the latency of fetching one product by id through the same API, measured in the
 * same run, interleaved request by request. Requests go through the Hono app in process
 * (`app.request`: host resolution, validation, handler, JSON), as the Remix loaders call it.
 * The search result cache is off (ADR 0020): the queries repeat, and every one must run.
 */
const ROUNDS = envInt('BENCH_ROUNDS', 300);
const WARMUP = envInt('BENCH_WARMUP', 30);

const QUERIES: Record<string, string[]> = {
  'one word': ['q=valve', 'q=bearing', 'q=sensor', 'q=glove', 'q=carton'],
  'two words': [
    'q=hydraulic+pump',
    'q=stainless+bolt',
    'q=electric+motor',
    'q=nylon+gasket',
    'q=industrial+fan',
  ],
  'typo (two words)': [
    'q=hydralic+pump',
    'q=stainles+bolt',
    'q=elecrtic+motor',
    'q=nylon+gaskit',
    'q=industrail+fan',
  ],
  'typo (one word)': ['q=hydralic', 'q=bering', 'q=sensr', 'q=glvoe', 'q=cartn'],
  'with filters': [
    // filled in once the category ids are known
  ],
};

await bench('search', async (t) => {
  const { rt, host, catalog } = await benchMarketplace(t, { AGORA_SEARCH_CACHE_MB: '0' });

  const top = catalog.categories.filter((c) => c.parentId === null);
  const fluid = top.find((c) => c.name === 'Fluid Power')?.id;
  const fasteners = top.find((c) => c.name === 'Fasteners')?.id;
  const electrical = top.find((c) => c.name === 'Electrical')?.id;
  QUERIES['with filters'] = [
    `q=pump&category=${fluid}&inStock=true&qty=10&priceMax=20000`,
    `q=hydraulic&category=${fluid}&inStock=true&sort=price_asc`,
    `q=bolt&category=${fasteners}&qty=100&priceMin=500&priceMax=30000&sort=price_asc`,
    `q=motor&category=${electrical}&inStock=true&sort=newest`,
    `q=stainless+valve&inStock=true&qty=50&priceMax=25000`,
  ];

  // --- the API -----------------------------------------------------------------------------
  const api = await buildApi(rt);
  t.add(() => api.close());
  const productIds: string[] = [];
  const approved = new Set(catalog.vendors.filter((v) => v.status === 'approved').map((v) => v.id));
  for (const p of catalog.products)
    if (p.status === 'published' && approved.has(p.vendorId)) productIds.push(p.id);
  const byIdApp = api.app;
  console.log('baseline: GET /api/v1/products/{id} (the catalog API)');

  const get = async (app: typeof byIdApp, path: string) => {
    const start = performance.now();
    const res = await app.request(path, { headers: { host } });
    await res.arrayBuffer();
    const ms = performance.now() - start;
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return ms;
  };
  let n = 0;
  const nextId = () => productIds[(n++ * 7919) % productIds.length] as string;

  // Result sizes, so the figures can be read against the work each query does.
  const sizes: string[][] = [['query', 'total', 'first hit']];
  for (const list of Object.values(QUERIES)) {
    for (const qs of list) {
      const res = await api.app.request(`/api/v1/search?${qs}`, { headers: { host } });
      const body = (await res.json()) as { total: number; items: { title: string }[] };
      if (res.status !== 200) throw new Error(`search ${qs}: ${res.status} ${JSON.stringify(body)}`);
      sizes.push([
        decodeURIComponent(qs.replace(/\+/g, ' ')).replace(/category=cat_bench\d+/, 'category=…'),
        String(body.total),
        body.items[0]?.title ?? '-',
      ]);
    }
  }
  console.log();
  table(sizes);

  for (let i = 0; i < WARMUP; i++) {
    for (const list of Object.values(QUERIES)) await get(api.app, `/api/v1/search?${list[i % list.length]}`);
    await get(byIdApp, `/api/v1/products/${nextId()}`);
  }

  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(QUERIES).map((k) => [k, []]));
  const baseline: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate: the baseline is measured between searches, under the same conditions.
    for (const [kind, list] of Object.entries(QUERIES)) {
      samples[kind]?.push(await get(api.app, `/api/v1/search?${list[i % list.length]}`));
      baseline.push(await get(byIdApp, `/api/v1/products/${nextId()}`));
    }
  }

  const b50 = percentile(baseline, 50);
  const b95 = percentile(baseline, 95);
  console.log(
    `\n${ROUNDS} rounds; each round: one request of every kind, each followed by one product by id\n`,
  );
  const rows: (string | number)[][] = [['kind', 'p50 ms', 'p95 ms', 'p50 / by-id p50', 'p95 / by-id p95']];
  rows.push(['product by id (baseline)', fmt(b50, 2), fmt(b95, 2), '1.00', '1.00']);
  for (const [kind, list] of Object.entries(samples)) {
    const p50 = percentile(list, 50);
    const p95 = percentile(list, 95);
    rows.push([`search: ${kind}`, fmt(p50, 2), fmt(p95, 2), fmt(p50 / b50, 2), fmt(p95 / b95, 2)]);
  }
  table(rows);
  console.log();
  for (const [kind, list] of Object.entries(samples))
    verdict(`p95 ratio, ${kind}`, percentile(list, 95) / b95, { max: 10 });
  const all = Object.values(samples).flat();
  verdict('p95 ratio, all searches', percentile(all, 95) / b95, { max: 10 });
});
