import { connect, createServer, type Server, type Socket } from 'node:net';
import {
  acceptInvite,
  createTenant,
  createTenantUser,
  emitEvent,
  hashLinkToken,
  inviteOperator,
  listEmails,
  loginTenantUser,
  type RelayBatchResult,
  requestPasswordReset,
  resetPassword,
} from '@agora/core';
import { withTenant } from '@agora/db';
import { createRedis, JobClient } from '@agora/queue';
import { eventually } from '@agora/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OutboxRelay, startWorkers, type WorkerHandle } from '../src/index.js';
import { createHarness, exited, type Harness, spawnWorker, waitForStatus } from './harness.js';

let h: Harness;
let worker: WorkerHandle | undefined;
const system = { type: 'system', id: 'test' } as const;
type T = { id: string; schemaName: string; slug: string };

beforeAll(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});
afterAll(() => h?.close());

const emailsTo = (to: string) => listEmails(h.runtime.database, { to, limit: 100 });
const tokenIn = (text: string) => text.match(/[?&]token=([\w-]+)/)?.[1] ?? null;

async function provision(slug: string): Promise<T> {
  const t = await createTenant(
    h.runtime,
    { name: `Shop ${slug}`, slug, ownerEmail: `owner@${slug}.test` },
    system,
  );
  await waitForStatus(h, t.id, 'active');
  // The owner's invitation is relayed right after activation (callers run a worker).
  await eventually(async () => (await unpublished(t)) === 0, { what: `${slug} invitation relayed` });
  return t;
}

/** No event waiting in the relay and no email job waiting or running. */
async function settled(w: WorkerHandle) {
  await w.relay.idle();
  await eventually(
    async () => {
      const counts = await h.runtime.jobs
        .queue('email')
        .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((n) => n === 0);
    },
    { what: 'the email queue to drain' },
  );
}

const unpublished = (t: T) =>
  withTenant(h.runtime.database, t, async ({ db, t: tt }) => {
    const rows = await db.select({ publishedAt: tt.outbox.publishedAt }).from(tt.outbox);
    return rows.filter((r) => r.publishedAt === null).length;
  });

const emailCountFor = async (tenantId: string) =>
  Number(
    (
      await h.runtime.database.pool.query('select count(*) from platform.emails where tenant_id = $1', [
        tenantId,
      ])
    ).rows[0].count,
  );

/** Write `n` password reset requests for active buyers of `t` (one event each). */
async function resetRequests(t: T, n: number, tag: string) {
  const emails: string[] = [];
  for (let i = 0; i < n; i++) {
    const email = `buyer-${tag}-${i}@${t.slug}.test`;
    await createTenantUser(h.runtime.database, t, {
      email,
      password: 'buyer-password-1',
      role: 'buyer_admin',
    });
    await requestPasswordReset(h.runtime.database, t, email);
    emails.push(email);
  }
  return emails;
}

describe('invitations through the outbox', () => {
  it('provisioning a tenant ends with an invitation email whose link sets the password and logs in', async () => {
    worker = await startWorkers(h.runtime);
    const t = await provision('invite-me');
    const [email] = await eventually(async () => {
      const list = await emailsTo('owner@invite-me.test');
      return list.length ? list : null;
    });
    expect(email).toMatchObject({
      subject: "You're invited to Shop invite-me",
      kind: 'invitation',
      status: 'stored',
    });
    expect(email!.text).toContain('http://invite-me.localhost:3000/console/accept-invite?token=');
    expect(await unpublished(t)).toBe(0);

    const token = tokenIn(email!.text)!;
    const session = await acceptInvite(h.runtime, t, {
      token,
      password: 'owner-password-123',
      name: 'Olive',
    });
    expect(session.token).toEqual(expect.any(String));
    await expect(
      loginTenantUser(h.runtime.database, h.config.jwtKeys, t, 'owner@invite-me.test', 'owner-password-123'),
    ).resolves.toMatchObject({ token: expect.any(String) });
    await expect(acceptInvite(h.runtime, t, { token, password: 'another-password-1' })).rejects.toMatchObject(
      {
        code: 'invalid_token',
      },
    );
    await settled(worker);
    expect(await emailsTo('owner@invite-me.test')).toHaveLength(1);
  });
});

