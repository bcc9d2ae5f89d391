import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VENDOR_DOCUMENT_MAX_BYTES } from '@agora/contracts';
import { createTenantUser } from '@agora/core';
import { withTenant } from '@agora/db';
import { startWorkers, type WorkerHandle } from '@agora/provisioning';
import { eventually, tinyJpeg, tinyPng } from '@agora/testing';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiHarness, createApiHarness } from './harness.js';
import { applicationForm, file, newClient, pngFile, tinyPdf } from './vendor-helpers.js';

let h: ApiHarness;
let worker: WorkerHandle;
let dataDir: string;
type T = { id: string; schemaName: string; slug: string };
let a: T;
let b: T;
const P = 'platform.localhost';
const A = 'ven-a.localhost';
const B = 'ven-b.localhost';
const tokens: Record<string, string> = {};

const body = async (res: Response) => (await res.json()) as any;

const request = (
  host: string,
  path: string,
  init: { method?: string; token?: string; json?: unknown; form?: FormData } = {},
) =>
  Promise.resolve(
    h.api.app.request(
      path,
      {
        method: init.method ?? (init.json !== undefined || init.form ? 'POST' : 'GET'),
        headers: {
          host,
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
      },
      // Each request from its own address: applications are rate limited per address.
      newClient(),
    ),
  );
const apply = (host: string, form: FormData) => request(host, '/api/v1/vendor-applications', { form });

/** Apply on A and return the created vendor (with its admin's session token). */
async function applied(email: string, overrides: Record<string, string | string[] | null> = {}) {
  const res = await apply(A, applicationForm(email, overrides));
  expect(res.status, await res.clone().text()).toBe(201);
  return body(res);
}

const decide = (id: string, action: string, json: unknown = {}, host = A, token = tokens.op) =>
  request(host, `/api/v1/operator/vendors/${id}/${action}`, { json, token });

/** The dev mailbox, as a client of the API sees it (newest first). */
async function inbox(to: string): Promise<any[]> {
  const res = await h.call(P, `/platform/v1/dev/emails?to=${encodeURIComponent(to)}&limit=100`);
  return (await body(res)).data;
}
async function emailTo(to: string, match: (e: any) => boolean, what = `email to ${to}`) {
  return eventually(async () => (await inbox(to)).find(match), { what });
}
const linkIn = (text: string) => new URL(text.match(/https?:\/\/\S+/)![0]);

/** Files stored for a tenant's vendors (the local storage directory). */
function vendorFiles(tenantId: string): string[] {
  const dir = join(dataDir, 'files', 'objects', 'tenants', tenantId, 'vendors');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1));
}

const audit = (tenant: T, vendorId: string) =>
  withTenant(h.runtime.database, tenant, ({ db, t }) =>
    db
      .select()
      .from(t.auditLog)
      .where(and(eq(t.auditLog.subjectType, 'vendor'), eq(t.auditLog.subjectId, vendorId)))
      .orderBy(asc(t.auditLog.id)),
  );
const outboxTopics = (tenant: T) =>
  withTenant(h.runtime.database, tenant, ({ db, t }) =>
    db.select({ topic: t.outbox.topic, payload: t.outbox.payload }).from(t.outbox).orderBy(asc(t.outbox.id)),
  );
const counts = (tenant: T) =>
  withTenant(h.runtime.database, tenant, async ({ db, t }) => ({
    vendors: (await db.select({ id: t.vendors.id }).from(t.vendors)).length,
    documents: (await db.select({ id: t.vendorDocuments.id }).from(t.vendorDocuments)).length,
    users: (await db.select({ id: t.users.id }).from(t.users)).length,
  }));

