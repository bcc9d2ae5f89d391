// The whole platform in one process for `npm start`: PostgreSQL (embedded unless DATABASE_URL),
// Redis (REDIS_URL, the local one, or a private redis-server), platform and tenant migrations, the staff
// account, the API server and the workers. Ctrl-C stops everything it started.
import { resolve } from 'node:path';
import { type Config, ConfigError, loadConfig } from '@agora/config';
import {
  createRuntime,
  DEMO_BUYER_PASSWORD,
  DEMO_TENANTS,
  demoBuyerEmail,
  demoCompanies,
  ensureStaffUser,
  seedDemo,
} from '@agora/core';
import { migratePlatform, migrateTenants } from '@agora/db';
import { devDatabase, EmbeddedPostgresError } from '@agora/db/embedded';
import { buildApi } from '@agora/platform-api';
import { startWorkers } from '@agora/provisioning';
import { redisAnswers, spawnRedisServer } from '@agora/queue';
import { serve } from '@hono/node-server';

const DEV_STAFF = { email: 'admin@agora.localhost', password: 'agora-admin' };
const log = (line: string) => console.log(`  ${line}`);
const cleanups: (() => Promise<void>)[] = [];

async function main() {
  let config: Config = loadConfig({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' });

  if (!config.databaseUrl) {
    log(`PostgreSQL: embedded, data in ${resolve(config.dataDir)}`);
    const db = await devDatabase(config.dataDir, log);
    cleanups.push(db.stop);
    config = { ...config, databaseUrl: db.url };
  } else {
    log('PostgreSQL: DATABASE_URL');
  }

  if (!(await redisAnswers(config.redisUrl))) {
    if (config.redisUrlExplicit)
      throw new ConfigError(`Redis does not answer at REDIS_URL (${config.redisUrl}).`);
    log(`Redis: nothing answers at ${config.redisUrl}; starting a private redis-server`);
    const redis = await spawnRedisServer();
    cleanups.push(redis.stop);
    config = { ...config, redisUrl: redis.url };
  }
  log(`Redis: ${config.redisUrl}`);

  const runtime = await createRuntime(config, { applicationName: 'agora' });
  cleanups.unshift(() => runtime.close());
  const applied = await migratePlatform(runtime.database);
  log(applied.length ? `Platform schema: applied ${applied.join(', ')}` : 'Platform schema: up to date');
  // Data kept from an earlier version (.data/) gets this version's tenant migrations before the
  // code that needs them serves it. In production this is `pnpm agora tenants:migrate`.
  const tenants = await migrateTenants(runtime.database, { concurrency: config.migrationConcurrency });
  log(
    tenants.migrated
      ? `Tenant schemas: migrated ${tenants.migrated} of ${tenants.total}`
      : `Tenant schemas: ${tenants.total} up to date`,
  );
  for (const f of tenants.failed) log(`Tenant schema ${f.schema} could not be migrated: ${f.error}`);

  const staff = config.staff ?? (config.env === 'production' ? undefined : DEV_STAFF);
  if (staff) await ensureStaffUser(runtime.database, staff);

  const workers = await startWorkers(runtime, { log: (l) => log(`[worker] ${l}`) });
  cleanups.unshift(() => workers.close());
  const api = await buildApi(runtime);
  cleanups.unshift(() => api.close());

  const server = await new Promise<ReturnType<typeof serve>>((ready) => {
    // Loopback unless HOST says otherwise (loadConfig refuses a reachable HOST with the built-in key).
    const s = serve({ fetch: api.app.fetch, port: config.port, hostname: config.listenHost }, () => ready(s));
  });
  cleanups.unshift(() => new Promise((r) => server.close(() => r())));

  if (config.demo) await seedDemo(runtime, log);

  const origin = (host: string) => `http://${host}:${config.port}`;
  const staffLogin = staff
    ? `${staff.email} / ${config.staff ? '(AGORA_STAFF_PASSWORD)' : staff.password}`
    : '(set AGORA_STAFF_EMAIL)';
  const demo = config.demo
    ? DEMO_TENANTS.map(
        (d) =>
          `  ${d.name.padEnd(24)} ${origin(`${d.slug}.${config.baseDomain}`)}/   console: /console  (${d.ownerEmail} / ${d.ownerPassword})\n` +
          `  ${''.padEnd(24)} buyers (storefront /account/sign-in, password ${DEMO_BUYER_PASSWORD}): ` +
          demoCompanies(d.slug)
            .map((c) =>
              ['admin', 'buyer', 'approver'].map((k) => demoBuyerEmail(d.slug, c.handle, k)).join(', '),
            )
            .join('; '),
      ).join('\n')
    : '  (demo data off: AGORA_DEMO=0)';
  console.log(`
\x1b[1mAgora is running\x1b[0m

Platform staff console   ${origin(config.platformHost)}/   (${staffLogin})
Control-plane API docs   ${origin(config.platformHost)}/platform/v1/docs
Dev mailbox              ${origin(config.platformHost)}/dev/mailbox
Readiness                ${origin(config.platformHost)}/readyz

Marketplaces (any <slug>.${config.baseDomain} works in the browser):
${demo}

Press Ctrl-C to stop.`);
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  for (const fn of cleanups)
    await fn().catch((e) => console.error(`  while stopping: ${(e as Error).message}`));
  process.exit(code);
}
// The embedded PostgreSQL runs in its own process group (Ctrl-C does not reach it); it is stopped
// here, last, after everything that uses it.
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (e) => {
  // Ctrl-C while starting (say, while the demo catalog is seeded) closes what main is using;
  // that is a stop, not a failure. The next start picks the seeding up where it was.
  if (stopping) return;
  console.error(`\n\x1b[31mCould not start:\x1b[0m ${startFailure(e)}`);
  await shutdown(1);
});

/** What went wrong, whatever was thrown: a known failure by its message, anything else with its stack. */
function startFailure(e: unknown): string {
  if (e instanceof ConfigError || e instanceof EmbeddedPostgresError) return e.message;
  if (e instanceof Error) return e.stack ?? e.message;
  return `${String(e)} (a non-Error was thrown)`;
}
