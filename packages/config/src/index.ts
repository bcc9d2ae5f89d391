import { createHmac } from 'node:crypto';
import { join } from 'node:path';
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
  /**
   * The address the HTTP server listens on. Unset: 127.0.0.1 outside production (only this
   * machine can connect), every interface in production. `0.0.0.0` or `::` opens it to the network.
   */
  HOST: z.string().trim().min(1).optional(),
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
  /**
   * A pooled PostgreSQL connection is closed after this many seconds, or once it has served
   * this many tenant schemas: every schema it touches stays in its server process's catalog
   * caches, so with thousands of tenants a long-lived connection grows without bound (ADR 0030).
   */
  AGORA_DB_CONN_MAX_AGE_S: z.coerce.number().int().min(0).default(900),
  AGORA_DB_CONN_MAX_SCHEMAS: z.coerce.number().int().min(1).default(100),
  /**
   * Statements a pooled connection keeps prepared for hot tenant reads (a browse's page), least
   * recently used out; 0 prepares none. Set 0 behind a pooler in transaction mode (PgBouncer),
   * where a later statement may reach another server connection (ADR 0030).
   */
  AGORA_DB_CONN_MAX_PREPARED: z.coerce.number().int().min(0).default(16),
  /**
   * 1: the owner and tenant roles may log in (without a password), which Citus needs to open its
   * connections to the workers as them (ADR 0021, docs/deploy/citus.md). 0 (default): NOLOGIN.
   */
  AGORA_TENANT_ROLES_LOGIN: z.enum(['0', '1']).default('0'),
  /** `npm start` seeds demo tenants unless this is 0 (never in production). */
  AGORA_DEMO: z.enum(['0', '1']).optional(),
  /** Public vendor applications per client address (and marketplace) per window. */
  AGORA_VENDOR_APPLICATION_LIMIT: z.coerce.number().int().min(1).default(5),
  AGORA_VENDOR_APPLICATION_WINDOW_S: z.coerce.number().int().min(1).default(3600),
  /** Login attempts (tenant users, staff) per client address per window, successful ones included. */
  AGORA_LOGIN_ADDRESS_LIMIT: z.coerce.number().int().min(1).default(50),
  /** Failed logins per account (email) per window, from any address; a success clears them. */
  AGORA_LOGIN_ACCOUNT_LIMIT: z.coerce.number().int().min(1).default(10),
  AGORA_LOGIN_WINDOW_S: z.coerce.number().int().min(1).default(900),
  /** Password reset requests per client address, and per email, per window. */
  AGORA_PASSWORD_RESET_ADDRESS_LIMIT: z.coerce.number().int().min(1).default(20),
  AGORA_PASSWORD_RESET_ACCOUNT_LIMIT: z.coerce.number().int().min(1).default(5),
  AGORA_PASSWORD_RESET_WINDOW_S: z.coerce.number().int().min(1).default(3600),
  /**
   * Reverse proxies in front of the API that append the client's address to X-Forwarded-For
   * (Caddy in docker-compose.yml: 1). 0 trusts no header and uses the socket's address.
   */
  AGORA_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * How long a replaced or removed file (logo, product image) is kept before it is deleted:
   * storefront pages cached at a CDN may still point at it for a while.
   */
  AGORA_FILE_DELETE_DELAY_S: z.coerce.number().int().min(0).default(900),
  /**
   * Shared with the TLS proxy: `/internal/tls-allowed` answers only requests that carry it as
   * `?secret=`. Unset: only direct (not proxied) requests from loopback or private addresses.
   */
  AGORA_TLS_ASK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * Shared with the edge storefront (the Worker, docs/decisions/0040-edge-rendered-storefront.md):
   * a request carrying it as `X-Agora-Edge-Secret` is served for the host in its `X-Forwarded-Host`.
   * Unset: no request may name its host that way.
   */
  AGORA_EDGE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * DNS servers for checking operators' custom domains, `ip[:port]` separated by commas (tests:
   * `127.0.0.1:5353`). Unset: the system's resolvers.
   */
  AGORA_DNS_SERVERS: z
    .string()
    .optional()
    .transform((raw) =>
      raw
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** What a custom domain's CNAME must point at (default PLATFORM_HOST). */
  AGORA_DOMAIN_TARGET: z
    .string()
    .optional()
    .transform((v) => v?.toLowerCase().replace(/\.$/, '')),
  /** The addresses an apex domain's A records must hold, by commas; unset: the target's own A records. */
  AGORA_DOMAIN_TARGET_ADDRESSES: z
    .string()
    .optional()
    .transform((raw) =>
      raw
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Hours a verified custom domain may fail its DNS check before it is disabled. */
  AGORA_DOMAIN_GRACE_H: z.coerce.number().min(0).default(72),
  /** Seconds between scheduled DNS checks of every custom domain. */
  AGORA_DOMAIN_RECHECK_S: z.coerce.number().int().min(1).default(3600),
  /** HMAC key for signed file URLs; derived from the first JWT key when unset. */
  AGORA_FILES_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Setting S3_BUCKET switches file storage from the local directory to S3 / MinIO. */
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Outgoing mail server (`smtp://user:pass@host:587`, `smtps://...`). Unset: emails are only stored. */
  SMTP_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().default('Agora <no-reply@agora.localhost>'),
  /** Links in emails are `<scheme>://<tenant's primary host>[:<port>]/...`. */
  AGORA_PUBLIC_SCHEME: z.enum(['http', 'https']).optional(),
  AGORA_PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /**
   * A CDN in front of the storefronts: purge by surrogate key. `{key}` in the URL is replaced by
   * the key (`tenant-<id>`); the request is a POST with `{"tags":[key]}`. Without it, pages are
   * not offered to shared caches (a change must show on the next request).
   */
  AGORA_CDN_PURGE_URL: z
    .string()
    .url()
    .refine((u) => u.includes('{key}'), 'must contain {key}, where the surrogate key goes')
    .optional(),
  /** Headers for the purge request as a JSON object, e.g. {"Fastly-Key":"..."}. */
  AGORA_CDN_PURGE_HEADERS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (!raw) return {};
      try {
        const parsed: unknown = JSON.parse(raw);
        if (
          parsed &&
          typeof parsed === 'object' &&
          !Array.isArray(parsed) &&
          Object.values(parsed).every((v) => typeof v === 'string')
        )
          return parsed as Record<string, string>;
      } catch {}
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object of header names to string values' });
      return z.NEVER;
    }),
  /** Setting MEILI_URL switches product search from PostgreSQL to Meilisearch (one index per tenant). */
  MEILI_URL: z.string().url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  /** MB of search results (as JSON) kept per API process, each checked against the catalog version (0: off). */
  AGORA_SEARCH_CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(32),
  /** MB of browse totals and facet counts (as JSON) kept per API process, per catalog version (0: off). */
  AGORA_FACET_CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(8),
});