async function login(host: string, email: string, password: string) {
  const res = await h.call(host, '/api/v1/auth/login', { body: { email, password } });
  expect(res.status).toBe(200);
  return (await body(res)).token as string;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'agora-vendors-'));
  h = await createApiHarness({ AGORA_DATA_DIR: dataDir });
  worker = await startWorkers(h.runtime);
  a = await h.activeTenant('ven-a', 'Alpha Market');
  b = await h.activeTenant('ven-b', 'Beta Market');
  // The owner of A accepts the invitation (so it is active and gets operator emails).
  const invitation = await emailTo('owner@ven-a.test', (e) => e.kind === 'invitation');
  const accepted = await h.call(A, '/api/v1/auth/accept-invite', {
    body: { token: linkIn(invitation.text).searchParams.get('token'), password: 'owner-password-1' },
  });
  tokens.owner = (await body(accepted)).token;
  for (const [tenant, host, name] of [
    [a, A, 'op'],
    [b, B, 'opB'],
  ] as const) {
    await createTenantUser(h.runtime.database, tenant, {
      email: `${name}@ops.test`,
      password: 'operator-pw-1',
      role: 'operator',
    });
    tokens[name] = await login(host, `${name}@ops.test`, 'operator-pw-1');
  }
});
afterAll(async () => {
  await worker?.close();
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('applying to sell', () => {
  it('creates a pending vendor with its documents, an active unverified vendor admin, and emails', async () => {
    const res = await apply(
      A,
      applicationForm('Sales@NordicPack.example', {}, [
        file('registration.pdf', tinyPdf(), 'application/pdf'),
        // A PNG named .pdf is fine: the type comes from the bytes.
        file('certificate.pdf', tinyPng(), 'application/pdf'),
      ]),
    );
    expect(res.status).toBe(201);
    const vendor = await body(res);
    expect(vendor).toMatchObject({
      id: expect.stringMatching(/^ven_/),
      name: 'Nordic Pack',
      legalName: 'Nordic Pack GmbH',
      country: 'DE',
      taxId: 'DE123456789',
      contactEmail: 'sales@nordicpack.example',
      industries: ['packaging', 'industrial-supplies'],
      status: 'pending',
      statusReason: null,
      verified: false,
      adminUserId: expect.stringMatching(/^usr_/),
    });
    expect(vendor.documents.map((d: any) => [d.filename, d.contentType])).toEqual([
      ['registration.pdf', 'application/pdf'],
      ['certificate.pdf', 'image/png'],
    ]);
    expect(vendorFiles(a.id).sort()).toEqual(
      vendor.documents
        .map((d: any) => `${vendor.id}/${d.id}.${d.contentType === 'image/png' ? 'png' : 'pdf'}`)
        .sort(),
    );

    const me = await body(await request(A, '/api/v1/me', { token: vendor.token }));
    expect(me).toMatchObject({
      email: 'sales@nordicpack.example',
      name: 'Nora Nordic',
      role: 'vendor_admin',
      status: 'active',
      vendorId: vendor.id,
      emailVerified: false,
    });
    expect(await login(A, 'sales@nordicpack.example', 'vendor-password-1')).toBeTruthy();
    expect((await audit(a, vendor.id)).map((r) => [r.action, r.actorUserId])).toEqual([
      ['vendor.applied', vendor.adminUserId],
    ]);

    // The applicant verifies the address; the owner and the operator hear about the application.
    const verification = await emailTo('sales@nordicpack.example', (e) => e.kind === 'email_verification');
    expect(verification.subject).toBe('Confirm your email for Alpha Market');
    const link = linkIn(verification.text);
    expect(`${link.origin}${link.pathname}`).toBe('http://ven-a.localhost:3000/console/verify-email');
    for (const to of ['owner@ven-a.test', 'op@ops.test']) {
      const note = await emailTo(to, (e) => e.kind === 'vendor_application');
      expect(note.subject).toBe('New vendor application: Nordic Pack');
      expect(note.text).toContain(`http://ven-a.localhost:3000/console/vendors/${vendor.id}`);
    }
    const token = link.searchParams.get('token');
    const verified = await h.call(A, '/api/v1/auth/verify-email', { body: { token } });
    expect(verified.status).toBe(200);
    expect(await body(verified)).toMatchObject({ email: 'sales@nordicpack.example' });
    expect((await h.call(A, '/api/v1/auth/verify-email', { body: { token } })).status).toBe(200);
    expect((await body(await request(A, '/api/v1/me', { token: vendor.token }))).emailVerified).toBe(true);

    const onB = await h.call(B, '/api/v1/auth/verify-email', { body: { token } });
    expect(onB.status).toBe(400);
    expect((await body(onB)).error).toMatchObject({
      code: 'invalid_token',
      details: { fields: [{ path: 'token' }] },
    });
    expect((await h.call(A, '/api/v1/auth/verify-email', { body: { token: 'nope' } })).status).toBe(400);
  });

  it('accepts industries as repeated fields and JPEG documents', async () => {
    const res = await apply(
      A,
      applicationForm('jpeg@vendor.example', { industries: ['electronics', 'chemicals, textiles'] }, [
        file('scan.jpg', tinyJpeg(), 'image/jpeg'),
      ]),
    );
    expect(res.status).toBe(201);
    const vendor = await body(res);
    expect(vendor.industries).toEqual(['electronics', 'chemicals', 'textiles']);
    expect(vendor.documents[0].contentType).toBe('image/jpeg');
  });

  it('names every missing or invalid field in one 400 and stores nothing', async () => {
    const before = { ...(await counts(a)), files: vendorFiles(a.id).length };
    const empty = new FormData();
    empty.append('website', 'ftp://nope');
    const res = await apply(A, empty);
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('validation_failed');
    expect(new Set(error.details.fields.map((f: any) => f.path))).toEqual(
      new Set([
        'businessName',
        'legalName',
        'country',
        'taxId',
        'contactName',
        'contactEmail',
        'website',
        'description',
        'industries',
        'password',
        'documents',
      ]),
    );

    const wrong = await apply(
      A,
      applicationForm('not-an-email', { country: 'XX', industries: 'packaging, toys', password: 'short' }),
    );
    const fields = Object.fromEntries(
      (await body(wrong)).error.details.fields.map((f: any) => [f.path, f.message]),
    );
    expect(fields).toEqual({
      contactEmail: 'must be an email address',
      country: expect.stringMatching(/ISO 3166-1 alpha-2/),
      'industries.1': expect.stringMatching(/must be one of/),
      password: expect.stringMatching(/at least 10/),
    });
    expect({ ...(await counts(a)), files: vendorFiles(a.id).length }).toEqual(before);
  });

  it('refuses documents by their bytes, too many and too large, naming each, and stores nothing', async () => {
    const before = { ...(await counts(a)), files: vendorFiles(a.id).length };
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]);
    const badType = await apply(
      A,
      applicationForm('bad@vendor.example', {}, [
        file('good.pdf', tinyPdf()),
        file('scan.pdf', exe, 'application/pdf'),
        file('notes.txt', new TextEncoder().encode('hello'), 'text/plain'),
      ]),
    );
    expect(badType.status).toBe(400);
    expect((await body(badType)).error.details.fields).toEqual([
      { path: 'documents.1', message: 'scan.pdf is not a PDF, PNG or JPEG file (checked from its contents)' },
      {
        path: 'documents.2',
        message: 'notes.txt is not a PDF, PNG or JPEG file (checked from its contents)',
      },
    ]);

    const six = Array.from({ length: 6 }, (_, i) => file(`doc${i}.pdf`, tinyPdf()));
    const tooMany = await apply(A, applicationForm('many@vendor.example', {}, six));
    expect((await body(tooMany)).error.details.fields).toEqual([
      { path: 'documents', message: 'attach at most 5 documents' },
    ]);

    const big = new Uint8Array(VENDOR_DOCUMENT_MAX_BYTES + 1);
    big.set(tinyPdf());
    const tooBig = await apply(
      A,
      applicationForm('big@vendor.example', {}, [pngFile(), file('huge.pdf', big)]),
    );
    expect(tooBig.status).toBe(400);
    expect((await body(tooBig)).error.details.fields).toEqual([
      { path: 'documents.1', message: 'huge.pdf is 5.0 MB; the limit is 5 MB' },
    ]);

    const none = await apply(A, applicationForm('none@vendor.example', {}, []));
    expect((await body(none)).error.details.fields.map((f: any) => f.path)).toEqual(['documents']);

    const notMultipart = await h.call(A, '/api/v1/vendor-applications', { body: { businessName: 'x' } });
    expect(notMultipart.status).toBe(415);
    expect({ ...(await counts(a)), files: vendorFiles(a.id).length }).toEqual(before);
  });

  it('refuses a contact email that already has an account with 409 naming contactEmail, storing nothing', async () => {
    const before = { ...(await counts(a)), files: vendorFiles(a.id).length };
    const res = await apply(A, applicationForm('OP@ops.test'));
    expect(res.status).toBe(409);
    expect((await body(res)).error).toMatchObject({
      code: 'email_taken',
      details: { fields: [{ path: 'contactEmail', message: expect.any(String) }] },
    });
    expect({ ...(await counts(a)), files: vendorFiles(a.id).length }).toEqual(before);
  });

  it('approves at once, but not verified, when the marketplace approves vendors automatically; an operator verifies later', async () => {
    const settings = (json?: unknown, token = tokens.op) =>
      request(A, '/api/v1/settings/marketplace', { token, ...(json ? { json, method: 'PUT' } : {}) });
    const buyerRules = { approveBuyers: 'operator', pricesVisibleTo: 'everyone' };
    expect(await body(await settings())).toEqual({
      autoApproveVendors: false,
      moderateProducts: false,
      ...buyerRules,
    });
    const bad = await settings({ autoApproveVendors: 'yes' });
    expect((await body(bad)).error.details.fields.map((f: any) => f.path).sort()).toEqual([
      'autoApproveVendors',
      'moderateProducts',
    ]);
    const on = await settings({ autoApproveVendors: true, moderateProducts: false });
    expect(await body(on)).toEqual({ autoApproveVendors: true, moderateProducts: false, ...buyerRules });
    try {
      const vendor = await applied('auto@vendor.example', { businessName: 'Auto Parts' });
      // Nobody has looked at its documents: it may sell, but buyers see no verified badge.
      expect(vendor).toMatchObject({ status: 'approved', verified: false, decidedAt: expect.any(String) });
      expect((await audit(a, vendor.id)).map((r) => [r.action, r.actorUserId, r.data])).toEqual([
        ['vendor.applied', vendor.adminUserId, { documents: 1 }],
        ['vendor.approved', null, { from: 'pending', to: 'approved', auto: true }],
      ]);
      const approved = await emailTo('auto@vendor.example', (e) => e.kind === 'vendor_decision');
      expect(approved.subject).toBe('Auto Parts is approved on Alpha Market');
      expect(approved.text).toMatch(/verified badge follows once Alpha Market has reviewed your documents/);
      const note = await emailTo('op@ops.test', (e) => e.subject === 'New vendor application: Auto Parts');
      expect(note.text).toMatch(/already approved/);
      const publicView = await request(A, `/api/v1/vendors/${vendor.id}`);
      expect(publicView.status).toBe(200);
      expect(await body(publicView)).toMatchObject({ verified: false });
      const unverified = await body(await request(A, '/api/v1/vendors?verified=false'));
      expect(unverified.data.map((v: any) => v.id)).toEqual([vendor.id]);

      // An operator reviews the documents and verifies it: audit row, email, badge.
      const opId = (await body(await request(A, '/api/v1/me', { token: tokens.op }))).id;
      // Not the vendor itself.
      const selfVerify = await request(A, `/api/v1/operator/vendors/${vendor.id}/verify`, {
        token: vendor.token,
        method: 'POST',
      });
      expect(selfVerify.status).toBe(403);
      const verified = await decide(vendor.id, 'verify');
      expect(verified.status).toBe(200);
      expect(await body(verified)).toMatchObject({ status: 'approved', verified: true });
      expect((await audit(a, vendor.id)).at(-1)).toMatchObject({
        action: 'vendor.verified',
        actorUserId: opId,
        data: { from: 'approved', to: 'approved' },
      });
      const email = await emailTo(
        'auto@vendor.example',
        (e) => e.subject === 'Auto Parts is verified on Alpha Market',
      );
      expect(email.text).toMatch(/buyers now see it as a verified vendor/);
      expect(await body(await request(A, `/api/v1/vendors/${vendor.id}`))).toMatchObject({ verified: true });
      const again = await decide(vendor.id, 'verify');
      expect(again.status).toBe(409);
      expect((await body(again)).error).toMatchObject({
        code: 'invalid_state',
        message: 'This vendor is already verified',
      });
    } finally {
      await settings({ autoApproveVendors: false, moderateProducts: false });
    }
    const log = await withTenant(h.runtime.database, a, ({ db, t }) =>
      db.select().from(t.auditLog).where(eq(t.auditLog.action, 'settings.marketplace_updated')),
    );
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ subjectType: 'settings', data: { changed: ['autoApproveVendors'] } });
  });
});

