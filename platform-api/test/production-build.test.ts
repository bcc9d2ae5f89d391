// The production build (platform-api/build.mjs, ADR 0032) run as production runs it: plain
// `node` on the bundles, no tsx, no workspace sources. The server and the worker provision a
// tenant together and serve its storefront, the console and the API docs.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@agora/db/embedded';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  eventually,
  redisUrl,
  type TestDatabase,
} from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const built = fileURLToPath(new URL('../dist/', import.meta.url));
const STAFF = { email: 'ops@agora.test', password: 'production-build-1' };

type Reply = { status: number; body: string; type: string };

let db: TestDatabase;
let port: number;
const prefix = `{agora-test-prod-${Math.random().toString(36).slice(2, 8)}}`;
const children: ChildProcess[] = [];
let output = '';
const scratch = mkdtempSync(join(tmpdir(), 'agora-prod-build-'));
const dataDir = join(scratch, 'data');
// A copy outside the repository: anything the bundles failed to include cannot be found there.
const dist = join(scratch, 'dist/');

function get(host: string, path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? (payload ? 'POST' : 'GET'),
        headers: {
          host,
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function start(entry: string) {
  const child = spawn(process.execPath, [`${dist}${entry}`], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl(),
      AGORA_QUEUE_PREFIX: prefix,
      PORT: String(port),
      BASE_DOMAIN: 'localhost',
      PLATFORM_HOST: 'platform.localhost',
      AGORA_JWT_KEYS: 'k1:production-build-test-secret-0123456789',
      AGORA_STAFF_EMAIL: STAFF.email,
      AGORA_STAFF_PASSWORD: STAFF.password,
      AGORA_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  children.push(child);
  return child;
}

beforeAll(async () => {
  if (!existsSync(`${built}server.mjs`))
    throw new Error('platform-api/dist is missing: `pnpm build` makes the production build');
  cpSync(built, dist, { recursive: true });
  db = await createTestDatabase();
  port = await freePort();
  start('server.mjs');
  start('worker.mjs');
  await eventually(
    async () => (await get('platform.localhost', '/readyz').catch(() => null))?.status === 200,
    {
      timeoutMs: 30_000,
      what: 'the built server to answer /readyz',
    },
  ).catch((e) => {
    throw new Error(`${e.message}\n${output}`);
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(
    children.map(
      (c) =>
        new Promise((r) => {
          if (c.exitCode !== null) return r(null);
          c.once('exit', r);
          c.kill('SIGTERM');
        }),
    ),
  );
  await cleanupRedisPrefix(redisUrl(), prefix);
  await db?.drop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the production build', () => {
  it('runs without tsx or workspace sources', () => {
    expect(children.every((c) => c.spawnargs.every((a) => !a.includes('tsx')))).toBe(true);
    expect(dist.startsWith(built)).toBe(false);
  });

  it('provisions a tenant with its bundled migrations and serves its storefront and console', async () => {
    const login = await get('platform.localhost', '/platform/v1/auth/login', { body: STAFF });
    expect(login.status).toBe(200);
    const { token } = JSON.parse(login.body);
    const created = await get('platform.localhost', '/platform/v1/tenants', {
      token,
      body: { name: 'Bundled Supply', slug: 'bundled', ownerEmail: 'owner@bundled.test' },
    });
    expect(created.status, created.body).toBe(202);
    const { id } = JSON.parse(created.body);
    await eventually(
      async () => {
        const t = await get('platform.localhost', `/platform/v1/tenants/${id}`, { token });
        return JSON.parse(t.body).status === 'active';
      },
      { timeoutMs: 40_000, what: 'provisioning by the built worker' },
    );

    const home = await get('bundled.localhost', '/');
    expect(home.status).toBe(200);
    expect(home.type).toContain('text/html');
    expect(home.body).toContain('Bundled Supply');
    const script = home.body.match(/"(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script, 'the page links its client bundle').toBeTruthy();
    expect((await get('bundled.localhost', script as string)).status).toBe(200);

    const consoleLogin = await get('bundled.localhost', '/console/login');
    expect(consoleLogin.status).toBe(200);
    expect(consoleLogin.body).toContain('<form');
  }, 90_000);

  it('serves the API documentation with its bundled assets', async () => {
    const spec = await get('platform.localhost', '/platform/v1/openapi.json');
    expect(JSON.parse(spec.body).openapi).toBe('3.1.0');
    const css = await get('platform.localhost', '/platform/v1/docs/assets/swagger-ui.css');
    expect(css.status).toBe(200);
    expect(css.body.length).toBeGreaterThan(1000);
  });
});
