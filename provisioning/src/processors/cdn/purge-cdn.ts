import { type Deps, tenantSurrogateKey } from '@agora/core';
import { cdnPurgeJob } from '@agora/queue';
import { defineProcessor } from '../../processor.js';

/** `cdn.purge.v1`: a change every page shows (branding) -> the tenant's pages purged at the CDN, if any. */
export const purgeCdn = (deps: Pick<Deps, 'cdn'>) =>
  defineProcessor({
    job: cdnPurgeJob,
    isPermanent: () => false,
    handle: async (payload) => {
      await deps.cdn.purge([tenantSurrogateKey(payload.tenantId)]);
      return { purged: deps.cdn.enabled };
    },
  });
