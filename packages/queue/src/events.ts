import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * "Something about this tenant's routing changed" (status, domains). Every API process keeps
 * a short-lived host -> tenant cache and drops the named entries when it hears this.
 */
export const TenantChanged = z.object({
  tenantId: z.string(),
  hostnames: z.array(z.string()).default([]),
});
export type TenantChanged = z.infer<typeof TenantChanged>;

export const tenantChangedChannel = (prefix: string) => `${prefix}:tenant-changed`;

export type TenantEvents = { tenantChanged(event: TenantChanged): Promise<void> };

export function redisTenantEvents(redis: Redis, prefix: string): TenantEvents {
  return {
    async tenantChanged(event) {
      await redis.publish(tenantChangedChannel(prefix), JSON.stringify(TenantChanged.parse(event)));
    },
  };
}

/** Subscribe on a dedicated connection (a subscribed connection can do nothing else). */
export async function subscribeTenantChanged(
  subscriber: Redis,
  prefix: string,
  onEvent: (event: TenantChanged) => void,
): Promise<void> {
  const channel = tenantChangedChannel(prefix);
  subscriber.on('message', (ch, message) => {
    if (ch !== channel) return;
    const parsed = TenantChanged.safeParse(safeJson(message));
    if (parsed.success) onEvent(parsed.data);
  });
  await subscriber.subscribe(channel);
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
