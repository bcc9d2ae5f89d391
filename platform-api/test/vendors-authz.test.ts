import { createTenantUser, signEmailVerificationToken } from '@agora/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';
import { applicationForm, newClient, pngFile, VALID_APPLICATION } from './vendor-helpers.js';

/**
 * The authorization matrix of the vendor endpoints: every endpoint, called by each kind of
 * caller, with the status each must get. Cells run denials first, so a success that changes
 * state (approve, remove) cannot hide a denial that should have come before it. The table is
 * also checked against each endpoint's `x-agora-access` declaration in the OpenAPI document.
 */

const ACTORS = ['anonymous', 'buyer', 'vendorAdminA', 'vendorAdminB', 'vendorStaffA', 'operator'] as const;
type Actor = (typeof ACTORS)[number];
const ROLE: Record<Actor, string | null> = {
  anonymous: null,
  buyer: 'buyer_admin',
  vendorAdminA: 'vendor_admin',
  vendorAdminB: 'vendor_admin',
  vendorStaffA: 'vendor_staff',
  operator: 'operator',
};

type Call = { method: string; path: string; json?: unknown; form?: () => FormData };
type Row = {
  /** `METHOD /path/template`, as in the OpenAPI document. */
  endpoint: string;
  /** What the row is about when the same endpoint appears twice (another vendor's id, say). */
  note?: string;
  call: (actor: Actor) => Call;
  expect: Record<Actor, number>;
};

const HOST = 'authz.localhost';
let h: ApiHarness;
const tokens: Partial<Record<Actor, string>> = {};
const ids: Record<string, string> = {};
const body = async (res: Response) => (await res.json()) as any;
let n = 0;
const unique = (what: string) => `${what}-${++n}@authz.example`;

