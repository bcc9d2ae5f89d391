import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.js';

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

  it('treats empty variables as unset', () => {
    expect(loadConfig({ AGORA_STAFF_EMAIL: '', AGORA_STAFF_PASSWORD: '', PORT: '' }).port).toBe(3000);
  });

  it('normalizes hosts and reads rotating JWT keys, the first one signing', () => {
    const c = loadConfig({
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