describe('operator decisions', () => {
  it('approve: verified, audit row with the operator, email to the contact, search event', async () => {
    const vendor = await applied('approve@vendor.example', { businessName: 'Approve Me' });
    const res = await decide(vendor.id, 'approve');
    expect(res.status).toBe(200);
    const after = await body(res);
    expect(after).toMatchObject({ status: 'approved', verified: true, statusReason: null });
    expect(after.history[0]).toMatchObject({
      action: 'vendor.approved',
      actorEmail: 'op@ops.test',
      data: { from: 'pending', to: 'approved' },
    });
    const opId = (await body(await request(A, '/api/v1/me', { token: tokens.op }))).id;
    expect((await audit(a, vendor.id)).at(-1)).toMatchObject({
      action: 'vendor.approved',
      actorUserId: opId,
      subjectType: 'vendor',
    });
    const email = await emailTo('approve@vendor.example', (e) => e.kind === 'vendor_decision');
    expect(email.subject).toBe('Approve Me is approved on Alpha Market');
    expect(email.text).toContain('http://ven-a.localhost:3000/console');
    const events = (await outboxTopics(a)).filter((e) => (e.payload as any).vendorId === vendor.id);
    expect(events.map((e) => e.topic)).toEqual([
      'vendor.application_submitted',
      'vendor.status_changed',
      'vendor.decision_made',
    ]);
    expect(events[1]!.payload).toEqual({ vendorId: vendor.id, status: 'approved' });

    const again = await decide(vendor.id, 'approve');
    expect(again.status).toBe(409);
    expect((await body(again)).error).toMatchObject({
      code: 'invalid_state',
      message: 'This vendor is approved; only pending vendors can be approved',
    });
  });

  it('approving a vendor with no documents does not verify it, and verify is refused until it has some', async () => {
    const vendor = await applied('nodocs@vendor.example', { businessName: 'No Docs' });
    // A vendor with nothing to review (the demo's seeded vendors, documents removed).
    await withTenant(h.runtime.database, a, ({ db, t }) =>
      db.delete(t.vendorDocuments).where(eq(t.vendorDocuments.vendorId, vendor.id)),
    );
    const approved = await decide(vendor.id, 'approve');
    expect(approved.status).toBe(200);
    expect(await body(approved)).toMatchObject({ status: 'approved', verified: false });
    const verify = await decide(vendor.id, 'verify');
    expect(verify.status).toBe(409);
    expect((await body(verify)).error).toMatchObject({
      code: 'invalid_state',
      message: expect.stringMatching(/no documents to review/),
    });
    expect(await body(await request(A, `/api/v1/vendors/${vendor.id}`))).toMatchObject({ verified: false });
    // Out of the public directory again, which a later test counts.
    expect((await decide(vendor.id, 'suspend', { reason: 'Test vendor.' })).status).toBe(200);
  });

  it('reject needs a reason, which the vendor is told and which stays on the vendor', async () => {
    const vendor = await applied('reject@vendor.example', { businessName: 'Reject Me' });
    const noReason = await decide(vendor.id, 'reject', { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect((await body(noReason)).error.details.fields.map((f: any) => f.path)).toEqual(['reason']);
    const res = await decide(vendor.id, 'reject', { reason: 'We could not verify the registration.' });
    expect(await body(res)).toMatchObject({
      status: 'rejected',
      statusReason: 'We could not verify the registration.',
    });
    const email = await emailTo('reject@vendor.example', (e) => e.kind === 'vendor_decision');
    expect(email.subject).toBe('Your application to sell on Alpha Market was not accepted');
    expect(email.text).toContain('Reason: We could not verify the registration.');
    expect((await audit(a, vendor.id)).at(-1)).toMatchObject({
      action: 'vendor.rejected',
      data: { from: 'pending', to: 'rejected', reason: 'We could not verify the registration.' },
    });
    // Final: nothing more can happen, and the vendor can no longer edit.
    for (const action of ['approve', 'reinstate', 'suspend'])
      expect((await decide(vendor.id, action, { reason: 'x' })).status).toBe(409);
    const own = await request(A, '/api/v1/vendor/profile', { token: vendor.token });
    expect(await body(own)).toMatchObject({
      status: 'rejected',
      statusReason: 'We could not verify the registration.',
    });
  });

  it('request-info, then the vendor resubmits by saving its profile: pending again, operators told', async () => {
    const vendor = await applied('info@vendor.example', { businessName: 'Info Needed' });
    const res = await decide(vendor.id, 'request-info', { message: 'Please add your ISO 9001 certificate.' });
    expect(await body(res)).toMatchObject({
      status: 'info_requested',
      statusReason: 'Please add your ISO 9001 certificate.',
    });
    const email = await emailTo('info@vendor.example', (e) => e.kind === 'vendor_decision');
    expect(email.subject).toBe('Alpha Market needs more information about Info Needed');
    expect(email.text).toContain('What is needed: Please add your ISO 9001 certificate.');

    const seen = await body(await request(A, '/api/v1/vendor/profile', { token: vendor.token }));
    expect(seen).toMatchObject({
      status: 'info_requested',
      statusReason: 'Please add your ISO 9001 certificate.',
    });
    const upload = new FormData();
    upload.append('documents', pngFile('iso9001.png'));
    const added = await request(A, '/api/v1/vendor/documents', { form: upload, token: vendor.token });
    expect(added.status).toBe(201);
    expect((await body(added)).data.map((d: any) => d.filename)).toEqual(['registration.pdf', 'iso9001.png']);

    const profile = {
      businessName: 'Info Needed',
      legalName: 'Info Needed Ltd',
      country: 'GB',
      taxId: 'GB999',
      contactName: 'Ivy Info',
      contactEmail: 'info@vendor.example',
      website: '',
      description: 'Now with the certificate you asked for.',
      industries: ['electronics'],
    };
    const saved = await request(A, '/api/v1/vendor/profile', {
      method: 'PUT',
      json: profile,
      token: vendor.token,
    });
    expect(saved.status).toBe(200);
    expect(await body(saved)).toMatchObject({
      status: 'pending',
      statusReason: null,
      legalName: 'Info Needed Ltd',
      website: null,
      industries: ['electronics'],
    });
    const note = await emailTo('op@ops.test', (e) => e.subject === 'Vendor application updated: Info Needed');
    expect(note.kind).toBe('vendor_application');
    expect((await audit(a, vendor.id)).map((r) => r.action)).toEqual([
      'vendor.applied',
      'vendor.info_requested',
      'vendor.documents_added',
      'vendor.profile_updated',
      'vendor.resubmitted',
    ]);
    expect((await decide(vendor.id, 'approve')).status).toBe(200);
  });

  it('reject a vendor asked for more information who never answers: rejected, emailed, audited', async () => {
    const vendor = await applied('silent@vendor.example', { businessName: 'Silent Supplies' });
    const asked = await decide(vendor.id, 'request-info', { message: 'Please add your tax certificate.' });
    expect(asked.status).toBe(200);
    // While the operator waits, only rejecting (or the vendor resubmitting) moves it on.
    for (const [action, json] of [
      ['approve', {}],
      ['request-info', { message: 'Still missing.' }],
      ['suspend', { reason: 'x' }],
      ['reinstate', {}],
    ] as const) {
      const refused = await decide(vendor.id, action, json);
      expect(refused.status, action).toBe(409);
      expect((await body(refused)).error.code).toBe('invalid_state');
    }

    const reason = 'No answer to our request for the tax certificate.';
    const res = await decide(vendor.id, 'reject', { reason });
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ status: 'rejected', statusReason: reason });
    const email = await emailTo(
      'silent@vendor.example',
      (e) => e.subject === 'Your application to sell on Alpha Market was not accepted',
    );
    expect(email.kind).toBe('vendor_decision');
    expect(email.text).toContain(`Reason: ${reason}`);
    const opId = (await body(await request(A, '/api/v1/me', { token: tokens.op }))).id;
    expect((await audit(a, vendor.id)).slice(-2)).toMatchObject([
      { action: 'vendor.info_requested', data: { from: 'pending', to: 'info_requested' } },
      {
        action: 'vendor.rejected',
        actorUserId: opId,
        data: { from: 'info_requested', to: 'rejected', reason },
      },
    ]);
    const events = (await outboxTopics(a)).filter((e) => (e.payload as any).vendorId === vendor.id);
    expect(events.slice(-2)).toEqual([
      { topic: 'vendor.status_changed', payload: { vendorId: vendor.id, status: 'rejected' } },
      {
        topic: 'vendor.decision_made',
        payload: { vendorId: vendor.id, action: 'reject', status: 'rejected', reason, verified: false },
      },
    ]);

    // Final: no second rejection, and the vendor can no longer resubmit.
    const again = await decide(vendor.id, 'reject', { reason });
    expect(again.status).toBe(409);
    expect((await body(again)).error.message).toBe(
      'This vendor is rejected; only pending or info requested vendors can be rejected',
    );
    const resubmit = await request(A, '/api/v1/vendor/profile', {
      method: 'PUT',
      token: vendor.token,
      json: profileOf(vendor),
    });
    expect(resubmit.status).toBe(409);
  });

  it('suspend and reinstate an approved vendor; the public directory follows at once', async () => {
    const vendor = await applied('suspend@vendor.example', { businessName: 'Suspend Me' });
    expect((await decide(vendor.id, 'suspend', { reason: 'x' })).status).toBe(409); // still pending
    await decide(vendor.id, 'approve');
    expect((await request(A, `/api/v1/vendors/${vendor.id}`)).status).toBe(200);
    const suspended = await decide(vendor.id, 'suspend', { reason: 'Unpaid fees.' });
    expect(await body(suspended)).toMatchObject({
      status: 'suspended',
      statusReason: 'Unpaid fees.',
      verified: true,
    });
    expect((await request(A, `/api/v1/vendors/${vendor.id}`)).status).toBe(404);
    const names = (await body(await request(A, '/api/v1/vendors?limit=100'))).data.map((v: any) => v.id);
    expect(names).not.toContain(vendor.id);
    const email = await emailTo(
      'suspend@vendor.example',
      (e) => e.subject === 'Suspend Me is suspended on Alpha Market',
    );
    expect(email.text).toContain('Reason: Unpaid fees.');
    const edit = await request(A, '/api/v1/vendor/profile', {
      method: 'PUT',
      token: vendor.token,
      json: { ...profileOf(vendor), description: 'Trying to edit while suspended.' },
    });
    expect(edit.status).toBe(409);

    const reinstated = await decide(vendor.id, 'reinstate');
    expect(await body(reinstated)).toMatchObject({ status: 'approved', statusReason: null });
    await emailTo(
      'suspend@vendor.example',
      (e) => e.subject === 'Suspend Me is active again on Alpha Market',
    );
    expect((await request(A, `/api/v1/vendors/${vendor.id}`)).status).toBe(200);
    expect((await audit(a, vendor.id)).map((r) => r.action).slice(-3)).toEqual([
      'vendor.approved',
      'vendor.suspended',
      'vendor.reinstated',
    ]);
    const statuses = (await outboxTopics(a))
      .filter((e) => e.topic === 'vendor.status_changed' && (e.payload as any).vendorId === vendor.id)
      .map((e) => (e.payload as any).status);
    expect(statuses).toEqual(['approved', 'suspended', 'approved']);
  });

  it('an approved vendor may edit its profile but not its legal name, tax id or country', async () => {
    const vendor = await applied('locked@vendor.example', { businessName: 'Locked Facts' });
    await decide(vendor.id, 'approve');
    const base = profileOf(vendor);
    const renamed = await request(A, '/api/v1/vendor/profile', {
      method: 'PUT',
      token: vendor.token,
      json: { ...base, businessName: 'Locked Facts Renamed' },
    });
    expect(renamed.status).toBe(200);
    expect((await body(renamed)).name).toBe('Locked Facts Renamed');
    const events = (await outboxTopics(a)).filter((e) => e.topic === 'vendor.updated');
    expect(events.map((e) => e.payload)).toContainEqual({ vendorId: vendor.id });
    const locked = await request(A, '/api/v1/vendor/profile', {
      method: 'PUT',
      token: vendor.token,
      json: { ...base, legalName: 'Someone Else GmbH', taxId: 'OTHER' },
    });
    expect(locked.status).toBe(409);
    expect((await body(locked)).error.details.fields.map((f: any) => f.path)).toEqual(['legalName', 'taxId']);
    const docs = new FormData();
    docs.append('documents', pngFile());
    const late = await request(A, '/api/v1/vendor/documents', { form: docs, token: vendor.token });
    expect(late.status).toBe(409);
  });
});

