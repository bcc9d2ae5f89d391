import { sendOutboxEmail } from '@agora/core';
import { withTenant } from '@agora/db';
import { insertCatalog } from '@agora/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, type T, userToken } from './catalog-helpers.js';
import { addCompany, buyerToken } from './company-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';
import { fromAddress, newClient } from './vendor-helpers.js';

// Buyer companies through the API: sign-up, the operator's queue and decisions, terms, members,
// addresses, who sees prices, and the authorization matrix of every route.
let h: ApiHarness;
let t: T;
let other: T;
const A = 'co-a.localhost';
const B = 'co-b.localhost';

type Init = { method?: string; body?: unknown; token?: string };
/** A request from its own client address (sign-ups are rate limited per address). */
const call = (path: string, init: Init = {}, host = A, client = newClient()) => {
  const headers: Record<string, string> = { host };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return Promise.resolve(
    h.api.app.request(
      `/api/v1${path}`,
      {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      },
      client,
    ),
  );
};

let n = 0;
const signUpBody = (overrides: Record<string, unknown> = {}) => {
  n += 1;
  return {
    legalName: `Buyer ${n} GmbH`,
    country: 'DE',
    taxId: `DE${100000 + n}`,
    billingAddress: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    shippingAddresses: [
      {
        label: 'Warehouse',
        address: { line1: 'Hafen 2', city: 'Hamburg', postalCode: '20457', country: 'DE' },
      },
    ],
    name: 'Anna Admin',
    email: `admin${n}@buyer.test`,
    password: 'buyer-password-1',
    ...overrides,
  };
};

const fieldsOf = async (res: Response) =>
  Object.fromEntries(
    ((await body(res)).error.details.fields as { path: string; message: string }[]).map((f) => [
      f.path,
      f.message,
    ]),
  );

const rows = (tenant: T) =>
  withTenant(h.runtime.database, tenant, async ({ db, t: tables }) => ({
    companies: (await db.select({ id: tables.companies.id }).from(tables.companies)).length,
    users: (await db.select({ id: tables.users.id }).from(tables.users)).length,
    outbox: (await db.select({ id: tables.outbox.id }).from(tables.outbox)).length,
  }));

const events = (tenant: T, topic: string) =>
  withTenant(h.runtime.database, tenant, ({ db, t: tables }) =>
    db.select({ payload: tables.outbox.payload }).from(tables.outbox).where(eq(tables.outbox.topic, topic)),
  );
const audits = (tenant: T, companyId: string) =>
  withTenant(h.runtime.database, tenant, ({ db, t: tables }) =>
    db
      .select({ action: tables.auditLog.action, data: tables.auditLog.data })
      .from(tables.auditLog)
      .where(and(eq(tables.auditLog.subjectType, 'company'), eq(tables.auditLog.subjectId, companyId))),
  );

let operator: string;
let vendor: string;

beforeAll(async () => {
  h = await createApiHarness({ AGORA_VENDOR_APPLICATION_LIMIT: '3' });
  t = await h.activeTenant('co-a', 'Alpha Market');
  other = await h.activeTenant('co-b', 'Beta Market');
  operator = await userToken(h, t, 'owner');
  await insertCatalog(h.runtime.database, t, {
    vendors: [{ id: 'ven_tools', name: 'Tool House', verified: true }],
    categories: [{ id: 'cat_tools', name: 'Tools' }],
    products: [
      {
        id: 'prd_saw',
        vendorId: 'ven_tools',
        title: 'Circular saw',
        categoryId: 'cat_tools',
        basePriceMinor: 9_900,
        tiers: [{ minQty: 10, unitPriceMinor: 8_900 }],
      },
    ],
  });
  await h.runtime.search.reindexAll(t);
  vendor = await userToken(h, t, 'vendor_admin', 'ven_tools');
}, 120_000);
afterAll(() => h?.close());

