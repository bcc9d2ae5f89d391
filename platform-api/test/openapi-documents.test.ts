import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';

/**
 * The two OpenAPI documents as third-party tools consume them: Redocly's recommended lint finds
 * no error, and openapi-typescript turns both into TypeScript that names every operation.
 */
const require = createRequire(import.meta.url);
let h: ApiHarness;
const dir = mkdtempSync(join(tmpdir(), 'agora-openapi-'));
const docs: Record<string, { file: string; doc: any }> = {};
const bin = (name: string) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const run = (cmd: string, args: string[]) =>
  spawnSync(bin(cmd), args, {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });

beforeAll(async () => {
  h = await createApiHarness();
  const t = await h.activeTenant('openapi-docs');
  for (const [name, host, path] of [
    ['tenant', `${t.slug}.localhost`, '/api/v1/openapi.json'],
    ['platform', h.config.platformHost, '/platform/v1/openapi.json'],
  ] as const) {
    const res = await h.call(host, path);
    expect(res.status).toBe(200);
    const doc = await res.json();
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    docs[name] = { file, doc };
  }
});
afterAll(() => h?.close());

const operations = (doc: any) =>
  Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ endpoint: `${method.toUpperCase()} ${path}`, op })),
  );

describe.each(['tenant', 'platform'])('the %s OpenAPI document', (name) => {
  it("passes Redocly's recommended lint with no errors", () => {
    const { file } = docs[name]!;
    const r = run('redocly', ['lint', '--extends=recommended', '--format=stylish', file]);
    expect(r.error).toBeUndefined();
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  });

  it('gives every operation a unique operationId and a security declaration', () => {
    const ops = operations(docs[name]!.doc);
    expect(ops.length).toBeGreaterThan(0);
    for (const { endpoint, op } of ops) {
      expect(op.operationId, endpoint).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(op.security, endpoint).toBeDefined();
    }
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('generates TypeScript with openapi-typescript that names every operation', () => {
    const { file, doc } = docs[name]!;
    const out = join(dir, `${name}.d.ts`);
    const r = run('openapi-typescript', [file, '-o', out]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const types = readFileSync(out, 'utf8');
    expect(types).toContain('export interface operations');
    for (const { op } of operations(doc)) expect(types).toContain(`    ${op.operationId}: {`);
    const tsc = spawnSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '--noEmit', '--strict', '--skipLibCheck', 'false', out],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(tsc.status, tsc.stdout).toBe(0);
  }, 180_000);
});

describe('the error responses each operation documents', () => {
  const op = (name: string, method: string, path: string) => docs[name]!.doc.paths[path][method];
  const statuses = (o: any) => Object.keys(o.responses).filter((s) => s.startsWith('4'));

  it('a public upload with a rate limit: 400, 403, 404, 409, 413, 415 and 429 with Retry-After', () => {
    const apply = op('tenant', 'post', '/vendor-applications');
    expect(apply.security).toEqual([]);
    expect(statuses(apply)).toEqual(['400', '403', '404', '409', '413', '415', '429']);
    expect(apply.responses['429'].headers).toHaveProperty('Retry-After');
  });

  it('a signed-in route: the bearer scheme, 401 and 403; an id in the path: 404', () => {
    const detail = op('tenant', 'get', '/operator/vendors/{id}');
    expect(detail.security).toEqual([{ bearer: [] }]);
    expect(statuses(detail)).toEqual(['400', '401', '403', '404']);
    const tenants = op('platform', 'get', '/tenants');
    expect(tenants.security).toEqual([{ bearer: [] }]);
    expect(statuses(tenants)).toEqual(['400', '401', '403']);
  });

  it('a JSON body: 413 and 415; a public route: no 401; a throttled one: 429', () => {
    const login = op('platform', 'post', '/auth/login');
    expect(login.security).toEqual([]);
    // 401 is the login's own (a wrong password); 429 comes from its login limits (rate-limit.ts).
    expect(statuses(login)).toEqual(['400', '401', '413', '415', '429']);
    const product = op('tenant', 'get', '/products/{id}');
    expect(statuses(product)).toEqual(['400', '403', '404']);
  });
});
