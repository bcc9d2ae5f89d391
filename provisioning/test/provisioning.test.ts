import { createTenant, createTenantUser, getStorefront, getTenant, retryProvisioning } from '@agora/core';
import { loadMigrations, platformTables as p, withTenant } from '@agora/db';
import { migrateTenantsJob } from '@agora/queue';
import { eventually } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type WorkerHandle } from '../src/index.js';
import { createHarness, exited, type Harness, objectCounts, spawnWorker, waitForStatus } from './harness.js';

let h: Harness;
let worker: WorkerHandle | undefined;
const staff = { type: 'staff', id: 'stf_test' } as const;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await worker?.close();
  await h?.close();
});

const tenantMeta = async (id: string) => (await getTenant(h.runtime.database, id))!;

describe('tenant provisioning', () => {
  it('takes a new tenant from provisioning to active with role, schema, migrations, seed and domain', async () => {
    worker = await startWorkers(h.runtime);
    const created = await createTenant(
      h.runtime,
      { name: 'Acme Supply', slug: 'acme', ownerEmail: 'owner@acme.test' },
      staff,
    );
    expect(created.status).toBe('provisioning');
    expect(created.provisioning.steps.map((s) => s.status)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);

    const active = await waitForStatus(h, created.id, 'active');
    expect(active.provisioning.progress).toBe(100);
    expect(active.domains).toEqual([{ hostname: 'acme.localhost', kind: 'platform', primary: true }]);
    expect(await objectCounts(h, created)).toEqual({
      roles: 1,
      schemas: 1,
      migrations: loadMigrations('tenant').length,
      domains: 1,
    });

    const storefront = await getStorefront(h.runtime.database, created);
    expect(storefront.name).toBe('Acme Supply');
    const users = await withTenant(h.runtime.database, created, ({ db, t }) => db.select().from(t.users));
    expect(users).toMatchObject([
      { email: 'owner@acme.test', role: 'owner', status: 'invited', passwordHash: null },
    ]);
    const outbox = await withTenant(h.runtime.database, created, ({ db, t }) => db.select().from(t.outbox));
    expect(outbox).toMatchObject([
      { topic: 'user.invited', payload: { email: 'owner@acme.test', role: 'owner' } },
    ]);
  });

  it('marks the tenant failed with the reason when a step cannot succeed, and a retry finishes it', async () => {
    // Another tenant already holds the hostname this one would get.
    const holder = await createTenant(
      h.runtime,
      { name: 'Holder', slug: 'holder', ownerEmail: 'o@holder.test' },
      staff,
    );
    await waitForStatus(h, holder.id, 'active');
    await h.runtime.database.platform
      .insert(p.domains)
      // One table holds every host (ADR 0041): another marketplace's custom domain, even pending, holds the name.
      .values({
        id: 'dom_conflict',
        hostname: 'clash.localhost',
        tenantId: holder.id,
        kind: 'custom',
        verificationToken: 'agora-verify-clash',
      });

    const t = await createTenant(
      h.runtime,
      { name: 'Clash', slug: 'clash', ownerEmail: 'o@clash.test' },
      staff,
    );
    const failed = await waitForStatus(h, t.id, 'failed');
    expect(failed.failureReason).toBe(
      'Register default domain failed: the hostname clash.localhost is already in use by another tenant',
    );
    expect(failed.provisioning.steps.find((s) => s.step === 'domain')).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
    expect(failed.provisioning.steps.filter((s) => s.status === 'done').map((s) => s.step)).toEqual([
      'role',
      'schema',
      'migrations',
      'seed',
    ]);

    await h.runtime.database.pool.query(`delete from platform.domains where id = 'dom_conflict'`);
    const retried = await retryProvisioning(h.runtime, t.id, staff);
    expect(retried.status).toBe('provisioning');
    const active = await waitForStatus(h, t.id, 'active');
    expect(active.provisioning.attempt).toBe(2);
    expect(active.domains.map((d) => d.hostname)).toEqual(['clash.localhost']);
    await expect(retryProvisioning(h.runtime, t.id, staff)).rejects.toMatchObject({ code: 'invalid_state' });
  });

  it('re-enqueues a tenant whose job was lost (the reconciler)', async () => {
    await worker?.close();
    worker = undefined;
    const t = await createTenant(
      h.runtime,
      { name: 'Lost Job', slug: 'lost-job', ownerEmail: 'o@lost.test' },
      staff,
    );
    await h.runtime.jobs.queue('provisioning').obliterate({ force: true }); // Redis lost the job
    worker = await startWorkers(h.runtime); // reconciles at start
    await waitForStatus(h, t.id, 'active');
  });
});

