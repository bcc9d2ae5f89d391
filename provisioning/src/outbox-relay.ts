import { requireDatabaseUrl } from '@agora/config';
import {
  type Deps,
  OUTBOX_CHANNEL,
  type RelayBatchResult,
  type RelayTarget,
  relayOutboxBatch,
  relayTargets,
} from '@agora/core';
import pg from 'pg';

export type OutboxRelayOptions = {
  log?: (line: string) => void;
  /** Drain every active tenant this often (and at start), for notifications that were missed. */
  sweepEveryMs?: number;
  /** Rows per tenant per turn: a tenant with more goes to the back of the line. */
  batchSize?: number;
  /** How long one batch may wait for Redis before it rolls back and is retried (default 5 s). */
  enqueueTimeoutMs?: number;
  /** Called after each batch (logs, tests). */
  onBatch?: (tenantId: string, result: RelayBatchResult) => void;
};

/**
 * Moves outbox rows of every tenant to BullMQ.
 *
 * - Wake-ups: a dedicated connection LISTENs on `agora_outbox`; `emitEvent` NOTIFYs with the
 *   tenant id when its transaction commits. Every `sweepEveryMs`, at start and after the
 *   listening connection comes back, all active tenants are drained, so a missed notification
 *   (relay down, connection lost, PgBouncer) only delays an event.
 * - Fairness: tenants wait in one round-robin line; each turn relays at most `batchSize` rows of
 *   one tenant, and a tenant with more goes to the back. A flooding tenant slows others by at
 *   most one batch each.
 * - Failures: a batch that fails (Redis down) rolls back and its rows stay unpublished; that
 *   tenant gets another turn after a delay that grows with each failure (up to 10 s).
 */
export class OutboxRelay {
  private readonly log: (line: string) => void;
  private readonly line = new Set<string>();
  private readonly targets = new Map<string, RelayTarget>();
  private readonly notified = new Set<string>();
  private listener: pg.Client | null = null;
  private draining: Promise<void> | null = null;
  private timers = new Set<NodeJS.Timeout>();
  private sweepTimer: NodeJS.Timeout | undefined;
  /** Consecutive failed batches per tenant, for its retry delay. */
  private readonly failures = new Map<string, number>();
  private lookups = 0;
  private closed = false;

  constructor(
    private readonly deps: Pick<Deps, 'config' | 'database' | 'jobs'>,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.log = options.log ?? (() => {});
  }

  async start(): Promise<void> {
    await this.listen().catch((e) => {
      this.log(`outbox relay: cannot listen (${(e as Error).message}); retrying`);
      this.later(() => this.relisten(), 1000);
    });
    await this.sweep();
    this.sweepTimer = setInterval(() => void this.sweep(), this.options.sweepEveryMs ?? 30_000);
    this.sweepTimer.unref();
  }

  /** Queue every active tenant for a turn. */
  async sweep(): Promise<void> {
    if (this.closed) return;
    this.lookups++;
    try {
      this.enqueue(await relayTargets(this.deps.database));
    } catch (e) {
      this.log(`outbox relay: sweep failed: ${(e as Error).message}`);
    } finally {
      this.lookups--;
    }
  }

  /** Resolves once nothing is waiting: no lookups, no tenants in line, no batch running. */
  async idle(): Promise<void> {
    while (this.draining || this.notified.size || this.lookups || (this.line.size && !this.closed)) {
      await (this.draining ?? new Promise((r) => setTimeout(r, 10)));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweepTimer);
    for (const t of this.timers) clearTimeout(t);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => {});
    await this.draining;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: requireDatabaseUrl(this.deps.config),
      application_name: 'agora-outbox-relay',
      keepAlive: true,
    });
    client.on('notification', (msg) => {
      if (msg.channel === OUTBOX_CHANNEL && msg.payload) this.notify(msg.payload);
    });
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => {});
      if (this.closed) return;
      this.log('outbox relay: lost the listening connection; reconnecting');
      this.later(() => this.relisten(), 1000);
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    try {
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.listener = client;
  }

  private async relisten(): Promise<void> {
    if (this.closed || this.listener) return;
    try {
      await this.listen();
      await this.sweep(); // whatever was notified while we were not listening
    } catch {
      this.later(() => this.relisten(), 2000);
    }
  }

  /** Notifications arrive one per committed transaction; look their tenants up in one query. */
  private notify(tenantId: string) {
    if (this.closed) return;
    if (this.line.has(tenantId)) return; // already waiting for its turn
    const first = this.notified.size === 0;
    this.notified.add(tenantId);
    if (!first) return;
    setImmediate(async () => {
      const ids = [...this.notified];
      this.notified.clear();
      this.lookups++;
      try {
        this.enqueue(await relayTargets(this.deps.database, ids));
      } catch (e) {
        this.log(`outbox relay: tenant lookup failed (the sweep will catch up): ${(e as Error).message}`);
      } finally {
        this.lookups--;
      }
    });
  }

  private enqueue(targets: RelayTarget[]) {
    if (this.closed) return;
    for (const t of targets) {
      this.targets.set(t.id, t);
      this.line.add(t.id);
    }
    this.kick();
  }

  private kick() {
    if (this.draining || this.closed || this.line.size === 0) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      this.kick();
    });
  }

  private async drain(): Promise<void> {
    const limit = this.options.batchSize ?? 100;
    while (!this.closed) {
      const tenantId = this.line.values().next().value;
      if (tenantId === undefined) return;
      this.line.delete(tenantId);
      const target = this.targets.get(tenantId);
      if (!target) continue;
      try {
        const result = await relayOutboxBatch(this.deps, target, {
          limit,
          enqueueTimeoutMs: this.options.enqueueTimeoutMs ?? 5000,
        });
        this.failures.delete(tenantId);
        if (result.relayed || result.recorded || result.dropped) this.options.onBatch?.(tenantId, result);
        // Record-only topics are quiet by design; an unknown topic is most likely a mistake.
        if (result.dropped)
          this.log(
            `outbox relay: ${tenantId}: ${result.dropped} events of topics without a job (${result.droppedTopics.join(', ')}), marked published; declare record-only topics in RECORD_ONLY_TOPICS`,
          );
        if (result.more) this.line.add(tenantId); // back of the line
      } catch (e) {
        // Retry this tenant later; the others keep their turns (one broken schema or a Redis
        // outage must not turn into a busy loop, nor hold everyone back).
        const failures = (this.failures.get(tenantId) ?? 0) + 1;
        this.failures.set(tenantId, failures);
        const delay = Math.min(250 * 2 ** failures, 10_000);
        this.log(`outbox relay: ${tenantId}: ${(e as Error).message}; retrying in ${delay} ms`);
        this.later(() => {
          if (this.closed) return;
          this.line.add(tenantId);
          this.kick();
        }, delay);
      }
    }
  }

  private later(fn: () => void | Promise<void>, ms: number) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}
