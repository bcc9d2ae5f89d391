import { createTenantUser } from '@agora/core';
import { withTenant } from '@agora/db';
import { startWorkers, type WorkerHandle } from '@agora/provisioning';
import { eventually } from '@agora/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { type ApiHarness, createApiHarness } from './harness.js';

let h: ApiHarness;
let worker: WorkerHandle;
const P = 'platform.localhost';
type T = { id: string; schemaName: string; slug: string };

const body = async (res: Response) => (await res.json()) as any;

beforeAll(async () => {
  h = await createApiHarness();
  worker = await startWorkers(h.runtime);
});
afterAll(async () => {
  await worker?.close();
  await h?.close();
});

/** Create a tenant through the control plane; the worker provisions it. */
async function provision(slug: string): Promise<T> {
  const res = await h.call(P, '/platform/v1/tenants', {
    body: { name: `Shop ${slug}`, slug, ownerEmail: `owner@${slug}.test` },
    token: await h.staffToken(),
  });
  expect(res.status).toBe(202);
  const tenant = (await body(res)) as T;
  await eventually(
    async () => {
      const t = await body(
        await h.call(P, `/platform/v1/tenants/${tenant.id}`, { token: await h.staffToken() }),
      );
      return t.status === 'active';
    },
    { what: `${slug} to be active` },
  );
  return tenant;
}

/** The dev mailbox, as a client of the API sees it. */
async function inbox(to: string): Promise<any[]> {
  const res = await h.call(P, `/platform/v1/dev/emails?to=${encodeURIComponent(to)}`);
  expect(res.status).toBe(200);
  return (await body(res)).data;
}

/** Wait for the `n`th email to `to` and return its link. */
async function linkFor(to: string, n = 1): Promise<URL> {
  const emails = await eventually(
    async () => {
      const list = await inbox(to);
      return list.length >= n ? list : null;
    },
    { what: `email ${n} to ${to}` },
  );
  const match = emails[0].text.match(/https?:\/\/\S+/);
  return new URL(match[0]);
}

/** Every event relayed and every email job done. */
async function settled() {
  await worker.relay.idle();
  await eventually(async () => {
    const counts = await h.runtime.jobs
      .queue('email')
      .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  });
}

const host = (t: T) => `${t.slug}.localhost`;
const login = async (t: T, email: string, password: string) =>
  h.call(host(t), '/api/v1/auth/login', { body: { email, password } });

/** An owner who accepted the invitation, and their session token. */
async function ownerSession(t: T): Promise<string> {
  const link = await linkFor(`owner@${t.slug}.test`);
  const res = await h.call(link.host, '/api/v1/auth/accept-invite', {
    body: { token: link.searchParams.get('token'), password: 'owner-password-1' },
  });
  expect(res.status).toBe(200);
  return (await body(res)).token;
}

describe('invitations', () => {
  let t: T;
  beforeAll(async () => {
    t = await provision('acc-invite');
  });

  it('provisioning ends with an invitation email whose link sets the password and logs in', async () => {
    const link = await linkFor('owner@acc-invite.test');
    expect(`${link.origin}${link.pathname}`).toBe('http://acc-invite.localhost:3000/console/accept-invite');
    const [email] = await inbox('owner@acc-invite.test');
    expect(email).toMatchObject({
      subject: "You're invited to Shop acc-invite",
      kind: 'invitation',
      status: 'stored',
      tenantId: t.id,
    });

    const res = await h.call(link.host, '/api/v1/auth/accept-invite', {
      body: { token: link.searchParams.get('token'), password: 'correct horse battery', name: 'Olive Owner' },
    });
    expect(res.status).toBe(200);
    const { token } = await body(res);
    const me = await body(await h.call(host(t), '/api/v1/me', { token }));
    expect(me).toMatchObject({
      email: 'owner@acc-invite.test',
      name: 'Olive Owner',
      role: 'owner',
      status: 'active',
    });
    expect((await login(t, 'owner@acc-invite.test', 'correct horse battery')).status).toBe(200);
  });

  it('refuses a used, unknown or expired invitation token with 400 invalid_token', async () => {
    const used = await linkFor('owner@acc-invite.test');
    const again = await h.call(host(t), '/api/v1/auth/accept-invite', {
      body: { token: used.searchParams.get('token'), password: 'another-password-1' },
    });
    expect(again.status).toBe(400);
    const refused = await body(again);
    expect(refused.error).toMatchObject({
      code: 'invalid_token',
      details: { fields: [{ path: 'token', message: expect.any(String) }] },
    });
    const unknown = await h.call(host(t), '/api/v1/auth/accept-invite', {
      body: { token: 'not-a-real-token', password: 'another-password-1' },
    });
    expect(await body(unknown)).toEqual(refused);

    const owner = await login(t, 'owner@acc-invite.test', 'correct horse battery');
    const invited = await h.call(host(t), '/api/v1/team/invitations', {
      body: { email: 'late@acc-invite.test' },
      token: (await body(owner)).token,
    });
    expect(invited.status).toBe(201);
    const link = await linkFor('late@acc-invite.test');
    await withTenant(h.runtime.database, t, ({ db, t: tt }) =>
      db.update(tt.userTokens).set({ expiresAt: new Date(Date.now() - 1000) }),
    );
    const expired = await h.call(host(t), '/api/v1/auth/accept-invite', {
      body: { token: link.searchParams.get('token'), password: 'another-password-1' },
    });
    expect(expired.status).toBe(400);
    expect((await body(expired)).error.code).toBe('invalid_token');
  });

  it('names the invalid fields of an acceptance', async () => {
    const res = await h.call(host(t), '/api/v1/auth/accept-invite', {
      body: { token: '', password: 'short' },
    });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('validation_failed');
    expect(error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['password', 'token']);
    expect(error.details.fields.find((f: { path: string }) => f.path === 'password').message).toMatch(/10/);
  });
});

