export { createRedis } from './redis.js';
export { JobClient, DEFAULT_JOB_OPTIONS } from './client.js';
export { QUEUES, provisionTenantJob, migrateTenantsJob, type JobDefinition, type JobPayload, type QueueName } from './jobs.js';
export {
  TenantChanged, tenantChangedChannel, redisTenantEvents, subscribeTenantChanged, type TenantEvents,
} from './events.js';
