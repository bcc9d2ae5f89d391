import { readFileSync } from 'node:fs';
import { PostgresSearchEngine, type SearchResult } from '@agora/core';
import { buildApi } from '@agora/platform-api';
import { benchMarketplace } from './bench-catalog.js';
import { bench, buildBenchStorefront, envInt, fmt, table } from './lib.js';

/**
 * Where a storefront page's CPU goes (a diagnostic, no goal): pages and API calls served in
 * process (no HTTP, no load generator), 16 at a time, with the CPU time of this Node process and
 * of the PostgreSQL backends serving it, per request. "canned" answers every search with one
 * stored result, so a row shows what the page costs with a free database; "cache hit" searches
 * through the PostgreSQL engine's result cache (ADR 0020), which a repeated search hits after a
 * catalog version check; the other rows search with the cache off.
 * Builds the storefront with its `/bare` route (`build:bench`); run with NODE_ENV=production like the storefront benchmark.
 */
const SECONDS = envInt('BENCH_SECONDS', 4);
type Mode = 'real' | 'cache hit' | 'canned';
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 16);

await bench('storefront-cpu', async (t) => {
  // The deterministic catalog of the search benchmark (100,000 products by default).
  const { rt, host } = await benchMarketplace(t, { AGORA_SEARCH_CACHE_MB: '0' });

  // Canned mode: every search answers with the result stored for the same query.
  const search = rt.search.search.bind(rt.search);
  const cached = new PostgresSearchEngine(rt.database, 32 * 1024 * 1024);
  const stored = new Map<string, SearchResult>();
  let mode: Mode = 'real';
  rt.search.search = async (ref, query) => {
    if (mode === 'cache hit') return cached.search(ref, query);
    const key = JSON.stringify(query);
    const hit = mode === 'canned' ? stored.get(key) : undefined;
    if (hit) return hit;
    const result = await search(ref, query);
    stored.set(key, result);
    return result;
  };

  const api = await buildApi(rt, { storefront: buildBenchStorefront() });
  t.add(() => api.close());
  const get = async (path: string) => {
    const res = await api.app.request(path, { headers: { host } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: status ${res.status}`);
  };

  // The backends of this process's pool, by pid, read from /proc (PostgreSQL on this machine).
  const backendCpuMs = async (): Promise<number | null> => {
    const { rows } = await rt.database.pool.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = current_database() and application_name = 'agora-bench'`,
    );
    let ticks = 0;
    for (const { pid } of rows) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        return null; // not on this machine
      }
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  };

  const measure = async (path: string) => {
    for (let i = 0; i < 100; i++) await get(path);
    const end = Date.now() + SECONDS * 1000;
    let n = 0;
    const pg0 = await backendCpuMs();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < end) {
          await get(path);
          n++;
        }
      }),
    );
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const pg1 = await backendCpuMs();
    return {
      perSecond: (n * 1000) / ms,
      nodeMs: (cpu.user + cpu.system) / 1000 / n,
      pgMs: pg0 === null || pg1 === null ? null : (pg1 - pg0) / n,
    };
  };

  const SEARCH_PAGE = '/search?q=hydraulic+pump';
  const SEARCH_API = '/api/v1/search?q=hydraulic+pump&limit=24';
  const cases: [string, string, Mode][] = [
    ['bare route', '/bare', 'real'],
    ['search page', SEARCH_PAGE, 'real'],
    ['search page, cache hit', SEARCH_PAGE, 'cache hit'],
    ['search page, canned search', SEARCH_PAGE, 'canned'],
    ['search API', SEARCH_API, 'real'],
    ['search API, cache hit', SEARCH_API, 'cache hit'],
    ['search API, canned search', SEARCH_API, 'canned'],
    ['home page', '/', 'real'],
    ['home page, cache hit', '/', 'cache hit'],
  ];
  const rows: string[][] = [];
  for (const [label, path, caseMode] of cases) {
    mode = caseMode;
    const r = await measure(path);
    rows.push([label, fmt(r.perSecond, 0), fmt(r.nodeMs, 2), r.pgMs === null ? '-' : fmt(r.pgMs, 2)]);
  }
  console.log(`\nin process, ${CONCURRENCY} concurrent requests, ${SECONDS} s each, CPU per request\n`);
  table([['request', 'per second', 'Node CPU ms', 'PostgreSQL CPU ms'], ...rows]);
});