describe('password reset', () => {
  let a: T;
  let b: T;
  beforeAll(async () => {
    [a, b] = [await provision('acc-reset-a'), await provision('acc-reset-b')];
    await ownerSession(a);
    await ownerSession(b);
  });

  it('goes from request to email to a new password that logs in, once', async () => {
    const res = await h.call(host(a), '/api/v1/auth/password-reset', {
      body: { email: 'OWNER@acc-reset-a.test' },
    });
    expect(res.status).toBe(202);
    const link = await linkFor('owner@acc-reset-a.test', 2);
    expect(`${link.origin}${link.pathname}`).toBe('http://acc-reset-a.localhost:3000/console/reset-password');
    const [email] = await inbox('owner@acc-reset-a.test');
    expect(email).toMatchObject({ kind: 'password_reset', subject: 'Reset your Shop acc-reset-a password' });

    const token = link.searchParams.get('token');
    const confirmed = await h.call(host(a), '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'a-brand-new-password' },
    });
    expect(confirmed.status).toBe(200);
    const me = await h.call(host(a), '/api/v1/me', { token: (await body(confirmed)).token });
    expect((await body(me)).email).toBe('owner@acc-reset-a.test');
    expect((await login(a, 'owner@acc-reset-a.test', 'a-brand-new-password')).status).toBe(200);
    expect((await login(a, 'owner@acc-reset-a.test', 'owner-password-1')).status).toBe(401);

    const reused = await h.call(host(a), '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'yet-another-password' },
    });
    expect(reused.status).toBe(400);
    expect((await body(reused)).error.code).toBe('invalid_token');
  });

  it('answers an unknown or not yet active email with the same 202, and sends nothing', async () => {
    const known = await h.call(host(b), '/api/v1/auth/password-reset', {
      body: { email: 'owner@acc-reset-b.test' },
    });
    const unknown = await h.call(host(b), '/api/v1/auth/password-reset', {
      body: { email: 'nobody@acc-reset-b.test' },
    });
    const owner = await login(b, 'owner@acc-reset-b.test', 'owner-password-1');
    await h.call(host(b), '/api/v1/team/invitations', {
      body: { email: 'pending@acc-reset-b.test' },
      token: (await body(owner)).token,
    });
    const pending = await h.call(host(b), '/api/v1/auth/password-reset', {
      body: { email: 'pending@acc-reset-b.test' },
    });
    expect([known.status, unknown.status, pending.status]).toEqual([202, 202, 202]);
    expect(await body(unknown)).toEqual(await body(known));

    await linkFor('owner@acc-reset-b.test', 2);
    await settled();
    expect(await inbox('nobody@acc-reset-b.test')).toEqual([]);
    expect((await inbox('pending@acc-reset-b.test')).map((e) => e.kind)).toEqual(['invitation']);
    const topics = await withTenant(h.runtime.database, b, ({ db, t }) => db.select().from(t.outbox));
    expect(topics.filter((e) => e.topic === 'user.password_reset_requested')).toHaveLength(1);
  });

  it("refuses tenant A's reset token on tenant B's host, and it still works on A", async () => {
    await h.call(host(a), '/api/v1/auth/password-reset', { body: { email: 'owner@acc-reset-a.test' } });
    const link = await linkFor('owner@acc-reset-a.test', 3);
    const token = link.searchParams.get('token');
    const onB = await h.call(host(b), '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'hijacked-password-1' },
    });
    expect(onB.status).toBe(400);
    expect((await body(onB)).error.code).toBe('invalid_token');
    expect((await login(b, 'owner@acc-reset-b.test', 'hijacked-password-1')).status).toBe(401);
    const onA = await h.call(host(a), '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'rightful-password-1' },
    });
    expect(onA.status).toBe(200);
  });
});

