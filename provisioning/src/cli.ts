import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@agora/config';
import { AppError, CreateTenantBody, TenantStatus } from '@agora/contracts';
import {
  createRuntime,
  createTenant,
  ensureStaffUser,
  getTenant,
  listTenants,
  type Runtime,
  reindexAllProducts,
} from '@agora/core';
import { migratePlatform, migrateTenants } from '@agora/db';

const HELP = `Agora operations CLI

Usage: pnpm agora <command> [options]

Commands:
  db:migrate                      Create or update the platform schema
  tenants:migrate [--concurrency N]
                                  Bring every tenant schema to the latest migration
  tenants:create --name NAME --slug SLUG --owner-email EMAIL [--no-wait]
                                  Create a tenant and follow its provisioning
  tenants:list [--status S] [--search Q] [--limit N]
                                  List tenants, newest first
  staff:create --email EMAIL --password PASSWORD
                                  Create a platform staff account
  search:reindex (--tenant SLUG | --all)
                                  Rebuild product search (PostgreSQL columns, and the
                                  Meilisearch index when MEILI_URL is set)

Uses DATABASE_URL and REDIS_URL; without DATABASE_URL it uses the development database under
AGORA_DATA_DIR (default .data/), starting it if \`npm start\` is not running.`;

const out = (line = '') => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    out(HELP);
    return command ? 0 : 1;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      concurrency: { type: 'string' },
      name: { type: 'string' },
      slug: { type: 'string' },
      'owner-email': { type: 'string' },
      'no-wait': { type: 'boolean', default: false },
      status: { type: 'string' },
      search: { type: 'string' },
      limit: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      tenant: { type: 'string' },
      all: { type: 'boolean', default: false },
    },
  });

  let config = loadConfig();
  // Loaded only when needed: the production build ships without the embedded server.
  const dev = config.databaseUrl
    ? null
    : await (await import('@agora/db/embedded')).devDatabase(config.dataDir);
  if (dev) config = { ...config, databaseUrl: dev.url };
  const runtime = await createRuntime(config, { applicationName: 'agora-cli' });
  try {
    switch (command) {
      case 'db:migrate': {
        const applied = await migratePlatform(runtime.database);
        out(applied.length ? `Applied ${applied.join(', ')}` : 'Platform schema is up to date');
        return 0;
      }
      case 'tenants:migrate':
        return await migrateCommand(runtime, values.concurrency);
      case 'tenants:create':
        return await createCommand(runtime, values);
      case 'tenants:list': {
        const status = values.status ? TenantStatus.parse(values.status) : undefined;
        const page = await listTenants(runtime.database, {
          limit: Number(values.limit ?? 50),
          status,
          q: values.search,
        });
        if (!page.data.length) {
          out(
            'No tenants yet. Create one with: pnpm agora tenants:create --name ... --slug ... --owner-email ...',
          );
          return 0;
        }
        out(`${'ID'.padEnd(22)} ${'SLUG'.padEnd(24)} ${'STATUS'.padEnd(13)} NAME`);
        for (const t of page.data)
          out(`${t.id.padEnd(22)} ${t.slug.padEnd(24)} ${t.status.padEnd(13)} ${t.name}`);
        if (page.nextCursor) out(`(more: raise --limit)`);
        return 0;
      }
      case 'staff:create': {
        if (!values.email || !values.password || values.password.length < 8) {
          out('staff:create needs --email and a --password of at least 8 characters');
          return 2;
        }
        const r = await ensureStaffUser(runtime.database, { email: values.email, password: values.password });
        out(
          r.created
            ? `Created staff account ${values.email}`
            : `Staff account ${values.email} already exists`,
        );
        return 0;
      }
      case 'search:reindex':
        return await reindexCommand(runtime, values.tenant, values.all === true);
      default:
        out(`Unknown command "${command}".\n\n${HELP}`);
        return 2;
    }
  } finally {
    await runtime.close();
    await dev?.stop();
  }
}

async function reindexCommand(runtime: Runtime, slug: string | undefined, all: boolean): Promise<number> {
  if (!slug === !all) {
    out('search:reindex needs --tenant SLUG or --all');
    return 2;
  }
  const tenants: { id: string; slug: string; schemaName: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTenants(runtime.database, { limit: 100, cursor, status: 'active', q: slug });
    for (const t of page.data) {
      if (all || t.slug === slug) {
        const full = await getTenant(runtime.database, t.id);
        if (full) tenants.push(full);
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (!tenants.length) {
    out(slug ? `No active tenant with slug ${slug}` : 'No active tenants');
    return 1;
  }
  for (const t of tenants) {
    const started = Date.now();
    const columns = await reindexAllProducts(runtime.database, t);
    const engine =
      runtime.search.kind === 'postgres' ? columns : (await runtime.search.reindexAll(t)).indexed;
    out(
      `${t.slug}: ${columns} products re-read, ${engine} in the ${runtime.search.kind} index (${Date.now() - started} ms)`,
    );
  }
  return 0;
}

async function migrateCommand(runtime: Runtime, concurrency: string | undefined): Promise<number> {
  await migratePlatform(runtime.database);
  const tty = process.stdout.isTTY;
  const summary = await migrateTenants(runtime.database, {
    concurrency: concurrency ? Number(concurrency) : runtime.config.migrationConcurrency,
    onProgress: ({ done, total, last }) => {
      if (last.status === 'failed') out(`${tty ? '\n' : ''}  failed ${last.schema}: ${last.error}`);
      if (tty) process.stdout.write(`\r  ${done}/${total} schemas`);
      else if (done === total || done % 100 === 0) out(`  ${done}/${total} schemas`);
    },
  });
  if (tty) out();
  out(
    `Tenant schemas: ${summary.total} total, ${summary.migrated} migrated, ${summary.current} already current, ${summary.failed.length} failed (${summary.durationMs} ms)`,
  );
  for (const f of summary.failed) out(`  ${f.schema}: ${f.error}`);
  return summary.failed.length ? 1 : 0;
}

async function createCommand(
  runtime: Runtime,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const parsed = CreateTenantBody.safeParse({
    name: values.name,
    slug: values.slug,
    ownerEmail: values['owner-email'],
  });
  if (!parsed.success) {
    for (const i of parsed.error.issues)
      out(`  --${i.path.join('.') === 'ownerEmail' ? 'owner-email' : i.path.join('.')}: ${i.message}`);
    return 2;
  }
  const tenant = await createTenant(runtime, parsed.data, { type: 'system', id: 'cli' });
  out(`Created ${tenant.slug} (${tenant.id}); provisioning…`);
  if (values['no-wait']) return 0;
  const seen = new Set<string>();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const t = await getTenant(runtime.database, tenant.id);
    for (const s of t?.provisioning.steps ?? []) {
      if (s.status === 'done' && !seen.has(s.step)) {
        seen.add(s.step);
        out(`  ✓ ${s.label}`);
      }
    }
    if (t?.status === 'active') {
      out(`Active at ${t.domains.map((d) => `http://${d.hostname}`).join(', ')}`);
      return 0;
    }
    if (t?.status === 'failed') {
      out(`Failed: ${t.failureReason}`);
      return 1;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  out('Still provisioning after 2 minutes. Is the worker running? (npm start runs it)');
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof AppError || e instanceof ConfigError) out(`Error: ${e.message}`);
    else out(`Error: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
