export { DEFAULT_JOB_OPTIONS, JobClient } from './client.js';
export {
  redisTenantEvents,
  subscribeTenantChanged,
  TenantChanged,
  type TenantEvents,
  tenantChangedChannel,
} from './events.js';
export {
  catalogImportJob,
  cdnPurgeJob,
  DOMAINS_RECHECK_SCHEDULER,
  domainsRecheckJob,
  emailSendJob,
  fileDeleteJob,
  type JobDefinition,
  type JobPayload,
  migrateTenantsJob,
  provisionTenantJob,
  QUEUES,
  type QueueName,
  searchIndexJob,
} from './jobs.js';
export { type LocalRedis, REDIS_MISSING_MESSAGE, redisAnswers, spawnRedisServer } from './local-redis.js';
export { createRedis } from './redis.js';
