import { z } from 'zod';

/**
 * The one place environment variables are read. Every process (API, worker, CLI, tests)
 * calls `loadConfig()` and passes the result down; nothing else touches `process.env`.
 */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BASE_DOMAIN: z
    .string()
    .default('localhost')
    .transform((v) => v.toLowerCase().replace(/\.$/, '')),
  PLATFORM_HOST: z
    .string()
    .default('platform.localhost')
    .transform((v) => v.toLowerCase().replace(/\.$/, '')),
  AGORA_DATA_DIR: z.string().default('.data'),
  /** `kid:secret[,kid:secret...]`; the first key signs, all verify (rotation). */
  AGORA_JWT_KEYS: z.string().optional(),
  AGORA_STAFF_EMAIL: z.string().email().optional(),
  AGORA_STAFF_PASSWORD: z.string().min(8).optional(),
  /** BullMQ key prefix. Braces make it a Redis Cluster hash tag. */
  AGORA_QUEUE_PREFIX: z.string().default('{agora}'),
  /** How long the host -> tenant cache keeps an entry, in milliseconds. */
  AGORA_TENANT_CACHE_TTL_MS: z.coerce.number().int().min(0).default(5000),
  /** Worker lock duration; a killed worker's job is taken over after about this long. */
  AGORA_JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30000),
  AGORA_MIGRATION_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  AGORA_DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
});

export type JwtKey = { kid: string; secret: Uint8Array };

export type Config = {
  env: 'development' | 'test' | 'production';
  databaseUrl: string | undefined;
  redisUrl: string;
  /** REDIS_URL was given: use it or fail, never substitute a private server. */
  redisUrlExplicit: boolean;
  port: number;
  baseDomain: string;
  platformHost: string;
  dataDir: string;
  jwtKeys: JwtKey[];
  staff: { email: string; password: string } | undefined;
  queuePrefix: string;
  tenantCacheTtlMs: number;
  jobLockMs: number;
  migrationConcurrency: number;
  dbPoolMax: number;
};

/** Development-only signing key; production refuses to start without AGORA_JWT_KEYS. */
const DEV_JWT_KEYS = 'dev1:agora-development-signing-key-change-me-0123456789';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // An empty variable (`FOO=` in a .env or compose file) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.AGORA_JWT_KEYS) {
    throw new ConfigError('AGORA_JWT_KEYS must be set in production (format kid:secret[,kid:secret])');
  }
  if (Boolean(e.AGORA_STAFF_EMAIL) !== Boolean(e.AGORA_STAFF_PASSWORD)) {
    throw new ConfigError('Set both AGORA_STAFF_EMAIL and AGORA_STAFF_PASSWORD, or neither');
  }
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisUrlExplicit: present.REDIS_URL !== undefined,
    port: e.PORT,
    baseDomain: e.BASE_DOMAIN,
    platformHost: e.PLATFORM_HOST,
    dataDir: e.AGORA_DATA_DIR,
    jwtKeys: parseJwtKeys(e.AGORA_JWT_KEYS ?? DEV_JWT_KEYS),
    staff:
      e.AGORA_STAFF_EMAIL && e.AGORA_STAFF_PASSWORD
        ? { email: e.AGORA_STAFF_EMAIL.toLowerCase(), password: e.AGORA_STAFF_PASSWORD }
        : undefined,
    queuePrefix: e.AGORA_QUEUE_PREFIX,
    tenantCacheTtlMs: e.AGORA_TENANT_CACHE_TTL_MS,
    jobLockMs: e.AGORA_JOB_LOCK_MS,
    migrationConcurrency: e.AGORA_MIGRATION_CONCURRENCY,
    dbPoolMax: e.AGORA_DB_POOL_MAX,
  };
}

export function parseJwtKeys(spec: string): JwtKey[] {
  const keys = spec.split(',').map((part) => {
    const i = part.indexOf(':');
    const kid = part.slice(0, i).trim();
    const secret = part.slice(i + 1).trim();
    if (i <= 0 || secret.length < 32) {
      throw new ConfigError('AGORA_JWT_KEYS: each key is kid:secret with a secret of at least 32 characters');
    }
    return { kid, secret: new TextEncoder().encode(secret) };
  });
  return keys;
}

/** The database URL, or a clear error for processes that cannot start an embedded server. */
export function requireDatabaseUrl(config: Config): string {
  if (!config.databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL is not set. Use `npm start` (starts an embedded PostgreSQL) or set DATABASE_URL.',
    );
  }
  return config.databaseUrl;
}
