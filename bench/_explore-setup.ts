import { loadConfig } from '@agora/config';
import { createRuntime, createTenant, runProvisioning } from '@agora/core';
import { ensureAppDatabase, migratePlatform } from '@agora/db';
import { buildBenchCatalog } from './bench-catalog.js';

const url = await ensureAppDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'agora_h7_explore', 'h7x');
const config = loadConfig({
  DATABASE_URL: url,
  AGORA_DATA_DIR: '/tmp/h7x-data',
  AGORA_QUEUE_PREFIX: '{h7x}',
});
const rt = await createRuntime(config);
await migratePlatform(rt.database);
const tenant = await createTenant(
  rt,
  { name: 'Bench Market', slug: 'bench', ownerEmail: 'o@bench.test' },
  { type: 'system', id: 'bench' },
);
await runProvisioning(rt, tenant.id, { finalAttempt: true });
await buildBenchCatalog(
  rt,
  { id: tenant.id, schemaName: tenant.schemaName },
  { products: 100_000, vendors: 500 },
);
console.log(url, tenant.schemaName);
await rt.close();
