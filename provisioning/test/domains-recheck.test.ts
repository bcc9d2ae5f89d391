import { addDomain, createTenant } from '@agora/core';
import type { TenantRef } from '@agora/db';
import { eventually } from '@agora/testing';
import { startTestDnsServer, type TestDnsServer } from '@agora/testing/dns-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type WorkerHandle } from '../src/index.js';
import { createHarness, type Harness, waitForStatus } from './harness.js';

// The scheduled recheck (a BullMQ job scheduler in the worker) against a real DNS server on
// loopback: a domain verifies by itself once its records exist, is flagged failing when they go,
// is disabled after the grace period (0 here), and each change reaches the owner's mailbox.

const TARGET = 'edge.recheck.test';
let dns: TestDnsServer;
let h: Harness;
let worker: WorkerHandle;
let tenant: TenantRef & { slug: string };

beforeAll(async () => {
  dns = await startTestDnsServer();
  h = await createHarness({
    AGORA_DNS_SERVERS: dns.address,
    AGORA_DOMAIN_TARGET: TARGET,
    AGORA_DOMAIN_RECHECK_S: '1',
    AGORA_DOMAIN_GRACE_H: '0',
  });
  worker = await startWorkers(h.runtime);
  const t = await createTenant(
    h.runtime,
    { name: 'Recheck shop', slug: 'recheck-shop', ownerEmail: 'owner@recheck.test' },
    { type: 'system', id: 'test' },
  );
  await waitForStatus(h, t.id, 'active');
  tenant = t;
}, 120_000);
afterAll(async () => {
  await worker?.close();
  await h?.close();
  await dns?.close();
});

const statusOf = async (id: string) =>
  (await h.runtime.database.pool.query('select status from platform.domains where id = $1', [id])).rows[0]
    ?.status as string | undefined;

describe('the scheduled domain recheck', () => {
  it('verifies, flags, disables, and emails the owner at each change', async () => {
    const { domain } = await addDomain(
      h.runtime,
      tenant,
      { domain: 'shop.recheck-corp.test' },
      { type: 'system' },
    );
    dns.set('_agora.shop.recheck-corp.test', { txt: [domain.verificationToken] });
    dns.set('shop.recheck-corp.test', { cname: TARGET });
    await eventually(async () => (await statusOf(domain.id)) === 'verified', { what: 'verified by the job' });

    dns.remove('shop.recheck-corp.test');
    await eventually(async () => (await statusOf(domain.id)) === 'failing', { what: 'flagged failing' });
    await eventually(async () => (await statusOf(domain.id)) === 'disabled', {
      what: 'disabled after the grace',
    });

    const subjects = await eventually(
      async () => {
        const { rows } = await h.runtime.database.pool.query<{ subject: string }>(
          'select subject from platform.emails where "to" = $1 and kind = \'domain_status\'',
          ['owner@recheck.test'],
        );
        return rows.length >= 3 ? rows.map((r) => r.subject) : null;
      },
      { what: 'three domain emails' },
    );
    expect(subjects).toEqual(
      expect.arrayContaining([
        'shop.recheck-corp.test is verified for Recheck shop',
        'Action needed: shop.recheck-corp.test stopped verifying',
        'shop.recheck-corp.test was disabled',
      ]),
    );
  }, 60_000);
});
