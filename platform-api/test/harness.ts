import type { Config } from '@agora/config';
import { createRuntime, ensureStaffUser, type Runtime, runProvisioning } from '@agora/core';
import { cleanupRedisPrefix, createTestDatabase, type TestDatabase, testConfig } from '@agora/testing';
import { type Api, buildApi } from '../src/app.js';

export const STAFF = { email: 'staff@agora.test', password: 'staff-password-1' };

export type ApiHarness = {
  tdb: TestDatabase;
  config: Config;
  runtime: Runtime;
  api: Api;
  /** A request as a browser or client would send it to `host`. */
  call(
    host: string,
    path: string,
    init?: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  staffToken(): Promise<string>;
  /** Create a tenant through the API and provision it in-process (no worker needed). */
  activeTenant(slug: string, name?: string): Promise<{ id: string; schemaName: string; slug: string }>;
  close(): Promise<void>;
};

export async function createApiHarness(overrides: Record<string, string> = {}): Promise<ApiHarness> {
  const tdb = await createTestDatabase();
  const config = testConfig(tdb.url, overrides);
  const runtime = await createRuntime(config);
  await ensureStaffUser(runtime.database, STAFF);
  const api = await buildApi(runtime);
  let token: string | undefined;

  const call: ApiHarness['call'] = (host, path, init = {}) => {
    const headers: Record<string, string> = { host, ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return Promise.resolve(
      api.app.request(path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        body:
          init.body === undefined
            ? undefined
            : typeof init.body === 'string'
              ? init.body
              : JSON.stringify(init.body),
      }),
    );
  };

  const harness: ApiHarness = {
    tdb,
    config,
    runtime,
    api,
    call,
    async staffToken() {
      if (!token) {
        const res = await call(config.platformHost, '/platform/v1/auth/login', { body: STAFF });
        token = ((await res.json()) as { token: string }).token;
      }
      return token;
    },
    async activeTenant(slug, name = `Shop ${slug}`) {
      const res = await call(config.platformHost, '/platform/v1/tenants', {
        body: { name, slug, ownerEmail: `owner@${slug}.test` },
        token: await harness.staffToken(),
      });
      if (res.status !== 202) throw new Error(`create ${slug}: ${res.status} ${await res.text()}`);
      const tenant = (await res.json()) as { id: string; schemaName: string; slug: string };
      await runProvisioning(runtime, tenant.id, { finalAttempt: true });
      return tenant;
    },
    async close() {
      await api.close();
      await runtime.close();
      await cleanupRedisPrefix(config.redisUrl, config.queuePrefix);
      await tdb.drop();
    },
  };
  return harness;
}
