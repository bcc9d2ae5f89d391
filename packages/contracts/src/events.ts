import { z } from 'zod';

/**
 * Outbox events: written in the same transaction as the change they describe (see
 * `emitEvent` in @agora/core) and relayed to the queues by the worker. The topic names the
 * fact; the payload is what a handler needs, validated on both sides.
 */
export const OUTBOX_EVENTS = {
  'user.invited': z.object({ userId: z.string(), email: z.string(), role: z.string() }),
  'user.password_reset_requested': z.object({ userId: z.string(), email: z.string() }),
} as const;

export type OutboxTopic = keyof typeof OUTBOX_EVENTS;
export type OutboxPayload<T extends OutboxTopic> = z.infer<(typeof OUTBOX_EVENTS)[T]>;

export const isOutboxTopic = (topic: string): topic is OutboxTopic => Object.hasOwn(OUTBOX_EVENTS, topic);