describe('sign-up', () => {
  it('names every field error in one 400 and stores nothing', async () => {
    const before = await rows(t);
    const res = await call('/companies', {
      body: {
        legalName: 'X',
        country: 'XX',
        taxId: '',
        billingAddress: { line1: '', city: '', postalCode: '', country: 'ZZ', line2: 'x'.repeat(201) },
        shippingAddresses: [
          { label: '', address: { line1: '', city: 'Berlin', postalCode: '', country: 'DE' } },
        ],
        name: '',
        email: 'not-an-email',
        password: 'short',
      },
    });
    expect(res.status).toBe(400);
    const fields = await fieldsOf(res);
    expect(Object.keys(fields).sort()).toEqual(
      [
        'legalName',
        'country',
        'taxId',
        'billingAddress.line1',
        'billingAddress.line2',
        'billingAddress.city',
        'billingAddress.postalCode',
        'billingAddress.country',
        'shippingAddresses.0.label',
        'shippingAddresses.0.address.line1',
        'shippingAddresses.0.address.postalCode',
        'name',
        'email',
        'password',
      ].sort(),
    );
    expect(fields.legalName).toBe('must be at least 2 characters');
    expect(fields.password).toBe('must be at least 10 characters');
    expect(await rows(t)).toEqual(before);

    const none = await call('/companies', { body: signUpBody({ shippingAddresses: [] }) });
    expect(await fieldsOf(none)).toEqual({ shippingAddresses: 'add at least one shipping address' });
    expect(await rows(t)).toEqual(before);
  });

  it('creates a pending company, its addresses and its admin; emails verification and operators; audits', async () => {
    const res = await call('/companies', { body: signUpBody({ email: 'Pending@Buyer.test' }) });
    expect(res.status).toBe(201);
    const result = await body(res);
    expect(result).toMatchObject({ status: 'pending', companyId: expect.stringMatching(/^cmp_/) });
    // The session works: the admin sees the company, pending.
    const me = await body(await call('/account', { token: result.token }));
    expect(me).toMatchObject({
      user: { email: 'pending@buyer.test', role: 'buyer_admin', emailVerified: false },
      company: { status: 'pending' },
    });
    const company = await body(await call('/company', { token: result.token }));
    expect(company.shippingAddresses).toHaveLength(1);
    expect(company.billingAddress).toEqual({
      line1: 'Hauptstr. 1',
      line2: '',
      city: 'Berlin',
      postalCode: '10115',
      region: '',
      country: 'DE',
    });
    expect((await events(t, 'company.signed_up')).map((e) => e.payload)).toContainEqual({
      companyId: result.companyId,
      resubmitted: false,
    });
    expect((await events(t, 'user.email_verification_requested')).map((e) => e.payload)).toContainEqual({
      userId: result.userId,
      email: 'pending@buyer.test',
    });
    expect((await audits(t, result.companyId)).map((a) => a.action)).toEqual(['company.signed_up']);
  });

  it('refuses an email that has an account (409 on email), whatever its case', async () => {
    await call('/companies', { body: signUpBody({ email: 'taken@buyer.test' }) });
    const again = await call('/companies', { body: signUpBody({ email: 'TAKEN@buyer.test' }) });
    expect(again.status).toBe(409);
    expect(await fieldsOf(again)).toEqual({ email: 'already has an account in this marketplace' });
  });

  it('approves at once when the marketplace approves buyers automatically', async () => {
    const set = await call('/settings/marketplace', {
      method: 'PUT',
      token: operator,
      body: { autoApproveVendors: false, moderateProducts: false, approveBuyers: 'auto' },
    });
    expect(await body(set)).toMatchObject({ approveBuyers: 'auto', pricesVisibleTo: 'everyone' });
    const res = await body(await call('/companies', { body: signUpBody() }));
    expect(res.status).toBe('approved');
    expect((await audits(t, res.companyId)).map((a) => a.action).sort()).toEqual([
      'company.approved',
      'company.signed_up',
    ]);
    await call('/settings/marketplace', {
      method: 'PUT',
      token: operator,
      body: { autoApproveVendors: false, moderateProducts: false, approveBuyers: 'operator' },
    });
  });

  it('is rate limited per client address (refused forms do not count)', async () => {
    const client = fromAddress('198.51.100.7');
    for (let i = 0; i < 2; i++)
      expect((await call('/companies', { body: { legalName: '' } }, A, client)).status).toBe(400);
    for (let i = 0; i < 3; i++)
      expect((await call('/companies', { body: signUpBody() }, A, client)).status).toBe(201);
    const before = await rows(t);
    const refused = await call('/companies', { body: signUpBody() }, A, client);
    expect(refused.status).toBe(429);
    expect((await body(refused)).error.code).toBe('rate_limited');
    expect(await rows(t)).toEqual(before);
  });
});

