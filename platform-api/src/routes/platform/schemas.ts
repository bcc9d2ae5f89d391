import { z } from '@hono/zod-openapi';

// The control plane's shapes are in @agora/contracts (tenant-views.ts); this is the transport's own.

export const TenantIdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
