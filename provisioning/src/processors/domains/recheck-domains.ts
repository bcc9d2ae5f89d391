import { type Deps, recheckDomains } from '@agora/core';
import { domainsRecheckJob } from '@agora/queue';
import { defineProcessor } from '../../processor.js';

/** `domains.recheck.v1`: every custom domain's DNS checked; failing ones flagged, then disabled. */
export const recheckAllDomains = (deps: Deps) =>
  defineProcessor({
    job: domainsRecheckJob,
    handle: () => recheckDomains(deps),
  });
