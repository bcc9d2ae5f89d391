import { type Deps, PermanentProvisioningError, runProvisioning } from '@agora/core';
import { provisionTenantJob } from '@agora/queue';
import { defineProcessor } from '../../processor.js';

export const provisionTenant = (deps: Deps) =>
  defineProcessor({
    job: provisionTenantJob,
    isPermanent: (e) => e instanceof PermanentProvisioningError,
    handle: (payload, _job, { finalAttempt }) => runProvisioning(deps, payload.tenantId, { finalAttempt }),
  });
