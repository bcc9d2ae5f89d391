import type { Deps } from '@agora/core';
import { migrateTenants } from '@agora/db';
import { migrateTenantsJob } from '@agora/queue';
import { defineProcessor } from '../../processor.js';

/** Bring every tenant schema up to date; progress is the job's progress, the summary its result. */
export const migrateAllTenants = (deps: Deps) =>
  defineProcessor({
    job: migrateTenantsJob,
    handle: async (payload, job) => {
      let reported = 0;
      const summary = await migrateTenants(deps.database, {
        concurrency: payload.concurrency ?? deps.config.migrationConcurrency,
        onProgress: ({ done, total }) => {
          const pct = Math.floor((done / total) * 100);
          if (pct !== reported) {
            reported = pct;
            void job.updateProgress({ done, total, percent: pct });
          }
        },
      });
      return summary;
    },
  });
