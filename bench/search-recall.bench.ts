import { withTenant } from '@agora/db';
import { buildApi } from '@agora/platform-api';
import { sql } from 'drizzle-orm';
import { benchMarketplace } from './bench-catalog.js';
import { bench, envInt, fmt, percentile, table, verdict } from './lib.js';
import { singleEditTypos, TYPO_KINDS, type TypoKind } from './search-typos.js';

/**
 * Typo recall of the PostgreSQL search (ADR 0026) over the deterministic catalog of
 * BENCH_PRODUCTS products: for every word of 5+ letters in the catalog's vocabulary
 * (`search_words`) that visible products use, single-edit typos of every kind (an insertion and
 * a substitution of a random letter at every position, every deletion, every swap of
 * neighbours; BENCH_TYPOS_PER_KIND limits each kind to that many positions), searched through
 * the tenant API (`GET /api/v1/search`). A typo finds the intended products when the search
 * keeps it (not `dropped`), counts at least as many matches as the word as typed (up to the
 * 1,000 a search counts), and its first page holds products the word finds as typed.
 *
 * Typos that are themselves words of the catalog are not searched (no engine can tell them from
 * the word; they are counted apart). Every search is followed by one product by id through the
 * same API, so the latency ratio is measured under the same conditions. The result cache is off.
 */
// 0 or unset: every position.
const PER_KIND = process.env.BENCH_TYPOS_PER_KIND ? envInt('BENCH_TYPOS_PER_KIND', 1) : 0;
const WINDOW = 1_000;

await bench('search-recall', async (t) => {
  const { rt, host, tenant, catalog } = await benchMarketplace(t, { AGORA_SEARCH_CACHE_MB: '0' });

  const api = await buildApi(rt);
  t.add(() => api.close());
  const approved = new Set(catalog.vendors.filter((v) => v.status === 'approved').map((v) => v.id));
  const productIds: string[] = [];
  for (const p of catalog.products)
    if (p.status === 'published' && approved.has(p.vendorId)) productIds.push(p.id);
  let n = 0;
  const nextId = () => productIds[(n++ * 7919) % productIds.length] as string;

  type Body = { total: number; items: { id: string }[]; dropped: string[]; didYouMean: string | null };
  const get = async (path: string) => {
    const start = performance.now();
    const res = await api.app.request(path, { headers: { host } });
    const body = (await res.json()) as Body;
    const ms = performance.now() - start;
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return { ms, body };
  };
  const search = (q: string) => get(`/api/v1/search?q=${encodeURIComponent(q)}`);

  // The vocabulary, and what each word finds as typed (visible products only).
  const vocabulary = await withTenant(rt.database, tenant, async ({ db, t }) => {
    const r = await db.execute<{ word: string }>(
      sql`select distinct word from ${t.searchWords} order by word`,
    );
    return new Set(r.rows.map((x) => x.word));
  });
  const exact = (word: string, ids: string[] | null) =>
    withTenant(rt.database, tenant, async ({ db, t }) => {
      const r = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from (
          select 1 from ${t.products} p
          where p.status = 'published' and p.search_document @@ plainto_tsquery('simple', ${word})
            and exists (select 1 from ${t.vendors} v where v.id = p.vendor_id and v.status = 'approved')
            ${ids ? sql`and p.id = any(${sql.param(ids)}::text[])` : sql``}
          limit ${WINDOW}
        ) z`);
      return r.rows[0]?.n ?? 0;
    });
  const words: { word: string; found: number }[] = [];
  let hiddenOnly = 0;
  for (const word of vocabulary) {
    if (word.length < 5) continue;
    const found = await exact(word, null);
    if (found) words.push({ word, found });
    else hiddenOnly++;
  }
  console.log(
    `\nvocabulary: ${vocabulary.size} words, ${words.length + hiddenOnly} of 5+ letters, ` +
      `${words.length} found in visible products (${hiddenOnly} only in hidden ones)`,
  );

  // Warm up: the vocabulary is read once per catalog version and process.
  for (let i = 0; i < 20; i++) {
    await search(`${words[i % words.length]?.word ?? 'pump'}x`);
    await get(`/api/v1/products/${nextId()}`);
  }

  const tried = Object.fromEntries(TYPO_KINDS.map((k) => [k, 0])) as Record<TypoKind, number>;
  const hits = Object.fromEntries(TYPO_KINDS.map((k) => [k, 0])) as Record<TypoKind, number>;
  let collisions = 0;
  const misses: string[] = [];
  const searchMs: number[] = [];
  const byIdMs: number[] = [];
  const started = performance.now();
  for (const { word, found } of words) {
    for (const { kind, typo } of singleEditTypos(word, PER_KIND ? { perKind: PER_KIND } : {})) {
      if (vocabulary.has(typo)) {
        collisions++;
        continue;
      }
      tried[kind]++;
      const { ms, body } = await search(typo);
      searchMs.push(ms);
      byIdMs.push((await get(`/api/v1/products/${nextId()}`)).ms);
      const ok =
        !body.dropped.length &&
        body.total >= Math.min(found, WINDOW) &&
        (await exact(
          word,
          body.items.map((i) => i.id),
        )) > 0;
      if (ok) hits[kind]++;
      else misses.push(`${kind.padEnd(10)} ${word} -> ${typo}: ${body.total} found, ${found} intended`);
    }
  }
  const seconds = (performance.now() - started) / 1000;

  const all = TYPO_KINDS.reduce((s, k) => s + tried[k], 0);
  const allHits = TYPO_KINDS.reduce((s, k) => s + hits[k], 0);
  console.log(
    `\n${all} typos searched in ${fmt(seconds)} s (${collisions} typos that are catalog words left out)\n`,
  );
  table([
    ['kind', 'typos', 'found the intended products', 'recall'],
    ...TYPO_KINDS.map((k) => [k, tried[k], hits[k], `${fmt((100 * hits[k]) / Math.max(1, tried[k]), 2)}%`]),
    ['all', all, allHits, `${fmt((100 * allHits) / Math.max(1, all), 2)}%`],
  ]);
  if (misses.length) {
    console.log(`\nmissed (${misses.length}${misses.length > 30 ? ', first 30' : ''}):`);
    for (const m of misses.slice(0, 30)) console.log(`  ${m}`);
  }
  const s50 = percentile(searchMs, 50);
  const s95 = percentile(searchMs, 95);
  const b50 = percentile(byIdMs, 50);
  const b95 = percentile(byIdMs, 95);
  console.log();
  table([
    ['request', 'p50 ms', 'p95 ms', 'p95 / by-id p95'],
    ['product by id (baseline)', fmt(b50, 2), fmt(b95, 2), '1.00'],
    ['search: a typo', fmt(s50, 2), fmt(s95, 2), fmt(s95 / b95, 2)],
  ]);
  console.log();
  verdict('typo recall', allHits / Math.max(1, all), { min: 0.99 });
  verdict('p95 ratio, typo searches', s95 / b95, { max: 10 });
});