function profileOf(v: any) {
  return {
    businessName: v.name,
    legalName: v.legalName,
    country: v.country,
    taxId: v.taxId,
    contactName: v.contactName,
    contactEmail: v.contactEmail,
    website: v.website,
    description: v.description,
    industries: v.industries,
  };
}

describe('documents', () => {
  it('gives short-lived signed links that work on the own host only and expire', async () => {
    const vendor = await applied('docs@vendor.example', { businessName: 'Docs Co' });
    const detail = await body(
      await request(A, `/api/v1/operator/vendors/${vendor.id}`, { token: tokens.op }),
    );
    const [doc] = detail.documents;
    expect(doc.url).toMatch(
      new RegExp(`^/files/tenants/${a.id}/vendors/${vendor.id}/doc_\\w+\\.pdf\\?exp=\\d+&sig=`),
    );
    const ttl = Date.parse(doc.urlExpiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(280_000);
    expect(ttl).toBeLessThanOrEqual(301_000);

    const res = await request(A, doc.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(tinyPdf());
    expect((await request(B, doc.url)).status).toBe(404);

    // The vendor gets its own fresh link; another vendor's document id is a 404.
    const own = await request(A, `/api/v1/vendor/documents/${doc.id}`, { token: vendor.token });
    expect((await body(own)).filename).toBe('registration.pdf');

    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 301_000);
      const expired = await request(A, doc.url);
      expect(expired.status).toBe(403);
      expect((await body(expired)).error.message).toMatch(/expired/);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('finding vendors', () => {
  let ids: Record<string, string> = {};
  beforeAll(async () => {
    const make = async (key: string, overrides: Record<string, string>, approve: boolean) => {
      const v = await applied(`${key}@find.example`, overrides);
      if (approve) await decide(v.id, 'approve');
      return [key, v.id] as const;
    };
    ids = Object.fromEntries([
      await make('zeta', { businessName: 'Zeta Chemicals', country: 'FR', industries: 'chemicals' }, true),
      await make('yotta', { businessName: 'Yotta Textiles', country: 'IT', industries: 'textiles' }, true),
      await make('xeno', { businessName: 'Xeno Pending', country: 'FR', industries: 'chemicals' }, false),
    ]);
  });

  it('lists the operator queue with filters, search and keyset pagination', async () => {
    const list = async (query: string) => {
      const res = await request(A, `/api/v1/operator/vendors?${query}`, { token: tokens.op });
      expect(res.status, await res.clone().text()).toBe(200);
      return body(res);
    };
    const all = await list('limit=100');
    expect(all.data[0].id).toBe(ids.xeno); // newest first
    expect(all.data[0]).not.toHaveProperty('taxId');
    expect((await list('status=pending&country=fr')).data.map((v: any) => v.id)).toEqual([ids.xeno]);
    expect((await list('industry=chemicals&q=zeta')).data.map((v: any) => v.id)).toEqual([ids.zeta]);
    expect((await list('q=yotta%40FIND')).data.map((v: any) => v.id)).toEqual([ids.yotta]); // contact email
    expect((await list('q=%25')).data).toEqual([]); // % is a literal
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(`from=${today}&to=${today}&limit=100`)).data).toHaveLength(all.data.length);
    expect((await list('to=2000-01-01')).data).toEqual([]);
    expect((await list('status=&country=&q=')).data).toHaveLength(Math.min(all.data.length, 20));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((v: any) => v.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.data.map((v: any) => v.id));

    const bad = await request(
      A,
      '/api/v1/operator/vendors?status=nope&country=XX&industry=toys&from=yesterday&limit=0&cursor=zzz',
      {
        token: tokens.op,
      },
    );
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.details.fields.map((f: any) => f.path).sort()).toEqual([
      'country',
      'from',
      'industry',
      'limit',
      'status',
    ]);
    // Garbage, and a well-formed cursor holding a date that does not exist: 400, not a failed cast.
    const forged = Buffer.from(JSON.stringify(['2026-02-30T10:00:00.000000Z', 'ven_x'])).toString(
      'base64url',
    );
    for (const cursor of ['zzz', forged]) {
      const badCursor = await request(A, `/api/v1/operator/vendors?cursor=${cursor}`, { token: tokens.op });
      expect(badCursor.status).toBe(400);
      expect((await body(badCursor)).error.details.fields).toEqual([
        { path: 'cursor', message: 'is not a valid cursor' },
      ]);
    }
  });

  it('shows only approved vendors in the public directory, without private fields', async () => {
    const res = await request(A, '/api/v1/vendors?limit=100');
    expect(res.status).toBe(200);
    const { data } = await body(res);
    const names: string[] = data.map((v: any) => v.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['Zeta Chemicals', 'Yotta Textiles']));
    expect(names).not.toContain('Xeno Pending');
    for (const v of data) {
      expect(Object.keys(v).sort()).toEqual(
        ['country', 'description', 'id', 'industries', 'memberSince', 'name', 'verified', 'website'].sort(),
      );
    }
    const fr = await body(await request(A, '/api/v1/vendors?country=FR&industry=chemicals&verified=true'));
    expect(fr.data.map((v: any) => v.id)).toEqual([ids.zeta]);
    expect((await body(await request(A, '/api/v1/vendors?verified=false'))).data).toEqual([]);
    expect((await body(await request(A, '/api/v1/vendors?q=textil'))).data.map((v: any) => v.id)).toEqual([
      ids.yotta,
    ]);
    const page1 = await body(await request(A, '/api/v1/vendors?limit=1'));
    const page2 = await body(await request(A, `/api/v1/vendors?limit=1&cursor=${page1.nextCursor}`));
    expect(page2.data[0].name > page1.data[0].name).toBe(true);

    const one = await body(await request(A, `/api/v1/vendors/${ids.zeta}`));
    expect(one).toMatchObject({ id: ids.zeta, name: 'Zeta Chemicals', country: 'FR', verified: true });
    expect(one).not.toHaveProperty('taxId');
    expect(one).not.toHaveProperty('contactEmail');
    expect((await request(A, `/api/v1/vendors/${ids.xeno}`)).status).toBe(404);
    expect((await request(A, '/api/v1/vendors/ven_doesnotexist')).status).toBe(404);
  });

  it("never shows tenant A's vendor on tenant B's host, to operators or the public", async () => {
    for (const path of [`/api/v1/vendors/${ids.zeta}`, `/api/v1/operator/vendors/${ids.zeta}`]) {
      const res = await request(B, path, { token: tokens.opB });
      expect(res.status).toBe(404);
    }
    expect((await decide(ids.xeno!, 'approve', {}, B, tokens.opB)).status).toBe(404);
    expect((await body(await request(B, '/api/v1/operator/vendors', { token: tokens.opB }))).data).toEqual(
      [],
    );
    expect((await body(await request(B, '/api/v1/vendors'))).data).toEqual([]);
    // A's operator token is not valid on B at all.
    expect((await request(B, '/api/v1/operator/vendors', { token: tokens.op })).status).toBe(401);
    expect((await request(A, `/api/v1/vendors/${ids.zeta}`)).status).toBe(200);
  });
});

describe('vendor team', () => {
  it('a vendor admin invites staff, who accept, see their vendor, and can be removed', async () => {
    const vendor = await applied('team-admin@vendor.example', { businessName: 'Team Co' });
    const invite = await request(A, '/api/v1/vendor/team/invitations', {
      json: { email: 'Staff@Vendor.example' },
      token: vendor.token,
    });
    expect(invite.status).toBe(201);
    const staff = await body(invite);
    expect(staff).toMatchObject({ email: 'staff@vendor.example', role: 'vendor_staff', status: 'invited' });
    const taken = await request(A, '/api/v1/vendor/team/invitations', {
      json: { email: 'op@ops.test' },
      token: vendor.token,
    });
    expect((await body(taken)).error).toMatchObject({
      code: 'email_taken',
      details: { fields: [{ path: 'email' }] },
    });

    const email = await emailTo('staff@vendor.example', (e) => e.kind === 'invitation');
    expect(email.subject).toBe("You're invited to Alpha Market");
    expect(email.text).toContain('as vendor staff');
    const accepted = await h.call(A, '/api/v1/auth/accept-invite', {
      body: { token: linkIn(email.text).searchParams.get('token'), password: 'staff-password-1' },
    });
    expect(accepted.status).toBe(200);
    const staffToken = (await body(accepted)).token;
    const me = await body(await request(A, '/api/v1/me', { token: staffToken }));
    expect(me).toMatchObject({ role: 'vendor_staff', vendorId: vendor.id });
    expect((await body(await request(A, '/api/v1/vendor/profile', { token: staffToken }))).id).toBe(
      vendor.id,
    );
    expect(
      (
        await request(A, '/api/v1/vendor/profile', {
          method: 'PUT',
          json: profileOf(vendor),
          token: staffToken,
        })
      ).status,
    ).toBe(403);

    const team = await body(await request(A, '/api/v1/vendor/team', { token: staffToken }));
    expect(team.data.map((m: any) => [m.email, m.role, m.status, m.emailVerified])).toEqual([
      ['team-admin@vendor.example', 'vendor_admin', 'active', false],
      ['staff@vendor.example', 'vendor_staff', 'active', true], // accepting the emailed link proves it
    ]);
    // One member a page: the admin first, then the staff member, then no further page.
    const first = await body(await request(A, '/api/v1/vendor/team?limit=1', { token: staffToken }));
    expect(first.data.map((m: any) => m.email)).toEqual(['team-admin@vendor.example']);
    const second = await body(
      await request(A, `/api/v1/vendor/team?limit=1&cursor=${first.nextCursor}`, { token: staffToken }),
    );
    expect(second.data.map((m: any) => m.email)).toEqual(['staff@vendor.example']);
    expect(second.nextCursor).toBeNull();

    const removeAdmin = await request(A, `/api/v1/vendor/team/${vendor.adminUserId}`, {
      method: 'DELETE',
      token: vendor.token,
    });
    expect(removeAdmin.status).toBe(409);
    const removed = await request(A, `/api/v1/vendor/team/${staff.id}`, {
      method: 'DELETE',
      token: vendor.token,
    });
    expect(removed.status).toBe(204);
    expect((await request(A, '/api/v1/vendor/profile', { token: staffToken })).status).toBe(401);
    expect(
      (await request(A, `/api/v1/vendor/team/${staff.id}`, { method: 'DELETE', token: vendor.token })).status,
    ).toBe(404);
    expect((await audit(a, vendor.id)).map((r) => r.action)).toEqual([
      'vendor.applied',
      'vendor.staff_invited',
      'vendor.staff_removed',
    ]);
  });
});

describe('OpenAPI', () => {
  it('documents the vendor endpoints with who may call them', async () => {
    const doc = await body(await request(A, '/api/v1/openapi.json'));
    const apply = doc.paths['/vendor-applications'].post;
    expect(apply['x-agora-access']).toMatchObject({ level: 'public' });
    expect(Object.keys(apply.requestBody.content)).toEqual(['multipart/form-data']);
    expect(doc.paths['/operator/vendors/{id}/approve'].post['x-agora-access'].roles).toEqual([
      'owner',
      'operator',
    ]);
    expect(doc.paths['/vendor/profile'].put.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/operator/vendors'].get.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['status', 'country', 'industry', 'from', 'to', 'q', 'cursor', 'limit']),
    );
  });
});
