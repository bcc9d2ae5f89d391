import { type Deps, PermanentJobError, runCatalogImportJob } from '@agora/core';
import { catalogImportJob } from '@agora/queue';
import { defineProcessor } from '../../processor.js';

/**
 * `catalog.import.v1`: apply a vendor's CSV file to its catalog (see runCatalogImport). A retry
 * after a crash resumes after the last committed batch; a finished import is not run again.
 */
export const importCatalog = (deps: Deps) =>
  defineProcessor({
    job: catalogImportJob,
    isPermanent: (e) => e instanceof PermanentJobError,
    handle: (payload, _job, { finalAttempt }) => runCatalogImportJob(deps, payload, { finalAttempt }),
  });
