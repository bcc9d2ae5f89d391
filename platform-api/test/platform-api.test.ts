import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness, STAFF } from './harness.js';

let h: ApiHarness;
const P = 'platform.localhost';

beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(() => h?.close());

const body = async (res: Response) => (await res.json()) as any;

describe('staff auth', () => {
  it('logs in with the right password and returns a token that works on the platform host', async () => {
    const res = await h.call(P, '/platform/v1/auth/login', { body: STAFF });
    expect(res.status).toBe(200);
    const { token } = await body(res);
    const me = await h.call(P, '/platform/v1/me', { token });
    expect(await body(me)).toMatchObject({ email: STAFF.email });
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrong = await h.call(P, '/platform/v1/auth/login', {
      body: { email: STAFF.email, password: 'nope-nope' },
    });
    const unknown = await h.call(P, '/platform/v1/auth/login', {
      body: { email: 'who@x.test', password: 'nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await body(wrong)).toEqual(await body(unknown));
  });

  it('names the invalid fields of a login', async () => {
    const res = await h.call(P, '/platform/v1/auth/login', { body: { email: 'not-an-email' } });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('validation_failed');
    expect(error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'password']);
  });

  it('rejects malformed JSON and a missing token with the one error shape', async () => {
    const bad = await h.call(P, '/platform/v1/auth/login', { body: '{"email":' });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.code).toBe('bad_request');
    const anon = await h.call(P, '/platform/v1/tenants');
    expect(anon.status).toBe(401);
    expect(await body(anon)).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it('rejects a tampered or foreign-signed token', async () => {
    const token = await h.staffToken();
    const [head, payload] = token.split('.');
    const forged = `${head}.${payload}.${'A'.repeat(43)}`;
    expect((await h.call(P, '/platform/v1/tenants', { token: forged })).status).toBe(401);
  });
});

describe('tenants API', () => {
  it('creates a tenant: 202 with the tenant in provisioning and its steps', async () => {
    const res = await h.call(P, '/platform/v1/tenants', {
      body: { name: 'Initech Parts', slug: 'initech', ownerEmail: 'Owner@Initech.test' },
      token: await h.staffToken(),
    });
    expect(res.status).toBe(202);
    const tenant = await body(res);
    expect(tenant).toMatchObject({
      slug: 'initech',
      status: 'provisioning',
      ownerEmail: 'owner@initech.test',
      domains: [],
    });
    expect(tenant.schemaName).toMatch(/^t_[0-9a-z]{12}$/);
    expect(tenant.provisioning.steps.map((s: { step: string }) => s.step)).toEqual([
      'role',
      'schema',
      'migrations',
      'seed',
      'domain',
    ]);
  });

  it.each([
    ['Acme', 'use lowercase'],
    ['ab', 'at least 3'],
    ['a'.repeat(41), 'at most 40'],
    ['-acme', 'use lowercase'],
    ['acme-', 'use lowercase'],
    ['ac--me', 'use lowercase'],
    ['admin', 'reserved'],
    ['platform', 'reserved'],
    ['www', 'reserved'],
  ])('refuses the slug %j', async (slug, message) => {
    const res = await h.call(P, '/platform/v1/tenants', {
      body: { name: 'X Co', slug, ownerEmail: 'o@x.test' },
      token: await h.staffToken(),
    });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.details.fields).toContainEqual({ path: 'slug', message: expect.stringContaining(message) });
  });

  it('names every invalid field at once and creates nothing', async () => {
    const token = await h.staffToken();
    const before = (await body(await h.call(P, '/platform/v1/tenants?limit=100', { token }))).data.length;
    const res = await h.call(P, '/platform/v1/tenants', {
      body: { name: '', slug: 'OK', ownerEmail: 'x' },
      token,
    });
    expect(res.status).toBe(400);
    const fields = (await body(res)).error.details.fields.map((f: { path: string }) => f.path);
    expect(new Set(fields)).toEqual(new Set(['name', 'slug', 'ownerEmail']));
    expect((await body(await h.call(P, '/platform/v1/tenants?limit=100', { token }))).data.length).toBe(
      before,
    );
  });

  it('answers a taken slug with 409 slug_taken', async () => {
    await h.activeTenant('taken');
    const res = await h.call(P, '/platform/v1/tenants', {
      body: { name: 'Again', slug: 'taken', ownerEmail: 'o@x.test' },
      token: await h.staffToken(),
    });
    expect(res.status).toBe(409);
    expect((await body(res)).error).toMatchObject({
      code: 'slug_taken',
      message: expect.stringContaining('"taken" is already taken'),
    });
  });

  it('pages through tenants newest first without gaps or repeats, and filters', async () => {
    const token = await h.staffToken();
    for (const s of ['page-a', 'page-b', 'page-c', 'page-d', 'page-e']) await h.activeTenant(s);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = `?limit=2&q=page-${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await body(await h.call(P, `/platform/v1/tenants${qs}`, { token }));
      seen.push(...page.data.map((t: { slug: string }) => t.slug));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(['page-e', 'page-d', 'page-c', 'page-b', 'page-a']);
    expect(pages).toBe(3);

    const provisioning = await body(await h.call(P, '/platform/v1/tenants?status=provisioning', { token }));
    expect(provisioning.data.every((t: { status: string }) => t.status === 'provisioning')).toBe(true);
  });

  it('rejects a bad cursor, limit or status with the field named', async () => {
    const token = await h.staffToken();
    for (const [qs, field] of [
      ['cursor=garbage', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['status=sleeping', 'status'],
    ]) {
      const res = await h.call(P, `/platform/v1/tenants?${qs}`, { token });
      expect(res.status, qs).toBe(400);
      expect((await body(res)).error.details.fields[0].path).toBe(field);
    }
  });

  it('returns 404 for an unknown tenant id', async () => {
    const res = await h.call(P, '/platform/v1/tenants/ten_doesnotexist', { token: await h.staffToken() });
    expect(res.status).toBe(404);
    expect((await body(res)).error.code).toBe('not_found');
  });

  it('shows an active tenant with all steps done, its schema and its domain', async () => {
    const t = await h.activeTenant('shown');
    const res = await body(await h.call(P, `/platform/v1/tenants/${t.id}`, { token: await h.staffToken() }));
    expect(res).toMatchObject({
      status: 'active',
      schemaName: t.schemaName,
      provisioning: { progress: 100 },
    });
    expect(res.domains).toEqual([{ hostname: 'shown.localhost', kind: 'platform', primary: true }]);
  });

  it('suspends and resumes: the tenant API answers 403 tenant_suspended meanwhile', async () => {
    const token = await h.staffToken();
    const t = await h.activeTenant('pausable');
    expect((await h.call('pausable.localhost', '/api/v1/storefront')).status).toBe(200);

    const suspended = await h.call(P, `/platform/v1/tenants/${t.id}/suspend`, {
      method: 'POST',
      body: { reason: 'unpaid' },
      token,
    });
    expect((await body(suspended)).status).toBe('suspended');
    const blocked = await h.call('pausable.localhost', '/api/v1/storefront');
    expect(blocked.status).toBe(403);
    expect((await body(blocked)).error.code).toBe('tenant_suspended');
    // Suspending again is a no-op; resuming an active tenant is not.
    expect((await h.call(P, `/platform/v1/tenants/${t.id}/suspend`, { method: 'POST', token })).status).toBe(
      200,
    );

    const resumed = await h.call(P, `/platform/v1/tenants/${t.id}/resume`, { method: 'POST', token });
    expect((await body(resumed)).status).toBe('active');
    expect((await h.call('pausable.localhost', '/api/v1/storefront')).status).toBe(200);
    expect((await h.call(P, `/platform/v1/tenants/${t.id}/retry`, { method: 'POST', token })).status).toBe(
      409,
    );

    const { rows } = await h.runtime.database.pool.query(
      `select action, data from platform.audit_log where tenant_id = $1 order by id`,
      [t.id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'tenant.created',
      'tenant.activated',
      'tenant.suspended',
      'tenant.resumed',
    ]);
    expect(rows[2].data).toEqual({ reason: 'unpaid' });
  });

  it('cannot suspend a tenant that is still provisioning', async () => {
    const token = await h.staffToken();
    const created = await body(
      await h.call(P, '/platform/v1/tenants', {
        body: { name: 'Slow', slug: 'slow', ownerEmail: 'o@slow.test' },
        token,
      }),
    );
    const res = await h.call(P, `/platform/v1/tenants/${created.id}/suspend`, { method: 'POST', token });
    expect(res.status).toBe(409);
    expect((await body(res)).error.code).toBe('invalid_state');
  });
});

describe('health and docs', () => {
  it('reports liveness and readiness on any host', async () => {
    expect(await body(await h.call('anything.example', '/healthz'))).toEqual({ status: 'ok' });
    const ready = await h.call(P, '/readyz');
    expect(ready.status).toBe(200);
    expect(await body(ready)).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
  });

  it('documents both APIs with OpenAPI and a docs page', async () => {
    const platform = await body(await h.call(P, '/platform/v1/openapi.json'));
    expect(Object.keys(platform.paths)).toEqual(
      expect.arrayContaining([
        '/auth/login',
        '/tenants',
        '/tenants/{id}',
        '/tenants/{id}/suspend',
        '/tenants/{id}/resume',
        '/tenants/{id}/retry',
      ]),
    );
    expect(platform.servers).toEqual([{ url: '/platform/v1' }]);
    expect(platform.paths['/tenants'].post.requestBody.content['application/json'].schema.required).toEqual([
      'name',
      'slug',
      'ownerEmail',
    ]);
    await h.activeTenant('documented');
    const tenant = await body(await h.call('documented.localhost', '/api/v1/openapi.json'));
    expect(Object.keys(tenant.paths)).toEqual(expect.arrayContaining(['/storefront', '/auth/login', '/me']));
    expect(Object.keys(tenant.paths).some((p) => p.startsWith('/tenants'))).toBe(false);
    expect(tenant.servers).toEqual([{ url: '/api/v1' }]);
    const docs = await h.call(P, '/platform/v1/docs');
    expect(await docs.text()).toContain('SwaggerUIBundle');
    expect((await h.call(P, '/platform/v1/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });
});
