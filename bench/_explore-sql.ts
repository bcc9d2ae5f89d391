import { loadConfig } from '@agora/config';
import { createRuntime } from '@agora/core';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { searchProductsPg } from '../packages/core/src/search/search-products-pg.js';

const orig = pg.Client.prototype.query;
let captured: { text: string; values: unknown[] } | null = null;
(pg.Client.prototype as any).query = function (q: any, v: any, ...rest: any[]) {
  if (typeof q === 'object' && q?.text?.includes('fm as materialized'))
    captured = { text: q.text, values: q.values ?? v };
  if (typeof q === 'string' && q.includes('fm as materialized')) captured = { text: q, values: v };
  return (orig as any).call(this, q, v, ...rest);
};
const rt = await createRuntime(
  loadConfig({ DATABASE_URL: process.argv[2], AGORA_DATA_DIR: '/tmp/h7x-data', AGORA_SEARCH_CACHE_MB: '0' }),
);
const tenant = { id: 'x', schemaName: process.argv[3] as string };
const q = { sort: 'relevance', page: 1, limit: 24, facets: true, countTotal: true } as any;
let r = await searchProductsPg(rt.database, tenant, q);
const n = 200;
const s = performance.now();
for (let i = 0; i < n; i++) r = await searchProductsPg(rt.database, tenant, q);
console.error(
  'ms per browse (serial)',
  ((performance.now() - s) / n).toFixed(2),
  'items',
  r.result.items.length,
  'cats',
  r.result.facets.categories.length,
  'json bytes',
  JSON.stringify(r.result).length,
);
let text = captured!.text;
captured!.values.forEach((v, i) => {
  text = text.replaceAll(
    new RegExp(`\\$${i + 1}(?!\\d)`, 'g'),
    v === null ? 'null' : typeof v === 'number' ? String(v) : `'${v}'`,
  );
});
console.log(text);
await rt.close();
