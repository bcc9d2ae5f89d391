import { type Deps, indexSearchEvent, PermanentJobError } from '@agora/core';
import { cdnPurgeJob, searchIndexJob } from '@agora/queue';
import { defineProcessor } from '../../processor.js';

/**
 * `search.index.v1`: one product, vendor or category event -> the affected products re-indexed.
 * Pages show search results, so once the index is current the tenant's pages are purged at the
 * CDN (when there is one) by a job of its own: a CDN outage retries the purge, not the indexing.
 */
export const indexSearch = (deps: Deps) =>
  defineProcessor({
    job: searchIndexJob,
    isPermanent: (e) => e instanceof PermanentJobError,
    handle: async (payload, job) => {
      const outcome = await indexSearchEvent(deps, payload);
      if (outcome.products > 0 && deps.cdn.enabled)
        await deps.jobs.enqueue(cdnPurgeJob, payload, { jobId: `after-${job.id}` });
      return outcome;
    },
  });
