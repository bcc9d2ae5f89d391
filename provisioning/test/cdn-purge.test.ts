import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTenant, emitEvent, outboxJobId, updateBranding } from '@agora/core';
import { type TenantRef, withTenant } from '@agora/db';
import { eventually, insertCatalog } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type WorkerHandle } from '../src/index.js';
import { createHarness, type Harness, waitForStatus } from './harness.js';

// A stand-in CDN purge endpoint on a real socket: it records every purge and can be told to fail.
type Purge = { method: string; path: string; token: string | undefined; body: unknown };
const purges: Purge[] = [];
let failNext = 0;
let server: Server;
let h: Harness;
let worker: WorkerHandle;
let tenant: TenantRef;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => {
      raw += d;
    });
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      purges.push({
        method: req.method ?? '',
        path: req.url ?? '',
        token: req.headers['fastly-key'] as string | undefined,
        body: JSON.parse(raw),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  h = await createHarness({
    AGORA_CDN_PURGE_URL: `http://127.0.0.1:${port}/service/svc/purge/{key}`,
    AGORA_CDN_PURGE_HEADERS: JSON.stringify({ 'Fastly-Key': 'secret-token' }),
  });
  worker = await startWorkers(h.runtime);
  const t = await createTenant(
    h.runtime,
    { name: 'Cached shop', slug: 'cached-shop', ownerEmail: 'o@cached.test' },
    { type: 'system', id: 'test' },
  );
  await waitForStatus(h, t.id, 'active');
  tenant = t;
  await insertCatalog(h.runtime.database, tenant, {
    vendors: [{ id: 'ven_1', name: 'Hydro Parts' }],
    products: [{ id: 'prd_1', vendorId: 'ven_1', title: 'Hydraulic pump', basePriceMinor: 100 }],
  });
});
afterAll(async () => {
  await worker?.close();
  await h?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const purgedFor = (id: string) => purges.filter((p) => p.path === `/service/svc/purge/tenant-${id}`);

describe('CDN purge by surrogate key', () => {
  it('purges the tenant after a catalog change, once the search index has it', async () => {
    purges.length = 0;
    await withTenant(h.runtime.database, tenant, (tx) =>
      emitEvent(tx, 'product.changed', { productIds: ['prd_1'] }),
    );
    await eventually(async () => purgedFor(tenant.id).length === 1, {
      what: 'a purge after the product change',
    });
    expect(purgedFor(tenant.id)[0]).toEqual({
      method: 'POST',
      path: `/service/svc/purge/tenant-${tenant.id}`,
      token: 'secret-token',
      body: { tags: [`tenant-${tenant.id}`] },
    });
  });

  it('purges after a branding change, which every page shows', async () => {
    purges.length = 0;
    await updateBranding(h.runtime.database, tenant, 'usr_test', {
      name: 'Cached Shop Renamed',
      tagline: '',
      primaryColor: '#1f4f8b',
      accentColor: '#8a3b00',
      font: 'inter',
    });
    await eventually(async () => purgedFor(tenant.id).length === 1, { what: 'a purge after the rebrand' });
  });

  it('retries a purge the CDN refused, until it is done', async () => {
    purges.length = 0;
    failNext = 1;
    const outboxId = await withTenant(h.runtime.database, tenant, (tx) =>
      emitEvent(tx, 'product.changed', { productIds: ['prd_1'] }),
    );
    await eventually(async () => purgedFor(tenant.id).length === 1, {
      timeoutMs: 15_000,
      what: 'the purge to succeed on a retry',
    });
    expect(failNext).toBe(0);
    // The indexing itself ran once: only the purge, a job of its own, was retried.
    const indexJob = await h.runtime.jobs.queue('indexing').getJob(outboxJobId(tenant.id, outboxId));
    expect(await indexJob?.getState()).toBe('completed');
    expect(indexJob?.attemptsMade).toBe(1);
    const purgeJob = await h.runtime.jobs.queue('cdn').getJob(`after-${outboxJobId(tenant.id, outboxId)}`);
    expect(purgeJob?.attemptsMade).toBe(2);
  });
});