describe('a worker killed in the middle of provisioning', () => {
  for (const step of ['role', 'migrations', 'seed', 'domain']) {
    it(`resumes after a kill at the ${step} step and ends active with nothing duplicated`, async () => {
      await worker?.close();
      worker = undefined;
      const t = await createTenant(
        h.runtime,
        { name: `Crash ${step}`, slug: `crash-${step}`, ownerEmail: `o@${step}.test` },
        staff,
      );

      // The step's work is committed, but the worker dies before recording the step as done.
      const doomed = spawnWorker(h.config, { AGORA_FAILPOINTS: `provision.${step}.before-done` });
      const { signal } = await exited(doomed);
      expect(signal, doomed.output.join('')).toBe('SIGKILL');
      expect((await tenantMeta(t.id)).status).toBe('provisioning');

      const survivor = spawnWorker(h.config);
      try {
        await waitForStatus(h, t.id, 'active', 40_000);
      } finally {
        survivor.kill('SIGTERM');
        await exited(survivor);
      }
      expect(await objectCounts(h, t)).toEqual({
        roles: 1,
        schemas: 1,
        migrations: loadMigrations('tenant').length,
        domains: 1,
      });
      const [users, outbox] = await withTenant(h.runtime.database, t, async ({ db, t: tt }) => [
        await db.select().from(tt.users),
        await db.select().from(tt.outbox),
      ]);
      expect(users).toHaveLength(1);
      expect(outbox).toHaveLength(1);
      // The tenant works: a user can be added through the tenant's own role.
      await expect(
        createTenantUser(h.runtime.database, t, {
          email: 'buyer@x.test',
          password: 'pw-123456',
          role: 'buyer_admin',
        }),
      ).resolves.toMatchObject({ role: 'buyer_admin' });
    });
  }
});

describe('tenants.migrate.v1', () => {
  it('brings every tenant schema up to date and returns the summary as the job result', async () => {
    worker ??= await startWorkers(h.runtime);
    // Forget one tenant's ledger so that it has something to do (its tables already exist,
    // so the re-run fails for that schema and is reported, while the others stay current).
    const one = await createTenant(
      h.runtime,
      { name: 'Migrated', slug: 'migrated', ownerEmail: 'o@migrated.test' },
      staff,
    );
    await waitForStatus(h, one.id, 'active');
    await h.runtime.database.pool.query('delete from platform.schema_migrations where schema_name = $1', [
      one.schemaName,
    ]);

    const job = await h.runtime.jobs.enqueue(migrateTenantsJob, { concurrency: 2 });
    const done = await eventually(async () => {
      const j = await h.runtime.jobs.queue('migrations').getJob(job.id!);
      return j && (await j.getState()) === 'completed' ? j : null;
    });
    const total = Number(
      (await h.runtime.database.pool.query(`select count(*) from platform.tenants`)).rows[0].count,
    );
    expect(done.returnvalue).toMatchObject({
      total,
      migrated: 0,
      current: total - 1,
      failed: [{ schema: one.schemaName, error: expect.stringMatching(/already exists/) }],
    });
    expect(done.progress).toMatchObject({ done: total, total, percent: 100 });
  });
});