describe('the outbox relay', () => {
  it('delivers every event written while the worker was stopped, each exactly once, when it starts', async () => {
    worker = await startWorkers(h.runtime);
    const a = await provision('relay-a');
    const b = await provision('relay-b');
    await settled(worker);
    await worker.close();
    worker = undefined;

    const written = [...(await resetRequests(a, 3, 'down')), ...(await resetRequests(b, 2, 'down'))];
    await inviteOperator(h.runtime.database, a, { email: 'op@relay-a.test' });
    expect(await unpublished(a)).toBe(4);

    worker = await startWorkers(h.runtime);
    await eventually(async () => (await unpublished(a)) + (await unpublished(b)) === 0, { what: 'relay' });
    await settled(worker);
    // A second sweep finds nothing to do.
    await worker.relay.sweep();
    await settled(worker);
    for (const to of [...written, 'op@relay-a.test']) {
      const got = await emailsTo(to);
      expect(got, to).toHaveLength(1);
      expect(tokenIn(got[0]!.text)).not.toBeNull();
    }
    const { rows } = await h.runtime.database.pool.query(
      `select dedupe_key, count(*)::int as n from platform.emails where tenant_id = any($1) group by 1 having count(*) > 1`,
      [[a.id, b.id]],
    );
    expect(rows).toEqual([]);
  });

  it('a relay killed after enqueueing and before marking rows published: the next one sends each email once', async () => {
    const t = await (async () => {
      worker = await startWorkers(h.runtime);
      const created = await provision('relay-crash');
      await settled(worker);
      await worker.close();
      worker = undefined;
      return created;
    })();
    const written = await resetRequests(t, 3, 'crash');
    const before = await emailCountFor(t.id);

    const doomed = spawnWorker(h.config, { AGORA_FAILPOINTS: 'outbox.relay.before-publish' });
    const { signal } = await exited(doomed);
    expect(signal, doomed.output.join('')).toBe('SIGKILL');
    expect(await unpublished(t)).toBe(3); // the transaction died with the process
    const queued = await h.runtime.jobs.queue('email').getJobCountByTypes('waiting', 'active', 'completed');
    expect(queued).toBeGreaterThanOrEqual(3); // but the jobs were enqueued

    worker = await startWorkers(h.runtime);
    await eventually(async () => (await unpublished(t)) === 0, { what: 'relay' });
    await settled(worker);
    for (const to of written) expect(await emailsTo(to), to).toHaveLength(1);
    expect(await emailCountFor(t.id)).toBe(before + 3);
  });

  it('an email job killed after creating its token: the retry sends one email, with the only live token', async () => {
    worker = await startWorkers(h.runtime);
    const t = await provision('token-crash');
    await settled(worker);
    await worker.close();
    worker = undefined;
    const [to] = await resetRequests(t, 1, 'crash');

    const doomed = spawnWorker(h.config, { AGORA_FAILPOINTS: 'email.before-send' });
    const { signal } = await exited(doomed);
    expect(signal, doomed.output.join('')).toBe('SIGKILL');
    const tokens = async () =>
      (await withTenant(h.runtime.database, t, ({ db, t: tt }) => db.select().from(tt.userTokens))).filter(
        (r) => r.purpose === 'reset',
      );
    const [first] = await tokens();
    expect(first).toBeDefined();
    expect(await emailsTo(to!)).toHaveLength(0);

    // The job's lock expires (AGORA_JOB_LOCK_MS=1500) and the next worker runs it again.
    worker = await startWorkers(h.runtime);
    const [email] = await eventually(async () => {
      const list = await emailsTo(to!);
      return list.length ? list : null;
    });
    await settled(worker);
    expect(await emailsTo(to!)).toHaveLength(1);
    const after = await tokens();
    expect(after).toHaveLength(1);
    const raw = tokenIn(email!.text)!;
    expect(after[0]!.tokenHash).toBe(hashLinkToken(raw));
    expect(after[0]!.tokenHash).not.toBe(first!.tokenHash);
    await expect(
      resetPassword(h.runtime, t, { token: raw, password: 'brand-new-password' }),
    ).resolves.toMatchObject({
      token: expect.any(String),
    });
  });

  it('keeps events unpublished while Redis is unreachable and delivers them once it is back', async () => {
    const t = await (async () => {
      worker = await startWorkers(h.runtime);
      const created = await provision('redis-down');
      await settled(worker);
      await worker.close();
      worker = undefined;
      return created;
    })();
    // The worker reaches Redis through a proxy that the test can cut.
    const proxy = await tcpProxy(new URL(h.config.redisUrl));
    const redisUrl = new URL(h.config.redisUrl);
    redisUrl.port = String(proxy.port);
    const config = { ...h.config, redisUrl: redisUrl.toString() };
    const redis = createRedis(config.redisUrl);
    const jobs = new JobClient(redis, config.queuePrefix);
    const logs: string[] = [];
    worker = await startWorkers(
      { ...h.runtime, config, jobs },
      { log: (l) => logs.push(l), outbox: { enqueueTimeoutMs: 1000 } },
    );
    try {
      await proxy.down();
      const written = await resetRequests(t, 2, 'redis');
      await eventually(async () => logs.some((l) => l.includes(`outbox relay: ${t.id}`)), {
        what: 'a failed relay attempt',
      });
      expect(await unpublished(t)).toBe(2);
      expect(await emailsTo(written[0]!)).toHaveLength(0);

      await proxy.up();
      await eventually(async () => (await unpublished(t)) === 0, {
        timeoutMs: 30_000,
        what: 'relay after outage',
      });
      for (const to of written) {
        await eventually(async () => (await emailsTo(to)).length === 1, { timeoutMs: 30_000, what: to });
      }
      await settled(worker);
      for (const to of written) expect(await emailsTo(to)).toHaveLength(1);
    } finally {
      await worker.close();
      worker = undefined;
      await jobs.close();
      redis.disconnect();
      await proxy.close();
    }
  });

  it('reconnects a lost LISTEN connection and picks up what was notified meanwhile', async () => {
    worker = await startWorkers(h.runtime, { outbox: { sweepEveryMs: 600_000 } });
    const t = await provision('listen-lost');
    await settled(worker);
    await h.runtime.database.pool.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'agora-outbox-relay' and datname = current_database()`,
    );
    const [to] = await resetRequests(t, 1, 'listen');
    await eventually(async () => (await emailsTo(to!)).length === 1, { what: 'email after reconnect' });
    // And notifications work again on the new connection.
    const [next] = await resetRequests(t, 1, 'listen-again');
    await eventually(async () => (await emailsTo(next!)).length === 1, {
      timeoutMs: 5000,
      what: 'notified email',
    });
  });

  it('record-only topics (order.completed, tracking) are marked published quietly; an unknown topic is named in the log', async () => {
    worker = await startWorkers(h.runtime);
    const shop = await provision('records');
    await settled(worker);
    await worker.close();
    worker = undefined;

    await withTenant(h.runtime.database, shop, async (tx) => {
      await emitEvent(tx, 'order.completed', { orderId: 'ord_1', status: 'completed' });
      await emitEvent(tx, 'shipment.tracking_added', { shipmentId: 'shp_1', status: 'in_transit' });
      await emitEvent(tx, 'product.approved', { productId: 'prd_1' });
    });
    const lines: string[] = [];
    const turns: RelayBatchResult[] = [];
    const relay = new OutboxRelay(h.runtime, {
      sweepEveryMs: 600_000,
      log: (line) => lines.push(line),
      onBatch: (tenantId, result) => tenantId === shop.id && turns.push(result),
    });
    try {
      await relay.start();
      await relay.idle();
      expect(await unpublished(shop)).toBe(0);
      expect(turns.map((r) => [r.relayed, r.recorded, r.dropped])).toEqual([[0, 3, 0]]);
      expect(lines.filter((l) => l.includes(shop.id))).toEqual([]);

      await withTenant(h.runtime.database, shop, (tx) => emitEvent(tx, 'test.typo', { x: 1 }));
      await eventually(async () => (await unpublished(shop)) === 0, { what: 'the unknown topic marked' });
      await relay.idle();
    } finally {
      await relay.close();
    }
    expect(turns.at(-1)).toMatchObject({ recorded: 0, dropped: 1, droppedTopics: ['test.typo'] });
    expect(lines.filter((l) => l.includes(shop.id))).toEqual([
      expect.stringContaining('1 events of topics without a job (test.typo)'),
    ]);
  });

  it('logs finished provisioning, not every routine job (its welcome email): a quiet start', async () => {
    const lines: string[] = [];
    worker = await startWorkers(h.runtime, { log: (line) => lines.push(line) });
    await provision('quietlog');
    await settled(worker);
    const sent = await h.runtime.jobs.queue('email').getJobCounts('completed');
    expect(sent.completed).toBeGreaterThan(0);
    expect(lines.filter((l) => /job tenant\.provision\.\S+ \S+ completed/.test(l)).length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.includes('email.send') && l.includes('completed'))).toEqual([]);
  });

  it('does not let a flooding tenant hold back another tenant: batches take turns', async () => {
    worker = await startWorkers(h.runtime);
    const flood = await provision('flood');
    const quiet = await provision('quiet');
    await settled(worker);
    await worker.close();
    worker = undefined;

    await withTenant(h.runtime.database, flood, async (tx) => {
      for (let i = 0; i < 250; i++) await emitEvent(tx, 'test.flood', { i });
    });
    await resetRequests(quiet, 1, 'fair');

    const turns: { tenantId: string; result: RelayBatchResult }[] = [];
    const relay = new OutboxRelay(h.runtime, {
      batchSize: 50,
      sweepEveryMs: 600_000,
      onBatch: (tenantId, result) => turns.push({ tenantId, result }),
    });
    try {
      await relay.start();
      await relay.idle();
    } finally {
      await relay.close();
    }
    expect(turns.filter((x) => x.tenantId === flood.id).map((x) => x.result.dropped)).toEqual([
      50, 50, 50, 50, 50,
    ]);
    const quietTurn = turns.findIndex((x) => x.tenantId === quiet.id);
    expect(quietTurn).toBeLessThanOrEqual(1); // right after the flooder's first batch, if not before
    expect(await unpublished(flood)).toBe(0);
    // Unrouted topics are marked published and stay as a record; they never became jobs.
    const kept = await withTenant(h.runtime.database, flood, ({ db, t }) => db.select().from(t.outbox));
    expect(kept.filter((r) => r.topic === 'test.flood')).toHaveLength(250);
  });
});

/** A TCP proxy to `target` that can be cut (every connection dropped) and restored on its port. */
async function tcpProxy(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(Number(target.port || 6379), target.hostname);
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('error', () => {});
          sock.on('close', () => {
            sockets.delete(sock);
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream);
        upstream.pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  await listen();
  const down = () =>
    new Promise<void>((resolve) => {
      for (const sock of sockets) sock.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  return {
    get port() {
      return port;
    },
    up: listen,
    down,
    close: down,
  };
}