describe('the operator decides', () => {
  let companyId: string;
  let admin: string;
  beforeAll(async () => {
    const res = await body(await call('/companies', { body: signUpBody() }));
    companyId = res.companyId;
    admin = res.token;
  });

  it('lists the queue by status, newest first, keyset-paginated', async () => {
    const page1 = await body(await call('/operator/companies?status=pending&limit=2', { token: operator }));
    expect(page1.data).toHaveLength(2);
    expect(page1.data.every((c: { status: string }) => c.status === 'pending')).toBe(true);
    expect(page1.data[0].id).toBe(companyId);
    expect(page1.data[0]).toMatchObject({ members: 1, adminEmail: expect.stringContaining('@buyer.test') });
    const page2 = await body(
      await call(`/operator/companies?status=pending&limit=2&cursor=${page1.nextCursor}`, {
        token: operator,
      }),
    );
    const ids = [...page1.data, ...page2.data].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const bad = await call('/operator/companies?status=sleeping', { token: operator });
    expect(bad.status).toBe(400);
    expect(Object.keys(await fieldsOf(bad))).toEqual(['status']);
  });

  it('requests information with a reason; the company resubmits by saving its details; then approves', async () => {
    const noReason = await call(`/operator/companies/${companyId}/decisions`, {
      token: operator,
      body: { action: 'request_info' },
    });
    expect(noReason.status).toBe(400);
    expect(await fieldsOf(noReason)).toEqual({ reason: 'is required: tell the company what is missing' });

    const asked = await call(`/operator/companies/${companyId}/decisions`, {
      token: operator,
      body: { action: 'request_info', reason: 'Send your VAT certificate' },
    });
    expect(asked.status).toBe(200);
    expect(await body(asked)).toMatchObject({
      status: 'info_requested',
      statusReason: 'Send your VAT certificate',
    });
    expect((await body(await call('/account', { token: admin }))).company).toMatchObject({
      status: 'info_requested',
      statusReason: 'Send your VAT certificate',
    });

    // Not a move from info_requested: 409, nothing changed.
    const again = await call(`/operator/companies/${companyId}/decisions`, {
      token: operator,
      body: { action: 'request_info', reason: 'again' },
    });
    expect(again.status).toBe(409);

    const company = await body(await call('/company', { token: admin }));
    const saved = await call('/company', {
      method: 'PUT',
      token: admin,
      body: {
        legalName: company.legalName,
        country: 'DE',
        taxId: 'DE999',
        billingAddress: company.billingAddress,
      },
    });
    expect(saved.status).toBe(200);
    expect((await body(saved)).status).toBe('pending');

    const approved = await call(`/operator/companies/${companyId}/decisions`, {
      token: operator,
      body: { action: 'approve' },
    });
    expect(approved.status).toBe(200);
    const detail = await body(approved);
    expect(detail.status).toBe('approved');
    expect(detail.history.map((e: { action: string }) => e.action)).toEqual([
      'approved',
      'resubmitted',
      'details_updated',
      'info_requested',
      'signed_up',
    ]);
    expect(detail.members).toHaveLength(1);
    const decisions = (await events(t, 'company.decision_made')).map((e) => e.payload);
    expect(decisions).toContainEqual({
      companyId,
      action: 'request_info',
      status: 'info_requested',
      reason: 'Send your VAT certificate',
    });
    expect(decisions).toContainEqual({ companyId, action: 'approve', status: 'approved', reason: null });
  });

  it('rejects with a reason (final) and suspends / reinstates approved ones', async () => {
    const r = await body(await call('/companies', { body: signUpBody() }));
    const rejected = await call(`/operator/companies/${r.companyId}/decisions`, {
      token: operator,
      body: { action: 'reject', reason: 'Not a business' },
    });
    expect(await body(rejected)).toMatchObject({ status: 'rejected', statusReason: 'Not a business' });
    expect(
      (
        await call(`/operator/companies/${r.companyId}/decisions`, {
          token: operator,
          body: { action: 'approve' },
        })
      ).status,
    ).toBe(409);
    // A rejected company's admin still signs in and sees why.
    expect((await body(await call('/account', { token: r.token }))).company).toMatchObject({
      status: 'rejected',
      statusReason: 'Not a business',
    });

    const suspended = await call(`/operator/companies/${companyId}/decisions`, {
      token: operator,
      body: { action: 'suspend', reason: 'Unpaid invoices' },
    });
    expect((await body(suspended)).status).toBe('suspended');
    const back = await call(`/operator/companies/${companyId}/decisions`, {
      token: operator,
      body: { action: 'reinstate' },
    });
    expect(await body(back)).toMatchObject({ status: 'approved', statusReason: null });
  });

  it('sets terms and a credit limit (validated, audited, emailed)', async () => {
    const bad = await call(`/operator/companies/${companyId}/terms`, {
      method: 'PUT',
      token: operator,
      body: { paymentTerms: 'net', netDays: 0, creditLimitMinor: -5 },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(await fieldsOf(bad)).sort()).toEqual(['creditLimitMinor', 'netDays']);
    const ok = await call(`/operator/companies/${companyId}/terms`, {
      method: 'PUT',
      token: operator,
      body: { paymentTerms: 'net', netDays: 30, creditLimitMinor: 500_000 },
    });
    expect(ok.status).toBe(200);
    expect((await body(ok)).terms).toEqual({ paymentTerms: 'net', netDays: 30, creditLimitMinor: 500_000 });
    expect((await body(await call('/company', { token: admin }))).terms.netDays).toBe(30);
    expect((await audits(t, companyId)).map((a) => a.action)).toContain('company.terms_changed');
    expect((await events(t, 'company.terms_changed')).map((e) => e.payload)).toContainEqual({
      companyId,
      paymentTerms: 'net',
      netDays: 30,
      creditLimitMinor: 500_000,
    });
  });
});

describe('members and addresses (company admins)', () => {
  let companyId: string;
  let admin: { id: string; token: string };
  let member: { id: string; token: string };
  beforeAll(async () => {
    companyId = await addCompany(h, t, 'Members GmbH');
    admin = await buyerToken(h, t, companyId, 'buyer_admin');
    member = await buyerToken(h, t, companyId, 'buyer_member');
  });

  it('invites with a role and a monthly limit; validates both-or-neither; refuses taken emails', async () => {
    const half = await call('/company/members', {
      token: admin.token,
      body: { email: 'half@buyer.test', role: 'buyer_member', spendingLimitMinor: 1000 },
    });
    expect(half.status).toBe(400);
    expect(await fieldsOf(half)).toEqual({ spendingPeriod: 'choose a period for the limit' });
    const badRole = await call('/company/members', {
      token: admin.token,
      body: { email: 'x@buyer.test', role: 'owner' },
    });
    expect(Object.keys(await fieldsOf(badRole))).toEqual(['role']);

    const invited = await call('/company/members', {
      token: admin.token,
      body: {
        email: 'New@Buyer.test',
        role: 'buyer_member',
        spendingLimitMinor: 250_000,
        spendingPeriod: 'month',
      },
    });
    expect(invited.status).toBe(201);
    expect(await body(invited)).toMatchObject({
      email: 'new@buyer.test',
      role: 'buyer_member',
      status: 'invited',
      spendingLimit: { amountMinor: 250_000, period: 'month' },
    });
    expect((await events(t, 'user.invited')).map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ email: 'new@buyer.test', role: 'buyer_member' }),
    );
    const taken = await call('/company/members', {
      token: admin.token,
      body: { email: 'new@buyer.test', role: 'buyer_member' },
    });
    expect(taken.status).toBe(409);

    const list = await body(await call('/company/members?limit=2', { token: admin.token }));
    expect(list.data).toHaveLength(2);
    const rest = await body(
      await call(`/company/members?limit=2&cursor=${list.nextCursor}`, { token: admin.token }),
    );
    expect([...list.data, ...rest.data].map((m: { email: string }) => m.email)).toContain('new@buyer.test');
  });

  it('changes role and limit; the only admin stays an admin', async () => {
    const changed = await call(`/company/members/${member.id}`, {
      method: 'PUT',
      token: admin.token,
      body: { role: 'buyer_approver', spendingLimitMinor: 10_000, spendingPeriod: 'week' },
    });
    expect(await body(changed)).toMatchObject({
      role: 'buyer_approver',
      spendingLimit: { amountMinor: 10_000, period: 'week' },
    });
    // The role change ended the member's session.
    expect((await call('/account', { token: member.token })).status).toBe(401);

    const demote = await call(`/company/members/${admin.id}`, {
      method: 'PUT',
      token: admin.token,
      body: { role: 'buyer_member' },
    });
    expect(demote.status).toBe(409);
    expect(
      (await call(`/company/members/${admin.id}`, { method: 'DELETE', token: admin.token })).status,
    ).toBe(409);
  });

  it('removes a member: disabled, sessions ended, gone from the list', async () => {
    const m = await buyerToken(h, t, companyId, 'buyer_member');
    expect((await call('/account', { token: m.token })).status).toBe(200);
    expect((await call(`/company/members/${m.id}`, { method: 'DELETE', token: admin.token })).status).toBe(
      204,
    );
    expect((await call('/account', { token: m.token })).status).toBe(401);
    const list = await body(await call('/company/members?limit=100', { token: admin.token }));
    expect(list.data.map((x: { id: string }) => x.id)).not.toContain(m.id);
    expect((await call(`/company/members/${m.id}`, { method: 'DELETE', token: admin.token })).status).toBe(
      404,
    );
    expect((await audits(t, companyId)).map((a) => a.action)).toContain('company.member_removed');
  });

  it('a removed member’s email can be invited again (201); a live account’s email is a 409 saying what to do', async () => {
    const m = await buyerToken(h, t, companyId, 'buyer_member');
    const invite = (email: string) =>
      call('/company/members', { token: admin.token, body: { email, role: 'buyer_member' } });
    const live = await invite(m.email);
    expect(live.status).toBe(409);
    expect((await body(live)).error.message).toBe(`${m.email} is already a member of your company`);
    await call(`/company/members/${m.id}`, { method: 'DELETE', token: admin.token });
    const again = await invite(m.email);
    expect(again.status).toBe(201);
    expect(await body(again)).toMatchObject({ id: m.id, email: m.email, status: 'invited' });
    expect((await events(t, 'user.invited')).map((e) => e.payload.userId)).toContain(m.id);
  });

  it('adds, edits and removes shipping addresses; the last one stays; billing is edited with the details', async () => {
    const added = await call('/company/addresses', {
      token: admin.token,
      body: {
        label: 'Site B',
        address: { line1: 'Weg 3', city: 'Köln', postalCode: '50667', country: 'DE' },
      },
    });
    expect(added.status).toBe(201);
    const addresses = (await body(added)).shippingAddresses;
    expect(addresses).toHaveLength(2);
    const bad = await call(`/company/addresses/${addresses[1].id}`, {
      method: 'PUT',
      token: admin.token,
      body: { label: '', address: { line1: 'Weg 3', city: '', postalCode: '50667', country: 'DE' } },
    });
    expect(Object.keys(await fieldsOf(bad)).sort()).toEqual(['address.city', 'label']);
    const edited = await call(`/company/addresses/${addresses[1].id}`, {
      method: 'PUT',
      token: admin.token,
      body: {
        label: 'Site C',
        address: { line1: 'Weg 4', city: 'Köln', postalCode: '50667', country: 'DE' },
      },
    });
    expect((await body(edited)).shippingAddresses[1].label).toBe('Site C');
    expect(
      (await call(`/company/addresses/${addresses[1].id}`, { method: 'DELETE', token: admin.token })).status,
    ).toBe(200);
    expect(
      (await call(`/company/addresses/${addresses[0].id}`, { method: 'DELETE', token: admin.token })).status,
    ).toBe(409);
  });
});

