import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopback, loadConfig } from './index.js';

const KEYS = 'k1:a-long-enough-secret-for-tests-0123456789';

describe('loadConfig', () => {
  it('has working defaults for development', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'development',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      baseDomain: 'localhost',
      platformHost: 'platform.localhost',
      dataDir: '.data',
      staff: undefined,
    });
    expect(c.jwtKeys).toHaveLength(1);
  });

  it('refuses to run outside production on a public domain (dev mailbox, built-in signing key)', () => {
    expect(() => loadConfig({ BASE_DOMAIN: 'market.example.com' })).toThrow(/Set NODE_ENV=production/);
    expect(() => loadConfig({ NODE_ENV: 'test', PLATFORM_HOST: 'admin.example.com' })).toThrow(ConfigError);
    for (const local of ['localhost', 'agora.localhost', 'shop.test'])
      expect(loadConfig({ BASE_DOMAIN: local, PLATFORM_HOST: `platform.${local}` }).baseDomain).toBe(local);
    expect(loadConfig({ BASE_DOMAIN: '127.0.0.1' }).baseDomain).toBe('127.0.0.1');
    expect(
      loadConfig({
        NODE_ENV: 'production',
        AGORA_JWT_KEYS: 'k1:a-long-enough-secret-for-tests-0123456789',
        BASE_DOMAIN: 'market.example.com',
      }).baseDomain,
    ).toBe('market.example.com');
  });

  it('listens on loopback only outside production, unless HOST says otherwise', () => {
    expect(loadConfig({}).listenHost).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).listenHost).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::1' }).listenHost).toBe('::1');
    expect(loadConfig({ HOST: 'localhost' }).listenHost).toBe('localhost');
    // Production: every interface (a container behind its proxy), with real keys.
    expect(loadConfig({ NODE_ENV: 'production', AGORA_JWT_KEYS: KEYS }).listenHost).toBeUndefined();
  });

  it('refuses a reachable listen address while signing with the built-in development key', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20'])
      expect(() => loadConfig({ HOST: host })).toThrow(/AGORA_JWT_KEYS is not set/);
    // Files secret alone is not enough: tokens would still be signed with the built-in key.
    expect(() => loadConfig({ HOST: '0.0.0.0', AGORA_FILES_SECRET: 'f'.repeat(32) })).toThrow(ConfigError);
    const c = loadConfig({ HOST: '0.0.0.0', AGORA_JWT_KEYS: KEYS });
    expect(c.listenHost).toBe('0.0.0.0');
    expect(new TextDecoder().decode(c.jwtKeys[0]?.secret)).toBe(KEYS.slice(3));
  });

  it('serves the dev mailbox only outside production and on loopback', () => {
    expect(loadConfig({}).devMailbox).toBe(true);
    expect(loadConfig({ HOST: '127.0.0.2' }).devMailbox).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0', AGORA_JWT_KEYS: KEYS }).devMailbox).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', AGORA_JWT_KEYS: KEYS, HOST: '127.0.0.1' }).devMailbox).toBe(
      false,
    );
  });

  it('switches search to Meilisearch when MEILI_URL is set', () => {
    expect(loadConfig({}).search.meili).toBeUndefined();
    expect(loadConfig({ MEILI_URL: 'http://127.0.0.1:7700', MEILI_MASTER_KEY: 'k' }).search.meili).toEqual({
      url: 'http://127.0.0.1:7700',
      apiKey: 'k',
    });
  });

  it('keeps 32 MB of search results and 8 MB of browse counts by default; 0 turns each off', () => {
    expect(loadConfig({}).search).toMatchObject({
      cacheBytes: 32 * 1024 * 1024,
      facetCacheBytes: 8 * 1024 * 1024,
    });
    expect(loadConfig({ AGORA_SEARCH_CACHE_MB: '0', AGORA_FACET_CACHE_MB: '0' }).search).toMatchObject({
      cacheBytes: 0,
      facetCacheBytes: 0,
    });
  });

  it('limits vendor applications to 5 per hour by default, and reads other limits', () => {
    expect(loadConfig({}).rateLimits.vendorApplications).toEqual({ limit: 5, windowMs: 3_600_000 });
    const c = loadConfig({ AGORA_VENDOR_APPLICATION_LIMIT: '20', AGORA_VENDOR_APPLICATION_WINDOW_S: '60' });
    expect(c.rateLimits.vendorApplications).toEqual({ limit: 20, windowMs: 60_000 });
    expect(() => loadConfig({ AGORA_VENDOR_APPLICATION_LIMIT: '0' })).toThrow(
      /AGORA_VENDOR_APPLICATION_LIMIT/,
    );
  });

  it('limits logins and password reset requests per address and per account, each configurable', () => {
    expect(loadConfig({}).rateLimits).toMatchObject({
      loginAddress: { limit: 50, windowMs: 900_000 },
      loginAccount: { limit: 10, windowMs: 900_000 },
      passwordResetAddress: { limit: 20, windowMs: 3_600_000 },
      passwordResetAccount: { limit: 5, windowMs: 3_600_000 },
    });
    const c = loadConfig({
      AGORA_LOGIN_ADDRESS_LIMIT: '100',
      AGORA_LOGIN_ACCOUNT_LIMIT: '3',
      AGORA_LOGIN_WINDOW_S: '60',
      AGORA_PASSWORD_RESET_ADDRESS_LIMIT: '7',
      AGORA_PASSWORD_RESET_ACCOUNT_LIMIT: '2',
      AGORA_PASSWORD_RESET_WINDOW_S: '120',
    }).rateLimits;
    expect(c.loginAddress).toEqual({ limit: 100, windowMs: 60_000 });
    expect(c.loginAccount).toEqual({ limit: 3, windowMs: 60_000 });
    expect(c.passwordResetAddress).toEqual({ limit: 7, windowMs: 120_000 });
    expect(c.passwordResetAccount).toEqual({ limit: 2, windowMs: 120_000 });
    expect(() => loadConfig({ AGORA_LOGIN_ACCOUNT_LIMIT: '0' })).toThrow(/AGORA_LOGIN_ACCOUNT_LIMIT/);
  });

  it('keeps replaced files for 15 minutes by default before deleting them', () => {
    expect(loadConfig({}).files.deleteDelayMs).toBe(900_000);
    expect(loadConfig({ AGORA_FILE_DELETE_DELAY_S: '0' }).files.deleteDelayMs).toBe(0);
  });

  it('has no CDN by default, and reads a purge URL with its headers', () => {
    expect(loadConfig({}).cdn).toBeUndefined();
    const c = loadConfig({
      AGORA_CDN_PURGE_URL: 'https://api.fastly.com/service/abc/purge/{key}',
      AGORA_CDN_PURGE_HEADERS: '{"Fastly-Key":"k"}',
    });
    expect(c.cdn).toEqual({
      purgeUrl: 'https://api.fastly.com/service/abc/purge/{key}',
      headers: { 'Fastly-Key': 'k' },
    });
  });

  it('refuses a purge URL without {key} and headers that are not a JSON object of strings', () => {
    for (const [name, env] of [
      ['AGORA_CDN_PURGE_URL', { AGORA_CDN_PURGE_URL: 'https://cdn.example/purge' }],
      ['AGORA_CDN_PURGE_HEADERS', { AGORA_CDN_PURGE_HEADERS: '{"a":1}' }],
      ['AGORA_CDN_PURGE_HEADERS', { AGORA_CDN_PURGE_HEADERS: 'Fastly-Key: k' }],
    ] as const) {
      expect(() => loadConfig(env), name).toThrow(ConfigError);
      try {
        loadConfig(env);
      } catch (e) {
        expect((e as Error).message).toContain(name);
      }
    }
  });

  it('keeps owner and tenant roles NOLOGIN unless AGORA_TENANT_ROLES_LOGIN=1 (Citus, ADR 0021)', () => {
    expect(loadConfig({}).tenantRolesLogin).toBe(false);
    expect(loadConfig({ AGORA_TENANT_ROLES_LOGIN: '0' }).tenantRolesLogin).toBe(false);
    expect(loadConfig({ AGORA_TENANT_ROLES_LOGIN: '' }).tenantRolesLogin).toBe(false);
    expect(loadConfig({ AGORA_TENANT_ROLES_LOGIN: '1' }).tenantRolesLogin).toBe(true);
    expect(() => loadConfig({ AGORA_TENANT_ROLES_LOGIN: 'true' })).toThrow(/AGORA_TENANT_ROLES_LOGIN/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ AGORA_STAFF_EMAIL: '', AGORA_STAFF_PASSWORD: '', PORT: '' }).port).toBe(3000);
  });

  it('normalizes hosts and reads rotating JWT keys, the first one signing', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      PLATFORM_HOST: 'Admin.Example.COM.',
      AGORA_JWT_KEYS: `new:${'n'.repeat(32)},old:${'o'.repeat(32)}`,
    });
    expect(c.platformHost).toBe('admin.example.com');
    expect(c.jwtKeys.map((k) => k.kid)).toEqual(['new', 'old']);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'abc', REDIS_URL: 'nope' })).toThrow(
      /PORT[\s\S]*REDIS_URL|REDIS_URL[\s\S]*PORT/,
    );
  });

  it('refuses to run in production without signing keys, and half a staff account', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ AGORA_STAFF_EMAIL: 'a@b.test' })).toThrow(/both/);
    expect(() => loadConfig({ AGORA_JWT_KEYS: 'k:short' })).toThrow(/at least 32/);
  });
});