describe('team', () => {
  let t: T;
  let owner: string;
  beforeAll(async () => {
    t = await provision('acc-team');
    owner = await ownerSession(t);
  });

  const team = async (token: string) => h.call(host(t), '/api/v1/team', { token });
  const invite = (email: string, token = owner) =>
    h.call(host(t), '/api/v1/team/invitations', { body: { email }, token });
  const remove = (id: string, token = owner) =>
    h.call(host(t), `/api/v1/team/${id}`, { method: 'DELETE', token });

  /** Invite an operator and accept for them; returns their id and session token. */
  async function operator(email: string) {
    const res = await invite(email);
    expect(res.status).toBe(201);
    const { id } = await body(res);
    const link = await linkFor(email);
    const accepted = await h.call(host(t), '/api/v1/auth/accept-invite', {
      body: { token: link.searchParams.get('token'), password: 'operator-password-1' },
    });
    return { id: id as string, token: (await body(accepted)).token as string };
  }

  it('invites an operator: 201 with the invited member, an email, and a listing owner first', async () => {
    const res = await invite('Ops@Acc-Team.test');
    expect(res.status).toBe(201);
    const member = await body(res);
    expect(member).toMatchObject({
      email: 'ops@acc-team.test',
      role: 'operator',
      status: 'invited',
      name: '',
    });
    expect(member.id).toMatch(/^usr_/);
    await linkFor('ops@acc-team.test');

    const list = await body(await team(owner));
    expect(list.data.map((m: any) => [m.email, m.role, m.status])).toEqual([
      ['owner@acc-team.test', 'owner', 'active'],
      ['ops@acc-team.test', 'operator', 'invited'],
    ]);
  });

  it('pages the team, owner first and then by arrival, with a keyset cursor; bad paging is a 400 by field', async () => {
    for (const n of [1, 2, 3]) expect((await invite(`page-${n}@acc-team.test`)).status).toBe(201);
    const all = (await body(await h.call(host(t), '/api/v1/team?limit=100', { token: owner }))).data.map(
      (m: any) => m.email,
    );
    expect(all[0]).toBe('owner@acc-team.test');
    expect(all.slice(-3)).toEqual(['page-1@acc-team.test', 'page-2@acc-team.test', 'page-3@acc-team.test']);

    const walked: string[] = [];
    let cursor: string | null = '';
    for (let pages = 0; cursor !== null; pages++) {
      expect(pages).toBeLessThan(all.length);
      const res = await h.call(host(t), `/api/v1/team?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        token: owner,
      });
      expect(res.status).toBe(200);
      const page = await body(res);
      expect(page.data.length).toBeLessThanOrEqual(2);
      walked.push(...page.data.map((m: any) => m.email));
      cursor = page.nextCursor;
    }
    expect(walked).toEqual(all);

    for (const [query, field] of [
      ['cursor=not-a-cursor', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
    ]) {
      const res = await h.call(host(t), `/api/v1/team?${query}`, { token: owner });
      expect(res.status, query).toBe(400);
      expect((await body(res)).error.details.fields.map((f: any) => f.path)).toEqual([field]);
    }
    for (const n of [1, 2, 3]) {
      const id = (await body(await team(owner))).data.find(
        (m: any) => m.email === `page-${n}@acc-team.test`,
      ).id;
      expect((await remove(id)).status).toBe(204);
    }
  });

  it('refuses to invite an existing user (409 email_taken) or an invalid email (400, field named)', async () => {
    const taken = await invite('owner@acc-team.test');
    expect(taken.status).toBe(409);
    expect((await body(taken)).error).toMatchObject({
      code: 'email_taken',
      details: { fields: [{ path: 'email', message: expect.any(String) }] },
    });
    const invalid = await invite('not-an-email');
    expect(invalid.status).toBe(400);
    expect((await body(invalid)).error.details.fields.map((f: any) => f.path)).toEqual(['email']);
  });

  it('lets only operator staff see and change the team', async () => {
    expect((await h.call(host(t), '/api/v1/team')).status).toBe(401);
    await createTenantUser(h.runtime.database, t, {
      email: 'buyer@acc-team.test',
      password: 'buyer-password-1',
      role: 'buyer_admin',
    });
    const buyer = (await body(await login(t, 'buyer@acc-team.test', 'buyer-password-1'))).token;
    expect((await team(buyer)).status).toBe(403);
    expect((await invite('sneaky@acc-team.test', buyer)).status).toBe(403);
  });

  it('removes an operator, whose session stops working at once; not the owner, not yourself', async () => {
    const op = await operator('leaving@acc-team.test');
    const other = await operator('staying@acc-team.test');
    expect((await h.call(host(t), '/api/v1/me', { token: op.token })).status).toBe(200);

    const ownerId = (await body(await h.call(host(t), '/api/v1/me', { token: owner }))).id;
    const removeOwner = await remove(ownerId, other.token);
    expect(removeOwner.status).toBe(409);
    expect((await body(removeOwner)).error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/owner/),
    });
    const removeSelf = await remove(other.id, other.token);
    expect(removeSelf.status).toBe(409);
    expect((await body(removeSelf)).error.message).toMatch(/yourself/);
    expect((await remove('usr_doesnotexist')).status).toBe(404);

    const removed = await remove(op.id, other.token);
    expect(removed.status).toBe(204);
    expect(await removed.text()).toBe('');
    const emails = (await body(await team(owner))).data.map((m: any) => m.email);
    expect(emails).not.toContain('leaving@acc-team.test');
    expect(emails).toContain('staying@acc-team.test');

    const stale = await h.call(host(t), '/api/v1/me', { token: op.token });
    expect(stale.status).toBe(401);
    expect((await body(stale)).error.code).toBe('unauthenticated');
    expect((await team(op.token)).status).toBe(401);
    expect((await remove(op.id)).status).toBe(404);
  });

  it('withdrawing an invitation kills its link, and a disabled user is logged out', async () => {
    const res = await invite('withdrawn@acc-team.test');
    const { id } = await body(res);
    const link = await linkFor('withdrawn@acc-team.test');
    expect((await remove(id)).status).toBe(204);
    const accept = await h.call(host(t), '/api/v1/auth/accept-invite', {
      body: { token: link.searchParams.get('token'), password: 'operator-password-1' },
    });
    expect(accept.status).toBe(400);

    const op = await operator('disabled@acc-team.test');
    await withTenant(h.runtime.database, t, async ({ db, t: tt }) => {
      await db.update(tt.users).set({ status: 'disabled' }).where(eq(tt.users.id, op.id));
    });
    expect((await h.call(host(t), '/api/v1/me', { token: op.token })).status).toBe(401);
  });
});

describe('dev mailbox', () => {
  it('shows recorded emails on the platform host with clickable links', async () => {
    await provision('acc-box');
    await linkFor('owner@acc-box.test');
    const res = await h.call(P, '/dev/mailbox?to=owner%40acc-box.test', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Dev mailbox');
    expect(page).toContain('You&#39;re invited to Shop acc-box');
    expect(page).toMatch(/<a href="http:\/\/acc-box\.localhost:3000\/console\/accept-invite\?token=[\w-]+">/);

    const json = await body(await h.call(P, '/platform/v1/dev/emails?limit=1'));
    expect(json.data).toHaveLength(1);
    const bad = await h.call(P, '/platform/v1/dev/emails?limit=0&to=nope');
    expect((await body(bad)).error.details.fields.map((f: any) => f.path).sort()).toEqual(['limit', 'to']);
  });

  it('exists only on the platform host and only outside production', async () => {
    const onTenant = await h.call('acc-box.localhost', '/dev/mailbox', { headers: { accept: 'text/html' } });
    expect(await onTenant.text()).not.toContain('Dev mailbox');
    expect((await h.call('acc-box.localhost', '/platform/v1/dev/emails')).status).toBe(404);

    const production = createApp({
      ...h.runtime,
      resolver: h.api.resolver,
      publicCache: h.api.publicCache,
      config: { ...h.config, env: 'production' },
    });
    const get = (path: string) => production.request(path, { headers: { host: P, accept: 'text/html' } });
    expect((await get('/platform/v1/dev/emails')).status).toBe(404);
    const page = await get('/dev/mailbox');
    expect(page.status).not.toBe(200);
    expect(await page.text()).not.toContain('Dev mailbox');
  });
});

describe('OpenAPI', () => {
  it('documents the account and team endpoints, and the dev mailbox outside production', async () => {
    await provision('acc-doc');
    const doc = await body(await h.call('acc-doc.localhost', '/api/v1/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/auth/accept-invite',
        '/auth/password-reset',
        '/auth/password-reset/confirm',
        '/team',
        '/team/invitations',
        '/team/{id}',
      ]),
    );
    expect(doc.paths['/auth/accept-invite'].post.responses['400']).toBeDefined();
    expect(doc.paths['/team/{id}'].delete.responses['204']).toBeDefined();
    expect(doc.paths['/team'].get.security).toEqual([{ bearer: [] }]);
    const platform = await body(await h.call(P, '/platform/v1/openapi.json'));
    expect(Object.keys(platform.paths)).toContain('/dev/emails');
  });
});
