import { isOutboxTopic, OUTBOX_EVENTS, type OutboxPayload, type OutboxTopic } from '@agora/contracts';
import type { Database, TenantTx } from '@agora/db';
import { sql } from 'drizzle-orm';

/** The PostgreSQL channel the outbox relay listens on; the payload is the tenant id. */
export const OUTBOX_CHANNEL = 'agora_outbox';

/** Units of work that already sent their NOTIFY (delivered at commit, once is enough). */
const notified = new WeakSet<TenantTx>();

/**
 * Record an event in the tenant's outbox, inside the caller's unit of work, and wake the relay.
 * Both are transactional: a rolled-back change leaves no event and sends no notification, and
 * the notification is delivered only after commit, when the row is visible. NOTIFY needs no
 * table rights, so the tenant role may send it. Returns the outbox row id.
 *
 * Topics in OUTBOX_EVENTS (contracts) have a typed, validated payload and a route to a job; any
 * other topic is a plain record that the relay marks published without a job (an audit trail
 * that a later consumer can pick up by adding a route).
 */
export async function emitEvent<T extends OutboxTopic>(
  tx: TenantTx,
  topic: T,
  payload: OutboxPayload<T>,
): Promise<number>;
export async function emitEvent(
  tx: TenantTx,
  topic: string,
  payload: Record<string, unknown>,
): Promise<number>;
export async function emitEvent(
  tx: TenantTx,
  topic: string,
  payload: Record<string, unknown>,
): Promise<number> {
  const data = isOutboxTopic(topic)
    ? (OUTBOX_EVENTS[topic].parse(payload) as Record<string, unknown>)
    : payload;
  const [row] = await tx.db
    .insert(tx.t.outbox)
    .values({ topic, payload: data })
    .returning({ id: tx.t.outbox.id });
  // One notification per unit of work is enough to wake the relay for all its rows (a checkout
  // emits one event per order): each further NOTIFY would cost a round trip for nothing.
  if (!notified.has(tx)) {
    notified.add(tx);
    await tx.db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${tx.tenant.id})`);
  }
  if (!row) throw new Error('outbox insert returned no row');
  return row.id;
}

/** Wake the relay for a tenant outside a unit of work (say, when the tenant becomes active). */
export async function notifyOutbox(database: Database, tenantId: string): Promise<void> {
  await database.pool.query('select pg_notify($1, $2)', [OUTBOX_CHANNEL, tenantId]);
}
