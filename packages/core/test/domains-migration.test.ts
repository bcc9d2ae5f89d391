import {
  connectDatabase,
  type Database,
  dropAppDatabase,
  ensureAppDatabase,
  loadMigrations,
  migratePlatform,
} from '@agora/db';
import { adminDatabaseUrl } from '@agora/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowCertificate, lookupTenantByHost, primaryHostname } from '../src/index.js';

/**
 * Platform migrations 0005 and 0006 (ADR 0041): `platform.tenant_domains` merged into
 * `platform.domains`. A database at 0004 with rows in both tables migrates with every row kept
 * (ids included), and every host resolves as before, to the same tenant.
 */
const PLATFORM_HOST = 'platform.localhost';
const all = loadMigrations('platform');
const merge = all.findIndex((m) => m.name === '0005_one_domain_table');
const adminUrl = adminDatabaseUrl();
const name = `agora_test_merge_${Math.random().toString(36).slice(2, 10)}`;
let database: Database;

beforeAll(async () => {
  database = await connectDatabase(await ensureAppDatabase(adminUrl, name, 'test'), { max: 4 });
  expect(merge).toBeGreaterThan(0);
  await migratePlatform(database, all.slice(0, merge));
});
afterAll(async () => {
  await database?.close();
  await dropAppDatabase(adminUrl, name);
});

const q = async <T>(text: string, params: unknown[] = []) =>
  (await database.pool.query(text, params)).rows as T[];

/** The lookup as it was before the merge (core/tenants/lookup-host.ts at 0004), verbatim. */
async function lookupBefore(hostname: string) {
  const [row] = await q<{ id: string; via: string; primary_host: string | null; status: string }>(
    `select t.id, t.status, h.via,
            (select d.domain from platform.tenant_domains d
              where d.tenant_id = t.id and d.is_primary and d.status = 'verified') as primary_host
       from (select tenant_id, 'default' as via, 0 as rank from platform.domains where hostname = $1
             union all
             select tenant_id, status, 1 from platform.tenant_domains
              where domain = $1 and status in ('verified', 'failing')) h
       join platform.tenants t on t.id = h.tenant_id
      order by h.rank
      limit 1`,
    [hostname],
  );
  return row ? { id: row.id, status: row.status, via: row.via, primaryHost: row.primary_host } : null;
}

/** primaryHostname before the merge (core/emails/public-origin.ts at 0004). */
async function primaryBefore(tenantId: string) {
  const [custom] = await q<{ domain: string }>(
    `select domain from platform.tenant_domains where tenant_id = $1 and is_primary and status = 'verified'`,
    [tenantId],
  );
  if (custom) return custom.domain;
  const [row] = await q<{ hostname: string }>(
    `select hostname from platform.domains where tenant_id = $1 order by is_primary desc, created_at asc limit 1`,
    [tenantId],
  );
  return row?.hostname ?? null;
}

const HOSTS = [
  'alpha.localhost',
  'beta.localhost',
  'gamma.localhost',
  'shop.alpha.test',
  'www.alpha.test',
  'pending.alpha.test',
  'old.alpha.test',
  'shop.beta.test',
  'legacy.beta.test',
  'shop.gamma.test',
  'nobody.test',
];
const TENANTS = ['ten_alpha', 'ten_beta', 'ten_gamma'];

