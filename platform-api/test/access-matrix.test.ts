import { signToken, tenantAudience } from '@agora/core';
import { withTenant } from '@agora/db';
import { insertCatalog } from '@agora/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';

/**
 * The authorization matrix of every tenant API operation, read from the OpenAPI document: each
 * operation declares who may call it (`x-agora-access`: level and roles). For every operation
 * that is not public, this calls it as every kind of caller and checks the gate:
 *
 * - anonymous, and a valid token of another tenant (same role, another audience): 401;
 * - each tenant role the declaration leaves out: 403, whatever the body or ids;
 * - each role it lets in: neither 401 nor 403 (the call may still fail for its made-up ids
 *   or empty body: 404, 400, ... — the gate let it through, which is what this checks).
 *
 * A new endpoint is in the matrix as soon as it is in the document; the per-feature tests check
 * what each allowed caller then sees of other vendors' and companies' data.
 */

const ROLES = [
  'owner',
  'operator',
  'vendor_admin',
  'vendor_staff',
  'buyer_admin',
  'buyer_member',
  'buyer_approver',
] as const;
type Role = (typeof ROLES)[number];

let h: ApiHarness;
let host = '';
let tenant: { id: string; schemaName: string; slug: string };
const userIds = {} as Record<Role, string>;
let otherTenantToken = '';
let operations: { method: string; path: string; level: string; roles: string[] }[] = [];

/** A fresh token with the user's current session version, so an endpoint that ends sessions cannot spoil later cells. */
async function tokenFor(role: Role) {
  const id = userIds[role];
  const [user] = await withTenant(h.runtime.database, tenant, ({ db, t }) =>
    db.select({ sv: t.users.sessionVersion }).from(t.users).where(eq(t.users.id, id)),
  );
  return signToken(h.config.jwtKeys, { sub: id, aud: tenantAudience(tenant.id), sv: user?.sv ?? 0 });
}

function send(op: (typeof operations)[number], token?: string) {
  const path = op.path.replace(/\{[^}]+\}/g, 'matrix_missing');
  const hasBody = !['get', 'head', 'delete'].includes(op.method);
  return h.call(host, `/api/v1${path}`, {
    method: op.method.toUpperCase(),
    ...(hasBody ? { body: {} } : {}),
    ...(token ? { token } : {}),
  });
}

beforeAll(async () => {
  h = await createApiHarness();
  tenant = await h.activeTenant('matrix');
  host = `${tenant.slug}.localhost`;
  const other = await h.activeTenant('matrix-other');

  await insertCatalog(h.runtime.database, tenant, { vendors: [{ id: 'ven_matrix', name: 'Matrix Tools' }] });
  await withTenant(h.runtime.database, tenant, async ({ db, t }) => {
    await db.insert(t.companies).values({
      id: 'cmp_matrix',
      legalName: 'Matrix Buyers GmbH',
      country: 'DE',
      taxId: 'DE123456789',
      billingAddress: { line1: 'Street 1', city: 'Berlin', country: 'DE' },
      status: 'approved',
    });
    await db.insert(t.users).values(
      ROLES.map((role) => ({
        id: `usr_matrix_${role}`,
        email: `${role}.member@matrix.test`,
        role,
        status: 'active' as const,
        vendorId: role.startsWith('vendor_') ? 'ven_matrix' : null,
        companyId: role.startsWith('buyer_') ? 'cmp_matrix' : null,
        emailVerifiedAt: new Date(),
      })),
    );
  });
  for (const role of ROLES) userIds[role] = `usr_matrix_${role}`;

  await withTenant(h.runtime.database, other, ({ db, t }) =>
    db
      .insert(t.users)
      .values({ id: 'usr_other_owner', email: 'owner@other.test', role: 'owner', status: 'active' }),
  );
  otherTenantToken = await signToken(h.config.jwtKeys, {
    sub: 'usr_other_owner',
    aud: tenantAudience(other.id),
  });

  const res = await h.call(host, '/api/v1/openapi.json');
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { paths: Record<string, Record<string, any>> };
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method,
      path,
      level: op['x-agora-access']?.level,
      roles: op['x-agora-access']?.roles ?? [],
    })),
  );
});
afterAll(() => h?.close());

describe('the access matrix of the tenant API', () => {
  it('has a declaration for every operation, with roles this marketplace has', () => {
    expect(operations.length).toBeGreaterThan(40);
    for (const op of operations) {
      expect(op.level, `${op.method} ${op.path}`).toBeTypeOf('string');
      for (const role of op.roles) expect(ROLES, `${op.method} ${op.path}`).toContain(role);
    }
  });

  it('refuses anonymous callers and other tenants tokens on every operation that is not public', async () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => o.level !== 'public')) {
      for (const [who, token] of [
        ['anonymous', undefined],
        ['another tenant', otherTenantToken],
      ] as const) {
        const res = await send(op, token);
        if (res.status !== 401) wrong.push(`${op.method.toUpperCase()} ${op.path} as ${who}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets in exactly the roles each operation declares', async () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => o.level !== 'public')) {
      // Denials first: an allowed call that changes state must not hide a denial.
      const order = [...ROLES].sort((a, b) => Number(op.roles.includes(a)) - Number(op.roles.includes(b)));
      for (const role of order) {
        const allowed = op.roles.includes(role);
        const res = await send(op, await tokenFor(role));
        const ok = allowed ? res.status !== 401 && res.status !== 403 : res.status === 403;
        if (!ok)
          wrong.push(
            `${op.method.toUpperCase()} ${op.path} as ${role}: ${res.status} (${allowed ? 'allowed' : 'not allowed'})`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });
});