describe('authorization', () => {
  it('every company route: anonymous 401, vendor and operator 403 on buyer routes, buyers 403 on admin routes, other tenant 401', async () => {
    const companyId = await addCompany(h, t, 'Authz GmbH');
    const admin = await buyerToken(h, t, companyId, 'buyer_admin');
    const memberUser = await buyerToken(h, t, companyId, 'buyer_member');
    const approver = await buyerToken(h, t, companyId, 'buyer_approver');
    const otherCompany = await addCompany(h, t, 'Other GmbH');
    const otherAdmin = await buyerToken(h, t, otherCompany, 'buyer_admin');
    const otherMember = await buyerToken(h, t, otherCompany, 'buyer_member');
    const address = (await body(await call('/company', { token: admin.token }))).shippingAddresses[0].id;
    const elsewhere = await buyerToken(h, other, await addCompany(h, other, 'Beta Buyer'), 'buyer_admin');

    const addr = { label: 'L', address: { line1: 'a', city: 'b', postalCode: 'c', country: 'DE' } };
    const buyerRoutes: [string, string, unknown?][] = [
      ['GET', '/company'],
      ['GET', '/account'],
    ];
    const adminRoutes: [string, string, unknown?][] = [
      [
        'PUT',
        '/company',
        { legalName: 'Authz GmbH', country: 'DE', taxId: 'DE1', billingAddress: addr.address },
      ],
      ['POST', '/company/addresses', addr],
      ['PUT', `/company/addresses/${address}`, addr],
      ['DELETE', `/company/addresses/${address}`],
      ['GET', '/company/members'],
      ['POST', '/company/members', { email: 'someone@authz.test', role: 'buyer_member' }],
      ['PUT', `/company/members/${memberUser.id}`, { role: 'buyer_member' }],
      ['DELETE', `/company/members/${memberUser.id}`],
    ];
    const operatorRoutes: [string, string, unknown?][] = [
      ['GET', '/operator/companies'],
      ['GET', `/operator/companies/${companyId}`],
      ['POST', `/operator/companies/${companyId}/decisions`, { action: 'suspend', reason: 'x' }],
      [
        'PUT',
        `/operator/companies/${companyId}/terms`,
        { paymentTerms: 'prepay', netDays: 0, creditLimitMinor: null },
      ],
    ];
    const status = async (method: string, path: string, b: unknown, token?: string, host = A) =>
      (
        await call(
          path,
          { method, body: method === 'GET' || method === 'DELETE' ? undefined : b, token },
          host,
        )
      ).status;

    for (const [method, path, b] of [...buyerRoutes, ...adminRoutes, ...operatorRoutes]) {
      expect(await status(method, path, b), `${method} ${path} anonymous`).toBe(401);
      expect(await status(method, path, b, elsewhere.token), `${method} ${path} other tenant`).toBe(401);
      expect(await status(method, path, b, admin.token, B), `${method} ${path} on the other host`).toBe(401);
    }
    for (const [method, path, b] of [...buyerRoutes, ...adminRoutes]) {
      expect(await status(method, path, b, vendor), `${method} ${path} vendor`).toBe(403);
      expect(await status(method, path, b, operator), `${method} ${path} operator`).toBe(403);
    }
    for (const [method, path, b] of adminRoutes) {
      expect(await status(method, path, b, memberUser.token), `${method} ${path} buyer`).toBe(403);
      expect(await status(method, path, b, approver.token), `${method} ${path} approver`).toBe(403);
    }
    for (const [method, path, b] of operatorRoutes) {
      for (const token of [admin.token, memberUser.token, approver.token, vendor])
        expect(await status(method, path, b, token), `${method} ${path} non-operator`).toBe(403);
    }
    // Another company's admin: the member and address of this company do not exist for them.
    expect(
      await status('PUT', `/company/members/${memberUser.id}`, { role: 'buyer_member' }, otherAdmin.token),
    ).toBe(404);
    expect(await status('DELETE', `/company/members/${memberUser.id}`, undefined, otherAdmin.token)).toBe(
      404,
    );
    expect(await status('PUT', `/company/addresses/${address}`, addr, otherAdmin.token)).toBe(404);
    expect(await status('DELETE', `/company/addresses/${address}`, undefined, otherAdmin.token)).toBe(404);
    const theirs = await body(await call('/company/members?limit=100', { token: otherAdmin.token }));
    expect(theirs.data.map((m: { id: string }) => m.id).sort()).toEqual(
      [otherAdmin.id, otherMember.id].sort(),
    );
    expect((await body(await call('/company', { token: otherMember.token }))).id).toBe(otherCompany);
    // Another tenant's operator sees nothing of this tenant's companies.
    const betaOperator = await userToken(h, other, 'owner');
    expect(await status('GET', `/operator/companies/${companyId}`, undefined, betaOperator, B)).toBe(404);
    expect(
      (await body(await call('/operator/companies', { token: betaOperator }, B))).data.map(
        (c: { id: string }) => c.id,
      ),
    ).not.toContain(companyId);
  });
});