function send(actor: Actor, call: Call) {
  const token = tokens[actor];
  return Promise.resolve(
    h.api.app.request(
      `/api/v1${call.path}`,
      {
        method: call.method,
        headers: {
          host: HOST,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(call.json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: call.form ? call.form() : call.json === undefined ? undefined : JSON.stringify(call.json),
      },
      // Each request from its own address: applications are rate limited per address.
      newClient(),
    ),
  );
}

async function apply(email: string) {
  const res = await h.api.app.request(
    '/api/v1/vendor-applications',
    { method: 'POST', headers: { host: HOST }, body: applicationForm(email) },
    newClient(),
  );
  expect(res.status).toBe(201);
  return body(res);
}

const asOperator = async (path: string, json: unknown = {}) => {
  const res = await send('operator', { method: 'POST', path, json });
  expect(res.status).toBe(200);
};

// Expected statuses, in ACTORS order.
const row = (s: [number, number, number, number, number, number]) =>
  Object.fromEntries(ACTORS.map((a, i) => [a, s[i]])) as Record<Actor, number>;
const everyone = (status: number) => row([status, status, status, status, status, status]);
const operatorOnly = (ok: number) => row([401, 403, 403, 403, 403, ok]);

const profile = (actor: Actor) => ({
  ...VALID_APPLICATION,
  businessName: `Renamed by ${actor}`,
  contactEmail: unique('contact'),
  industries: ['packaging'],
});
const documentsForm = () => {
  const form = new FormData();
  form.append('documents', pngFile());
  return form;
};

const ROWS: Row[] = [
  {
    endpoint: 'POST /vendor-applications',
    call: () => ({
      method: 'POST',
      path: '/vendor-applications',
      form: () => applicationForm(unique('apply')),
    }),
    expect: everyone(201),
  },
  {
    endpoint: 'POST /auth/verify-email',
    call: () => ({ method: 'POST', path: '/auth/verify-email', json: { token: ids.verifyToken } }),
    expect: everyone(200),
  },
  { endpoint: 'GET /vendors', call: () => ({ method: 'GET', path: '/vendors' }), expect: everyone(200) },
  {
    endpoint: 'GET /vendors/{id}',
    note: 'approved vendor A',
    call: () => ({ method: 'GET', path: `/vendors/${ids.vendorA}` }),
    expect: everyone(200),
  },
  {
    endpoint: 'GET /vendors/{id}',
    note: 'pending vendor B',
    call: () => ({ method: 'GET', path: `/vendors/${ids.vendorB}` }),
    expect: everyone(404),
  },
  {
    endpoint: 'GET /operator/vendors',
    call: () => ({ method: 'GET', path: '/operator/vendors' }),
    expect: operatorOnly(200),
  },
  {
    endpoint: 'GET /operator/vendors/{id}',
    call: () => ({ method: 'GET', path: `/operator/vendors/${ids.vendorB}` }),
    expect: operatorOnly(200),
  },
  {
    endpoint: 'POST /operator/vendors/{id}/approve',
    call: () => ({ method: 'POST', path: `/operator/vendors/${ids.toApprove}/approve`, json: {} }),
    expect: operatorOnly(200),
  },
  {
    endpoint: 'POST /operator/vendors/{id}/verify',
    call: () => ({ method: 'POST', path: `/operator/vendors/${ids.toVerify}/verify`, json: {} }),
    note: 'approved automatically, not verified yet',
    expect: operatorOnly(200),
  },
  {
    endpoint: 'POST /operator/vendors/{id}/reject',
    call: () => ({
      method: 'POST',
      path: `/operator/vendors/${ids.toReject}/reject`,
      json: { reason: 'No.' },
    }),
    expect: operatorOnly(200),
  },
  {
    endpoint: 'POST /operator/vendors/{id}/request-info',
    call: () => ({
      method: 'POST',
      path: `/operator/vendors/${ids.toAsk}/request-info`,
      json: { message: 'More, please.' },
    }),
    expect: operatorOnly(200),
  },
  {
    endpoint: 'POST /operator/vendors/{id}/suspend',
    call: () => ({
      method: 'POST',
      path: `/operator/vendors/${ids.toSuspend}/suspend`,
      json: { reason: 'Why not.' },
    }),
    expect: operatorOnly(200),
  },
  {
    endpoint: 'POST /operator/vendors/{id}/reinstate',
    call: () => ({ method: 'POST', path: `/operator/vendors/${ids.toReinstate}/reinstate`, json: {} }),
    expect: operatorOnly(200),
  },
  {
    endpoint: 'GET /settings/marketplace',
    call: () => ({ method: 'GET', path: '/settings/marketplace' }),
    expect: operatorOnly(200),
  },
  {
    endpoint: 'PUT /settings/marketplace',
    call: () => ({
      method: 'PUT',
      path: '/settings/marketplace',
      json: { autoApproveVendors: false, moderateProducts: true },
    }),
    expect: operatorOnly(200),
  },
  {
    endpoint: 'GET /vendor/profile',
    call: () => ({ method: 'GET', path: '/vendor/profile' }),
    expect: row([401, 403, 200, 200, 200, 403]),
  },
  {
    endpoint: 'PUT /vendor/profile',
    call: (actor) => ({ method: 'PUT', path: '/vendor/profile', json: profile(actor) }),
    expect: row([401, 403, 200, 200, 403, 403]),
  },
  {
    endpoint: 'POST /vendor/documents',
    note: 'A is approved (documents closed: 409), B is pending',
    call: () => ({ method: 'POST', path: '/vendor/documents', form: documentsForm }),
    expect: row([401, 403, 409, 201, 403, 403]),
  },
  {
    endpoint: 'GET /vendor/documents/{id}',
    note: "A's document",
    call: () => ({ method: 'GET', path: `/vendor/documents/${ids.docA}` }),
    expect: row([401, 403, 200, 404, 200, 403]),
  },
  {
    endpoint: 'GET /vendor/documents/{id}',
    note: "B's document",
    call: () => ({ method: 'GET', path: `/vendor/documents/${ids.docB}` }),
    expect: row([401, 403, 404, 200, 404, 403]),
  },
  {
    endpoint: 'GET /vendor/team',
    call: () => ({ method: 'GET', path: '/vendor/team' }),
    expect: row([401, 403, 200, 200, 200, 403]),
  },
  {
    endpoint: 'POST /vendor/team/invitations',
    call: () => ({ method: 'POST', path: '/vendor/team/invitations', json: { email: unique('invitee') } }),
    expect: row([401, 403, 201, 201, 403, 403]),
  },
  {
    endpoint: 'DELETE /vendor/team/{id}',
    note: "A's staff member",
    call: () => ({ method: 'DELETE', path: `/vendor/team/${ids.staffA2}` }),
    expect: row([401, 403, 204, 404, 403, 403]),
  },
  {
    endpoint: 'DELETE /vendor/team/{id}',
    note: "B's staff member",
    call: () => ({ method: 'DELETE', path: `/vendor/team/${ids.staffB}` }),
    expect: row([401, 403, 404, 204, 403, 403]),
  },
];

/** Endpoints of the vendor work: each must be in the matrix (and nothing else is checked here). */
const OWN_PATHS = [
  /^\/vendor-applications$/,
  /^\/auth\/verify-email$/,
  /^\/vendors(\/|$)/,
  /^\/operator\/vendors(\/|$)/,
  /^\/settings\/marketplace$/,
  /^\/vendor\/(profile|documents|team)(\/|$)/,
];

beforeAll(async () => {
  h = await createApiHarness();
  const tenant = await h.activeTenant('authz', 'Authz Market');
  const user = async (actor: Actor, role: 'operator' | 'buyer_admin' | 'vendor_staff', vendorId?: string) => {
    const email = unique(actor);
    const created = await createTenantUser(h.runtime.database, tenant, {
      email,
      password: 'password-123',
      role,
      vendorId,
    });
    const res = await h.call(HOST, '/api/v1/auth/login', { body: { email, password: 'password-123' } });
    tokens[actor] = (await body(res)).token;
    return created.id;
  };
  await user('operator', 'operator');
  await user('buyer', 'buyer_admin');

  const vendorA = await apply(unique('vendor-a'));
  const vendorB = await apply(unique('vendor-b'));
  Object.assign(ids, {
    vendorA: vendorA.id,
    vendorB: vendorB.id,
    docA: vendorA.documents[0].id,
    docB: vendorB.documents[0].id,
  });
  tokens.vendorAdminA = vendorA.token;
  tokens.vendorAdminB = vendorB.token;
  await asOperator(`/operator/vendors/${vendorA.id}/approve`);
  await user('vendorStaffA', 'vendor_staff', vendorA.id);
  const staffOf = async (vendorId: string) =>
    (
      await createTenantUser(h.runtime.database, tenant, {
        email: unique('staff'),
        password: 'password-123',
        role: 'vendor_staff',
        vendorId,
      })
    ).id;
  ids.staffA2 = await staffOf(vendorA.id);
  ids.staffB = await staffOf(vendorB.id);
  ids.verifyToken = await signEmailVerificationToken(h.config.jwtKeys, {
    tenantId: tenant.id,
    userId: vendorA.adminUserId,
    email: vendorA.contactEmail,
  });

  ids.toApprove = (await apply(unique('to-approve'))).id;
  ids.toReject = (await apply(unique('to-reject'))).id;
  ids.toAsk = (await apply(unique('to-ask'))).id;
  ids.toSuspend = (await apply(unique('to-suspend'))).id;
  await asOperator(`/operator/vendors/${ids.toSuspend}/approve`);
  // Approved automatically, so approved but not verified.
  const autoApprove = (on: boolean) =>
    send('operator', {
      method: 'PUT',
      path: '/settings/marketplace',
      json: { autoApproveVendors: on, moderateProducts: false },
    });
  expect((await autoApprove(true)).status).toBe(200);
  ids.toVerify = (await apply(unique('to-verify'))).id;
  expect((await autoApprove(false)).status).toBe(200);
  ids.toReinstate = (await apply(unique('to-reinstate'))).id;
  await asOperator(`/operator/vendors/${ids.toReinstate}/approve`);
  await asOperator(`/operator/vendors/${ids.toReinstate}/suspend`, { reason: 'For the test.' });
});
afterAll(() => h?.close());

describe('vendor endpoints: who may call what', () => {
  it.each(ROWS.map((r) => [`${r.endpoint}${r.note ? ` (${r.note})` : ''}`, r] as const))(
    '%s',
    async (_, r) => {
      const order = [...ACTORS].sort((x, y) => Number(r.expect[x] < 300) - Number(r.expect[y] < 300));
      const got: Partial<Record<Actor, number>> = {};
      for (const actor of order) {
        const res = await send(actor, r.call(actor));
        got[actor] = res.status;
        if (res.status >= 400) {
          const { error } = await body(res);
          if (res.status === 401) expect(error.code).toBe('unauthenticated');
          if (res.status === 403) expect(error.code).toBe('forbidden');
        }
      }
      expect(got).toEqual(r.expect);
    },
  );

  it("matches every endpoint's x-agora-access declaration, and covers every vendor endpoint", async () => {
    const doc = await body(await h.api.app.request('/api/v1/openapi.json', { headers: { host: HOST } }));
    const declared = new Map<string, { level: string; roles: string[] }>();
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      if (!OWN_PATHS.some((p) => p.test(path))) continue;
      for (const [method, op] of Object.entries<any>(item)) {
        const endpoint = `${method.toUpperCase()} ${path}`;
        expect(op['x-agora-access'], `${endpoint} declares who may call it`).toBeDefined();
        declared.set(endpoint, op['x-agora-access']);
      }
    }
    expect([...new Set(ROWS.map((r) => r.endpoint))].sort()).toEqual([...declared.keys()].sort());

    for (const r of ROWS) {
      const access = declared.get(r.endpoint)!;
      for (const actor of ACTORS) {
        const role = ROLE[actor];
        const allowed = access.level === 'public' || (role !== null && access.roles.includes(role));
        const expected = r.expect[actor];
        const label = `${r.endpoint} for ${actor}`;
        if (allowed) expect([401, 403], label).not.toContain(expected);
        else expect(expected, label).toBe(role === null ? 401 : 403);
      }
    }
  });
});