export type S3Config = {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  /** Both or neither; without them the AWS SDK's default credential chain applies. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  forcePathStyle: boolean;
};

export type JwtKey = { kid: string; secret: Uint8Array };

/** At most `limit` requests per `windowMs`. */
export type RateLimit = { limit: number; windowMs: number };

export type Config = {
  env: 'development' | 'test' | 'production';
  databaseUrl: string | undefined;
  redisUrl: string;
  /** REDIS_URL was given: use it or fail, never substitute a private server. */
  redisUrlExplicit: boolean;
  port: number;
  /** Where the HTTP server listens; undefined: every interface (production default). */
  listenHost: string | undefined;
  /** The dev mailbox is served: outside production, and only while listening on loopback. */
  devMailbox: boolean;
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
  /** Seconds a pooled connection lives (0: no limit). */
  dbConnMaxAgeS: number;
  /** Distinct tenant schemas a pooled connection serves before it is closed. */
  dbConnMaxSchemas: number;
  /** Statements a pooled connection keeps prepared for hot tenant reads (0: none). */
  dbConnMaxPrepared: number;
  /** Owner and tenant roles are LOGIN without a password (Citus, ADR 0021); NOLOGIN when false. */
  tenantRolesLogin: boolean;
  demo: boolean;
  files: {
    /** Local storage root (`${AGORA_DATA_DIR}/files`), used when `s3` is undefined. */
    dir: string;
    /** HMAC key for signed file URLs. */
    secret: Uint8Array;
    s3: S3Config | undefined;
    /** Wait before deleting a file that nothing references any more (see AGORA_FILE_DELETE_DELAY_S). */
    deleteDelayMs: number;
  };
  /**
   * Fixed-window limits per marketplace (or the platform host), per client address or per account
   * (see platform-api middleware/rate-limit, ADR 0013 and 0025).
   */
  rateLimits: {
    vendorApplications: RateLimit;
    loginAddress: RateLimit;
    /** Failed logins only. */
    loginAccount: RateLimit;
    passwordResetAddress: RateLimit;
    passwordResetAccount: RateLimit;
  };
  /** The secret the TLS proxy sends to `/internal/tls-allowed` (AGORA_TLS_ASK_SECRET); undefined: loopback/private callers only. */
  tlsAskSecret: string | undefined;
  /** The secret of the edge storefront (AGORA_EDGE_SECRET); undefined: no edge is trusted. */
  edgeSecret: string | undefined;
  /** Operators' own domains: how their DNS is checked (ADR 0039). */
  domains: {
    /** `ip[:port]` of the DNS servers to ask; undefined: the system's. */
    dnsServers: string[] | undefined;
    /** The host a custom domain's CNAME must name. */
    target: string;
    /** Addresses an apex's A records must be among; undefined: the target's A records. */
    targetAddresses: string[] | undefined;
    /** How long a failing domain keeps working before it is disabled. */
    graceMs: number;
    /** Interval of the scheduled recheck of every domain. */
    recheckEveryMs: number;
  };
  /** Proxies whose X-Forwarded-For entries are trusted for the client address (AGORA_TRUSTED_PROXY_HOPS). */
  trustedProxyHops: number;
  email: { smtpUrl: string | undefined; from: string };
  /** Scheme and port of links to tenant hosts in emails; the port is left out when undefined. */
  publicUrl: { scheme: 'http' | 'https'; port: number | undefined };
  /** Purge by surrogate key at a CDN; undefined: no CDN, pages are not offered to shared caches. */
  cdn: { purgeUrl: string; headers: Record<string, string> } | undefined;
  /** Product search: PostgreSQL in the tenant schema unless `meili` is set. */
  search: {
    meili: { url: string; apiKey: string | undefined } | undefined;
    /** PostgreSQL search only: bytes of results (as JSON) kept in process, valid while the catalog version holds (ADR 0020). */
    cacheBytes: number;
    /** PostgreSQL search only: bytes of browse totals and facets (as JSON) kept in process, per catalog version (ADR 0030). */
    facetCacheBytes: number;
  };
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
  // Outside production Agora signs with a built-in key and serves every marketplace's email on the
  // platform host (the dev mailbox, password reset links included): fine on this machine, an
  // open door on a public domain. A forgotten NODE_ENV=production must not start like that.
  if (e.NODE_ENV !== 'production' && ![e.BASE_DOMAIN, e.PLATFORM_HOST].every(isLocalName)) {
    throw new ConfigError(
      `NODE_ENV is ${e.NODE_ENV}, which serves the dev mailbox and signs with a built-in key, but BASE_DOMAIN (${e.BASE_DOMAIN}) or PLATFORM_HOST (${e.PLATFORM_HOST}) is not a local name (localhost, *.localhost, *.test, an IP address). Set NODE_ENV=production for a public domain.`,
    );
  }
  if (e.NODE_ENV === 'production' && !e.AGORA_JWT_KEYS) {
    throw new ConfigError('AGORA_JWT_KEYS must be set in production (format kid:secret[,kid:secret])');
  }
  const listenHost = e.HOST ?? (e.NODE_ENV === 'production' ? undefined : '127.0.0.1');
  const loopbackOnly = listenHost !== undefined && isLoopback(listenHost);
  // The built-in key is public (it is in this file): whoever can reach the server could sign
  // themselves staff tokens, tenant tokens and file links with it.
  if (!loopbackOnly && !e.AGORA_JWT_KEYS) {
    throw new ConfigError(
      `HOST=${listenHost ?? '(every interface)'} lets other machines reach the server, but AGORA_JWT_KEYS is not set, so staff tokens, tenant tokens and file links would be signed with the built-in development key. Set AGORA_JWT_KEYS (format kid:secret, secrets of 32+ characters; AGORA_FILES_SECRET is then derived from it unless set), or leave HOST unset to listen on 127.0.0.1 only.`,
    );
  }
  if (Boolean(e.AGORA_STAFF_EMAIL) !== Boolean(e.AGORA_STAFF_PASSWORD)) {
    throw new ConfigError('Set both AGORA_STAFF_EMAIL and AGORA_STAFF_PASSWORD, or neither');
  }
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither');
  }
  const jwtKeys = parseJwtKeys(e.AGORA_JWT_KEYS ?? DEV_JWT_KEYS);
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisUrlExplicit: present.REDIS_URL !== undefined,
    port: e.PORT,
    listenHost,
    devMailbox: e.NODE_ENV !== 'production' && loopbackOnly,
    baseDomain: e.BASE_DOMAIN,
    platformHost: e.PLATFORM_HOST,
    dataDir: e.AGORA_DATA_DIR,
    jwtKeys,
    staff:
      e.AGORA_STAFF_EMAIL && e.AGORA_STAFF_PASSWORD
        ? { email: e.AGORA_STAFF_EMAIL.toLowerCase(), password: e.AGORA_STAFF_PASSWORD }
        : undefined,
    queuePrefix: e.AGORA_QUEUE_PREFIX,
    tenantCacheTtlMs: e.AGORA_TENANT_CACHE_TTL_MS,
    jobLockMs: e.AGORA_JOB_LOCK_MS,
    migrationConcurrency: e.AGORA_MIGRATION_CONCURRENCY,
    dbPoolMax: e.AGORA_DB_POOL_MAX,
    dbConnMaxAgeS: e.AGORA_DB_CONN_MAX_AGE_S,
    dbConnMaxSchemas: e.AGORA_DB_CONN_MAX_SCHEMAS,
    dbConnMaxPrepared: e.AGORA_DB_CONN_MAX_PREPARED,
    tenantRolesLogin: e.AGORA_TENANT_ROLES_LOGIN === '1',
    demo: e.NODE_ENV !== 'production' && e.AGORA_DEMO !== '0',
    files: {
      dir: join(e.AGORA_DATA_DIR, 'files'),
      secret: e.AGORA_FILES_SECRET
        ? new TextEncoder().encode(e.AGORA_FILES_SECRET)
        : deriveKey(jwtKeys, 'agora.files.v1'),
      s3: e.S3_BUCKET
        ? {
            bucket: e.S3_BUCKET,
            endpoint: e.S3_ENDPOINT,
            region: e.S3_REGION,
            credentials:
              e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
                ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
                : undefined,
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
          }
        : undefined,
      deleteDelayMs: e.AGORA_FILE_DELETE_DELAY_S * 1000,
    },
    rateLimits: {
      vendorApplications: {
        limit: e.AGORA_VENDOR_APPLICATION_LIMIT,
        windowMs: e.AGORA_VENDOR_APPLICATION_WINDOW_S * 1000,
      },
      loginAddress: { limit: e.AGORA_LOGIN_ADDRESS_LIMIT, windowMs: e.AGORA_LOGIN_WINDOW_S * 1000 },
      loginAccount: { limit: e.AGORA_LOGIN_ACCOUNT_LIMIT, windowMs: e.AGORA_LOGIN_WINDOW_S * 1000 },
      passwordResetAddress: {
        limit: e.AGORA_PASSWORD_RESET_ADDRESS_LIMIT,
        windowMs: e.AGORA_PASSWORD_RESET_WINDOW_S * 1000,
      },
      passwordResetAccount: {
        limit: e.AGORA_PASSWORD_RESET_ACCOUNT_LIMIT,
        windowMs: e.AGORA_PASSWORD_RESET_WINDOW_S * 1000,
      },
    },
    trustedProxyHops: e.AGORA_TRUSTED_PROXY_HOPS,
    domains: {
      dnsServers: e.AGORA_DNS_SERVERS?.length ? e.AGORA_DNS_SERVERS : undefined,
      target: e.AGORA_DOMAIN_TARGET ?? e.PLATFORM_HOST,
      targetAddresses: e.AGORA_DOMAIN_TARGET_ADDRESSES?.length ? e.AGORA_DOMAIN_TARGET_ADDRESSES : undefined,
      graceMs: Math.round(e.AGORA_DOMAIN_GRACE_H * 3600 * 1000),
      recheckEveryMs: e.AGORA_DOMAIN_RECHECK_S * 1000,
    },
    tlsAskSecret: e.AGORA_TLS_ASK_SECRET,
    edgeSecret: e.AGORA_EDGE_SECRET,
    email: { smtpUrl: e.SMTP_URL, from: e.EMAIL_FROM },
    // Development serves tenants at http://<slug>.localhost:<PORT>; production sits behind a
    // TLS proxy on 443.
    publicUrl: {
      scheme: e.AGORA_PUBLIC_SCHEME ?? (e.NODE_ENV === 'production' ? 'https' : 'http'),
      port: e.AGORA_PUBLIC_PORT ?? (e.NODE_ENV === 'production' ? undefined : e.PORT),
    },
    cdn: e.AGORA_CDN_PURGE_URL
      ? { purgeUrl: e.AGORA_CDN_PURGE_URL, headers: e.AGORA_CDN_PURGE_HEADERS }
      : undefined,
    search: {
      meili: e.MEILI_URL ? { url: e.MEILI_URL, apiKey: e.MEILI_MASTER_KEY } : undefined,
      cacheBytes: e.AGORA_SEARCH_CACHE_MB * 1024 * 1024,
      facetCacheBytes: e.AGORA_FACET_CACHE_MB * 1024 * 1024,
    },
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

/** A separate key per purpose, so that a file-URL signature is never a valid token signature. */
function deriveKey(keys: JwtKey[], purpose: string): Uint8Array {
  const [signing] = keys;
  if (!signing) throw new ConfigError('AGORA_JWT_KEYS: at least one key is required');
  return new Uint8Array(createHmac('sha256', signing.secret).update(purpose).digest());
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

/** A listen address only this machine can connect to: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h) ||
    /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(h) // ::1 written out
  );
}

/** Names that only resolve on this machine or a test network (RFC 6761: localhost, test). */
function isLocalName(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === 'test' ||
    host.endsWith('.test') ||
    /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ||
    host.startsWith('[')
  );
}