describe('prices visible to approved buyers only', () => {
  let approved: string;
  let pending: string;
  beforeAll(async () => {
    approved = (await buyerToken(h, t, await addCompany(h, t, 'Approved GmbH'), 'buyer_member')).token;
    pending = (await buyerToken(h, t, await addCompany(h, t, 'Waiting GmbH', 'pending'), 'buyer_admin'))
      .token;
    const res = await call('/settings/marketplace', {
      method: 'PUT',
      token: operator,
      body: { autoApproveVendors: false, moderateProducts: false, pricesVisibleTo: 'approved_buyers' },
    });
    expect(await body(res)).toMatchObject({ pricesVisibleTo: 'approved_buyers', approveBuyers: 'operator' });
    expect((await events(t, 'settings.marketplace_updated')).length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await call('/settings/marketplace', {
      method: 'PUT',
      token: operator,
      body: { autoApproveVendors: false, moderateProducts: false, pricesVisibleTo: 'everyone' },
    });
  });

  it('hides product prices and tiers from anonymous, pending companies, vendors and operators; shows them to approved buyers', async () => {
    for (const token of [undefined, pending, vendor, operator]) {
      const res = await call('/products/prd_saw', { token });
      expect(res.status).toBe(200);
      const p = await body(res);
      expect(p).toMatchObject({ basePriceMinor: null, tiers: [], pricesHidden: true, title: 'Circular saw' });
      expect(JSON.stringify(p)).not.toContain('9900');
      expect(JSON.stringify(p)).not.toContain('8900');
      expect(res.headers.get('vary')).toContain('Cookie');
      expect((await call('/products/prd_saw/quote?qty=10', { token })).status).toBe(403);
    }
    const anon = await call('/products/prd_saw');
    expect(anon.headers.get('cache-control')).toBeNull();
    const res = await call('/products/prd_saw', { token: approved });
    const p = await body(res);
    expect(p).toMatchObject({ basePriceMinor: 9_900, pricesHidden: false });
    expect(p.tiers.length).toBeGreaterThan(0);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await body(await call('/products/prd_saw/quote?qty=10', { token: approved }))).toMatchObject({
      ok: true,
      unitPriceMinor: 8_900,
    });
  });

  it('hides prices in search (and ignores price filters and sorting, which would reveal them)', async () => {
    const anon = await call('/search?q=saw&priceMin=1&priceMax=2&sort=price_asc');
    expect(anon.status).toBe(200);
    const r = await body(anon);
    expect(r.pricesHidden).toBe(true);
    expect(r.items.map((i: { id: string }) => i.id)).toEqual(['prd_saw']); // the filter that would exclude it is ignored
    expect(r.items[0]).toMatchObject({ unitPriceMinor: null, basePriceMinor: null });
    expect(anon.headers.get('cache-control')).toContain('public');
    expect(anon.headers.get('vary')).toContain('Cookie');

    const mine = await call('/search?q=saw', { token: approved });
    const m = await body(mine);
    expect(m.pricesHidden).toBe(false);
    expect(m.items[0].unitPriceMinor).toBe(9_900);
    expect(mine.headers.get('cache-control')).toBe('private, no-store');
    const filtered = await body(await call('/search?q=saw&priceMin=1&priceMax=2', { token: approved }));
    expect(filtered.items).toEqual([]);

    const pendingRes = await call('/search?q=saw', { token: pending });
    expect((await body(pendingRes)).items[0].unitPriceMinor).toBeNull();
    expect(pendingRes.headers.get('cache-control')).toBe('private, no-store');
  });

  it('with the default rule, prices are public and answers are shared', async () => {
    await call('/settings/marketplace', {
      method: 'PUT',
      token: operator,
      body: { autoApproveVendors: false, moderateProducts: false, pricesVisibleTo: 'everyone' },
    });
    const res = await call('/products/prd_saw');
    expect(await body(res)).toMatchObject({ basePriceMinor: 9_900, pricesHidden: false });
    expect(res.headers.get('vary') ?? '').not.toContain('Cookie');
    await call('/settings/marketplace', {
      method: 'PUT',
      token: operator,
      body: { autoApproveVendors: false, moderateProducts: false, pricesVisibleTo: 'approved_buyers' },
    });
    expect((await body(await call('/products/prd_saw'))).pricesHidden).toBe(true);
  });
});