describe('merging tenant_domains into domains', () => {
  let domainsBefore: Record<string, unknown>[];
  let customBefore: Record<string, unknown>[];
  const before = new Map<string, unknown>();
  const primariesBefore = new Map<string, string | null>();

  beforeAll(async () => {
    await q(`insert into platform.tenants (id, slug, name, status, schema_name, owner_email) values
      ('ten_alpha', 'alpha', 'Alpha', 'active', 't_alpha', 'o@alpha.test'),
      ('ten_beta', 'beta', 'Beta', 'active', 't_beta', 'o@beta.test'),
      ('ten_gamma', 'gamma', 'Gamma', 'suspended', 't_gamma', 'o@gamma.test')`);
    // As provisioning wrote them (kind 'subdomain', primary), and one 'custom' row written by hand.
    await q(`insert into platform.domains (id, hostname, tenant_id, kind, is_primary, created_at) values
      ('dom_a', 'alpha.localhost', 'ten_alpha', 'subdomain', true, '2026-01-01T00:00:00Z'),
      ('dom_b', 'beta.localhost', 'ten_beta', 'subdomain', true, '2026-01-02T00:00:00Z'),
      ('dom_b_legacy', 'legacy.beta.test', 'ten_beta', 'custom', false, '2026-01-03T00:00:00Z'),
      ('dom_g', 'gamma.localhost', 'ten_gamma', 'subdomain', true, '2026-01-04T00:00:00Z')`);
    await q(`insert into platform.tenant_domains
      (id, domain, tenant_id, status, verification_token, is_primary, last_checked_at, last_result, failing_since, created_at, updated_at) values
      ('dom_a1', 'shop.alpha.test', 'ten_alpha', 'verified', 'agora-verify-a1', true, '2026-02-01T10:00:00Z', '{"ownership": true, "routing": true, "problem": null}', null, '2026-01-10T00:00:00Z', '2026-02-01T10:00:00Z'),
      ('dom_a2', 'www.alpha.test', 'ten_alpha', 'failing', 'agora-verify-a2', false, '2026-02-01T11:00:00Z', '{"ownership": true, "routing": false, "problem": "points elsewhere"}', '2026-02-01T09:00:00Z', '2026-01-11T00:00:00Z', '2026-02-01T11:00:00Z'),
      ('dom_a3', 'pending.alpha.test', 'ten_alpha', 'pending', 'agora-verify-a3', false, null, null, null, '2026-01-12T00:00:00Z', '2026-01-12T00:00:00Z'),
      ('dom_a4', 'old.alpha.test', 'ten_alpha', 'disabled', 'agora-verify-a4', false, '2026-01-20T00:00:00Z', '{"ownership": false, "routing": false, "problem": "gone"}', '2026-01-15T00:00:00Z', '2026-01-13T00:00:00Z', '2026-01-20T00:00:00Z'),
      ('dom_b1', 'shop.beta.test', 'ten_beta', 'verified', 'agora-verify-b1', false, '2026-02-02T00:00:00Z', null, null, '2026-01-14T00:00:00Z', '2026-02-02T00:00:00Z'),
      ('dom_g1', 'shop.gamma.test', 'ten_gamma', 'verified', 'agora-verify-g1', true, '2026-02-03T00:00:00Z', null, null, '2026-01-15T00:00:00Z', '2026-02-03T00:00:00Z')`);

    domainsBefore = await q('select * from platform.domains order by id');
    customBefore = await q('select * from platform.tenant_domains order by id');
    for (const host of HOSTS) before.set(host, await lookupBefore(host));
    for (const id of TENANTS) primariesBefore.set(id, await primaryBefore(id));
  });

  it('stops, changing nothing, when a name is in both tables; migrates once that is resolved', async () => {
    await q(`insert into platform.tenant_domains (id, domain, tenant_id, status, verification_token)
             values ('dom_clash', 'beta.localhost', 'ten_alpha', 'pending', 'agora-verify-clash')`);
    await expect(migratePlatform(database)).rejects.toThrow(/beta\.localhost \(dom_clash\)/);
    // The transaction rolled back: the old tables as they were, no later migration recorded.
    expect(await q('select * from platform.domains order by id')).toEqual(domainsBefore);
    const applied = await q<{ migration: string }>(
      `select migration from platform.schema_migrations where schema_name = 'platform' order by migration`,
    );
    expect(applied.map((r) => r.migration)).toEqual(all.slice(0, merge).map((m) => m.name));

    await q(`delete from platform.tenant_domains where id = 'dom_clash'`);
    expect(await migratePlatform(database)).toEqual(all.slice(merge).map((m) => m.name));
    const [{ table } = { table: 'missing' }] = await q<{ table: string | null }>(
      `select to_regclass('platform.tenant_domains')::text as table`,
    );
    expect(table).toBeNull();
  });

  it('keeps every row of both tables, with its id', async () => {
    const after = await q<Record<string, unknown>>('select * from platform.domains order by id');
    expect(after).toHaveLength(domainsBefore.length + customBefore.length);
    const byId = new Map(after.map((r) => [r.id, r]));
    for (const old of domainsBefore) {
      // A platform host: always served, no token, never the primary custom domain.
      expect(byId.get(old.id)).toMatchObject({
        hostname: old.hostname,
        tenant_id: old.tenant_id,
        created_at: old.created_at,
        kind: 'platform',
        status: 'verified',
        verification_token: null,
        is_primary: false,
      });
    }
    for (const old of customBefore) {
      expect(byId.get(old.id)).toEqual({
        id: old.id,
        hostname: old.domain,
        tenant_id: old.tenant_id,
        kind: 'custom',
        status: old.status,
        verification_token: old.verification_token,
        is_primary: old.is_primary,
        last_checked_at: old.last_checked_at,
        last_result: old.last_result,
        failing_since: old.failing_since,
        created_at: old.created_at,
        updated_at: old.updated_at,
      });
    }
  });

  it('resolves every host as before, to the same tenant, and links and certificates are unchanged', async () => {
    for (const host of HOSTS) {
      const now = await lookupTenantByHost(database, host);
      const then = before.get(host);
      expect(
        now && { id: now.id, status: now.status, via: now.via, primaryHost: now.primaryHost },
        host,
      ).toEqual(then);
    }
    // Spelled out, so the comparison above cannot pass on two empty answers.
    expect(await lookupTenantByHost(database, 'shop.alpha.test')).toMatchObject({
      id: 'ten_alpha',
      via: 'verified',
      primaryHost: 'shop.alpha.test',
    });
    expect(await lookupTenantByHost(database, 'www.alpha.test')).toMatchObject({
      id: 'ten_alpha',
      via: 'failing',
    });
    expect(await lookupTenantByHost(database, 'shop.beta.test')).toMatchObject({
      id: 'ten_beta',
      via: 'verified',
    });
    expect(await lookupTenantByHost(database, 'legacy.beta.test')).toMatchObject({
      id: 'ten_beta',
      via: 'default',
    });
    expect(await lookupTenantByHost(database, 'pending.alpha.test')).toBeNull();
    expect(await lookupTenantByHost(database, 'old.alpha.test')).toBeNull();

    for (const id of TENANTS) expect(await primaryHostname(database, id), id).toBe(primariesBefore.get(id));
    expect(primariesBefore.get('ten_beta')).toBe('beta.localhost');

    const allowed = [];
    for (const host of [...HOSTS, PLATFORM_HOST]) {
      if (await allowCertificate(database, PLATFORM_HOST, host)) allowed.push(host);
    }
    expect(allowed).toEqual([
      'alpha.localhost',
      'beta.localhost',
      'shop.alpha.test',
      'shop.beta.test',
      'legacy.beta.test',
      PLATFORM_HOST,
    ]);
  });

  it('one name, one marketplace: a name another marketplace holds is refused, whatever its kind', async () => {
    const insert = (id: string, hostname: string, tenant: string, kind: string, token: string | null) =>
      q(
        `insert into platform.domains (id, hostname, tenant_id, kind, status, verification_token)
         values ($1, $2, $3, $4, $5, $6)`,
        [id, hostname, tenant, kind, kind === 'platform' ? 'verified' : 'pending', token],
      );
    // Beta's custom domain as Alpha's custom domain, Alpha's platform host as Beta's custom domain.
    await expect(insert('dom_x1', 'shop.beta.test', 'ten_alpha', 'custom', 't')).rejects.toMatchObject({
      code: '23505',
    });
    await expect(insert('dom_x2', 'alpha.localhost', 'ten_beta', 'custom', 't')).rejects.toMatchObject({
      code: '23505',
    });
    // Only the normal form is stored (lower case, punycode, no trailing dot), so spellings cannot slip past the index.
    for (const spelling of ['Shop.Beta.test', 'shop.beta.test.', 'bücher.beta.test']) {
      await expect(insert('dom_x3', spelling, 'ten_alpha', 'custom', 't'), spelling).rejects.toMatchObject({
        code: '23514',
      });
    }
    // A custom domain needs its token; a platform host is always served and is never primary.
    await expect(insert('dom_x4', 'notoken.alpha.test', 'ten_alpha', 'custom', null)).rejects.toMatchObject({
      code: '23514',
    });
    await expect(q(`update platform.domains set is_primary = true where id = 'dom_a'`)).rejects.toMatchObject(
      { code: '23514' },
    );
    // At most one primary custom domain per marketplace.
    await expect(
      q(`update platform.domains set is_primary = true where id = 'dom_a2'`),
    ).rejects.toMatchObject({ code: '23505' });
    const count = await database.platform.execute<{ n: number }>(
      sql`select count(*)::int as n from platform.domains`,
    );
    expect(count.rows[0]?.n).toBe(domainsBefore.length + customBefore.length);
  });
});