describe('file storage config', () => {
  it('defaults to a local directory under AGORA_DATA_DIR with a key derived from the JWT key', () => {
    const c = loadConfig({ AGORA_DATA_DIR: '/srv/agora' });
    expect(c.files.dir).toBe('/srv/agora/files');
    expect(c.files.s3).toBeUndefined();
    expect(c.files.secret).toHaveLength(32);
    // Not the JWT secret itself: one key per purpose.
    expect(Buffer.from(c.files.secret).equals(Buffer.from(c.jwtKeys[0]!.secret))).toBe(false);
  });

  it('uses AGORA_FILES_SECRET when set', () => {
    const c = loadConfig({ AGORA_FILES_SECRET: 's'.repeat(32) });
    expect(new TextDecoder().decode(c.files.secret)).toBe('s'.repeat(32));
    expect(() => loadConfig({ AGORA_FILES_SECRET: 'short' })).toThrow(/AGORA_FILES_SECRET/);
  });

  it('reads the TLS ask secret, refusing a short one', () => {
    expect(loadConfig({}).tlsAskSecret).toBeUndefined();
    expect(loadConfig({ AGORA_TLS_ASK_SECRET: 'x'.repeat(16) }).tlsAskSecret).toBe('x'.repeat(16));
    expect(() => loadConfig({ AGORA_TLS_ASK_SECRET: 'short' })).toThrow(/AGORA_TLS_ASK_SECRET/);
  });

  it('reads the edge storefront secret, refusing a short one, and treats an empty one as unset', () => {
    expect(loadConfig({}).edgeSecret).toBeUndefined();
    expect(loadConfig({ AGORA_EDGE_SECRET: '' }).edgeSecret).toBeUndefined();
    expect(loadConfig({ AGORA_EDGE_SECRET: 'e'.repeat(32) }).edgeSecret).toBe('e'.repeat(32));
    expect(() => loadConfig({ AGORA_EDGE_SECRET: 'e'.repeat(31) })).toThrow(/AGORA_EDGE_SECRET/);
  });

  it('reads how custom domains are checked, with defaults', () => {
    expect(loadConfig({}).domains).toEqual({
      dnsServers: undefined,
      target: 'platform.localhost',
      targetAddresses: undefined,
      graceMs: 72 * 3600_000,
      recheckEveryMs: 3600_000,
    });
    const c = loadConfig({
      AGORA_DNS_SERVERS: '127.0.0.1:5353, 10.0.0.2',
      AGORA_DOMAIN_TARGET: 'Edge.Example.NET.',
      AGORA_DOMAIN_TARGET_ADDRESSES: '203.0.113.10,203.0.113.11',
      AGORA_DOMAIN_GRACE_H: '0.5',
      AGORA_DOMAIN_RECHECK_S: '60',
    }).domains;
    expect(c).toEqual({
      dnsServers: ['127.0.0.1:5353', '10.0.0.2'],
      target: 'edge.example.net',
      targetAddresses: ['203.0.113.10', '203.0.113.11'],
      graceMs: 1800_000,
      recheckEveryMs: 60_000,
    });
  });

  it('switches to S3 when S3_BUCKET is set, and wants both halves of the access key', () => {
    const c = loadConfig({
      S3_BUCKET: 'agora',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'false',
    });
    expect(c.files.s3).toEqual({
      bucket: 'agora',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      forcePathStyle: false,
    });
    expect(() => loadConfig({ S3_BUCKET: 'agora', S3_ACCESS_KEY_ID: 'id' })).toThrow(/S3_SECRET_ACCESS_KEY/);
  });
});

describe('email config', () => {
  it('stores emails without SMTP_URL and links to http://<host>:<PORT> in development', () => {
    const c = loadConfig({ PORT: '4000' });
    expect(c.email).toEqual({ smtpUrl: undefined, from: 'Agora <no-reply@agora.localhost>' });
    expect(c.publicUrl).toEqual({ scheme: 'http', port: 4000 });
  });

  it('links to https without a port in production, unless told otherwise', () => {
    const keys = { NODE_ENV: 'production', AGORA_JWT_KEYS: `k:${'k'.repeat(32)}` };
    expect(loadConfig(keys).publicUrl).toEqual({ scheme: 'https', port: undefined });
    expect(loadConfig({ ...keys, AGORA_PUBLIC_SCHEME: 'http', AGORA_PUBLIC_PORT: '8080' }).publicUrl).toEqual(
      { scheme: 'http', port: 8080 },
    );
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL/);
  });
});

describe('isLoopback', () => {
  it('knows loopback addresses from the rest', () => {
    for (const h of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      'localhost',
      '::ffff:127.0.0.1',
    ])
      expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'example.com', '::2'])
      expect(isLoopback(h), h).toBe(false);
  });
});