describe('emails (through the outbox, like every email)', () => {
  /** Send every email event for `companyId` (or for `userId`) and return the dev mailbox for `to`. */
  async function send(match: (topic: string, payload: Record<string, unknown>) => boolean) {
    const all = await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
      db.select().from(tables.outbox),
    );
    for (const e of all.filter((e) => match(e.topic, e.payload)))
      await sendOutboxEmail(h.runtime, {
        tenantId: t.id,
        outboxId: e.id,
        topic: e.topic,
        payload: e.payload,
      });
  }
  const inbox = async (to: string) =>
    (await body(await h.call('platform.localhost', `/platform/v1/dev/emails?to=${encodeURIComponent(to)}`)))
      .data as {
      kind: string;
      subject: string;
      text: string;
    }[];

  it("a buyer's verification and invitation links go to the storefront; decisions and terms reach the admins; operators hear of sign-ups", async () => {
    const res = await body(
      await call('/companies', { body: signUpBody({ email: 'mail-admin@buyer.test' }) }),
    );
    const companyId: string = res.companyId;
    await call(`/operator/companies/${companyId}/decisions`, {
      token: operator,
      body: { action: 'request_info', reason: 'Send the VAT certificate' },
    });
    await call(`/operator/companies/${companyId}/terms`, {
      method: 'PUT',
      token: operator,
      body: { paymentTerms: 'net', netDays: 14, creditLimitMinor: 250_000 },
    });
    await call('/company/members', {
      token: res.token,
      body: { email: 'mail-member@buyer.test', role: 'buyer_approver' },
    });
    await send(
      (_topic, p) =>
        p.companyId === companyId ||
        p.email === 'mail-admin@buyer.test' ||
        p.email === 'mail-member@buyer.test',
    );

    const admin = await inbox('mail-admin@buyer.test');
    const kinds = admin.map((m) => m.kind).sort();
    expect(kinds).toEqual(['company_decision', 'company_terms', 'email_verification']);
    expect(admin.find((m) => m.kind === 'email_verification')?.text).toMatch(
      /\/account\/verify-email\?token=/,
    );
    const decision = admin.find((m) => m.kind === 'company_decision');
    expect(decision?.subject).toMatch(/needs more information/);
    expect(decision?.text).toContain('What is needed: Send the VAT certificate');
    expect(admin.find((m) => m.kind === 'company_terms')?.text).toContain(
      'invoice, 14 days. Credit limit: EUR 2500.00',
    );

    const [invitation] = await inbox('mail-member@buyer.test');
    expect(invitation?.kind).toBe('invitation');
    expect(invitation?.text).toMatch(/\/account\/accept-invite\?token=/);
    expect(invitation?.text).toContain('an approver of purchases');

    // Every active owner and operator hears of the sign-up, with a link to the company.
    const operators = await withTenant(h.runtime.database, t, ({ db, t: tables }) =>
      db
        .select({ email: tables.users.email })
        .from(tables.users)
        .where(and(eq(tables.users.role, 'owner'), eq(tables.users.status, 'active'))),
    );
    expect(operators.length).toBeGreaterThan(0);
    for (const { email } of operators) {
      const ops = await inbox(email);
      expect(
        ops.some((m) => m.kind === 'company_signed_up' && m.text.includes(`/console/companies/${companyId}`)),
      ).toBe(true);
    }
  });
});
