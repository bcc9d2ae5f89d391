import {
  createTenantUser,
  primaryHostname,
  recheckDomains,
  runDomainCheck,
  sendOutboxEmail,
} from '@agora/core';
import { platformTables as p, withTenant } from '@agora/db';
import { eventually } from '@agora/testing';
import { startTestDnsServer, type TestDnsServer } from '@agora/testing/dns-server';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVendor, userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

// Custom domains (ADR 0039) against a real DNS server on loopback: the platform's resolver
// asks it over UDP, exactly as it would ask any DNS server.

type T = { id: string; schemaName: string; slug: string };
const P = 'platform.localhost';
const TARGET = 'edge.agora-test.net';
const TARGET_IP = '203.0.113.10';
const SECRET = 'tls-ask-secret-for-domains-test';
const body = async (res: Response) => (await res.json()) as any;

let h: ApiHarness;
let dns: TestDnsServer;
let a: T;
let b: T;
let ownerA: string;
let ownerB: string;

beforeAll(async () => {
  dns = await startTestDnsServer();
  dns.set(TARGET, { a: [TARGET_IP] });
  h = await createApiHarness({
    AGORA_DNS_SERVERS: dns.address,
    AGORA_DOMAIN_TARGET: TARGET,
    AGORA_TLS_ASK_SECRET: SECRET,
  });
  a = await h.activeTenant('dom-alpha', 'Alpha Market');
  b = await h.activeTenant('dom-beta', 'Beta Market');
  ownerA = await userToken(h, a, 'owner');
  ownerB = await userToken(h, b, 'owner');
}, 120_000);
afterAll(async () => {
  await h?.close();
  await dns?.close();
});

const hostOf = (t: T) => `${t.slug}.localhost`;
const add = (t: T, token: string, domain: string) =>
  h.call(hostOf(t), '/api/v1/domains', { body: { domain }, token });
const check = (t: T, token: string, id: string) =>
  h.call(hostOf(t), `/api/v1/domains/${id}/check`, { method: 'POST', token });
/** The DNS records the instructions ask for. */
const publish = (domain: string, token: string) => {
  dns.set(`_agora.${domain}`, { txt: [token] });
  dns.set(domain, { cname: TARGET });
};
async function verifiedDomain(t: T, token: string, domain: string) {
  const added = await body(await add(t, token, domain));
  publish(domain, added.verificationToken);
  const checked = await body(await check(t, token, added.id));
  expect(checked.status).toBe('verified');
  return checked as { id: string; domain: string; verificationToken: string };
}
const outbox = (t: T) =>
  withTenant(h.runtime.database, t, ({ db, t: tt }) =>
    db
      .select()
      .from(tt.outbox)
      .where(eq(tt.outbox.topic, 'domain.status_changed'))
      .orderBy(asc(tt.outbox.id)),
  );

describe('adding a domain', () => {
  it('normalises the name (case, trailing dot, IDN) and answers with the DNS instructions', async () => {
    const res = await add(a, ownerA, '  Bücher.Alpha-Shop.TEST. ');
    expect(res.status).toBe(201);
    const d = await body(res);
    expect(d).toMatchObject({ domain: 'xn--bcher-kva.alpha-shop.test', status: 'pending', primary: false });
    expect(d.verificationToken).toMatch(/^agora-verify-/);
    expect(d.instructions).toMatchObject({
      txt: { name: '_agora.xn--bcher-kva.alpha-shop.test', value: d.verificationToken },
      cname: { name: 'xn--bcher-kva.alpha-shop.test', value: TARGET },
      apex: false,
    });
  });

  it('adding the same domain again (any spelling) returns it unchanged', async () => {
    const first = await body(await add(a, ownerA, 'again.alpha-shop.test'));
    const res = await add(a, ownerA, 'AGAIN.alpha-shop.test.');
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ id: first.id, verificationToken: first.verificationToken });
  });

  it.each([
    ['not a hostname', 'shop..example.com'],
    ['a URL', 'https://shop.example.com/'],
    ['an IP address', '203.0.113.7'],
    ['the platform host', P],
    ["a host under the platform's base domain", 'dom-beta.localhost'],
    ['the CNAME target', TARGET],
  ])('refuses %s with a field error, adding nothing', async (_, domain) => {
    const before = (await body(await h.call(hostOf(a), '/api/v1/domains', { token: ownerA }))).data.length;
    const res = await add(a, ownerA, domain);
    expect(res.status).toBe(400);
    const e = await body(res);
    expect(e.error.code).toBe('validation_failed');
    expect(e.error.details.fields).toEqual([expect.objectContaining({ path: 'domain' })]);
    expect((await body(await h.call(hostOf(a), '/api/v1/domains', { token: ownerA }))).data).toHaveLength(
      before,
    );
  });

  it("refuses another marketplace's domain without saying whose it is", async () => {
    await add(a, ownerA, 'taken.alpha-shop.test');
    const res = await add(b, ownerB, 'Taken.Alpha-Shop.test');
    expect(res.status).toBe(409);
    const e = await body(res);
    expect(e.error.code).toBe('domain_taken');
    const text = JSON.stringify(e);
    for (const secret of [a.id, a.slug, 'Alpha Market']) expect(text).not.toContain(secret);
  });

  it('allows at most 10 domains per marketplace', async () => {
    const t = await h.activeTenant('dom-many');
    const owner = await userToken(h, t, 'owner');
    for (let i = 0; i < 10; i++) expect((await add(t, owner, `d${i}.many-shop.test`)).status).toBe(201);
    const res = await add(t, owner, 'd10.many-shop.test');
    expect(res.status).toBe(409);
    expect((await body(res)).error.message).toMatch(/at most 10/);
  });
});

describe('who may manage domains', () => {
  it('refuses anonymous callers, vendors, buyers and tokens of another marketplace', async () => {
    const d = await body(await add(a, ownerA, 'authz.alpha-shop.test'));
    const vendor = await userToken(h, a, 'vendor_admin', await addVendor(h, a, 'Domain Vendor'));
    const buyer = await userToken(h, a, 'buyer_admin');
    const operator = await userToken(h, a, 'operator');
    const calls = [
      ['GET', '/api/v1/domains'],
      ['POST', '/api/v1/domains'],
      ['POST', `/api/v1/domains/${d.id}/check`],
      ['POST', `/api/v1/domains/${d.id}/primary`],
      ['DELETE', `/api/v1/domains/${d.id}`],
    ] as const;
    for (const [method, path] of calls) {
      const send = (token?: string) =>
        h.call(hostOf(a), path, {
          method,
          token,
          ...(method === 'POST' && path === '/api/v1/domains'
            ? { body: { domain: 'x.alpha-shop.test' } }
            : {}),
        });
      expect((await send()).status, `${method} ${path} anonymous`).toBe(401);
      expect((await send(vendor)).status, `${method} ${path} vendor`).toBe(403);
      expect((await send(buyer)).status, `${method} ${path} buyer`).toBe(403);
      expect((await send(ownerB)).status, `${method} ${path} B's owner`).toBe(401);
    }
    expect((await h.call(hostOf(a), '/api/v1/domains', { token: operator })).status).toBe(200);
    // B's owner on B's host cannot reach A's domain by its id.
    for (const [method, path] of calls.slice(2))
      expect((await h.call(hostOf(b), path, { method, token: ownerB })).status, `${method} ${path}`).toBe(
        404,
      );
    const list = await body(await h.call(hostOf(b), '/api/v1/domains', { token: ownerB }));
    expect(list.data.map((x: { id: string }) => x.id)).not.toContain(d.id);
  });

  it('the platform host shares the table (ADR 0041) but is no custom domain: not listed, checked, made primary or removed', async () => {
    const [platformHost] = await h.runtime.database.platform
      .select()
      .from(p.domains)
      .where(and(eq(p.domains.tenantId, a.id), eq(p.domains.kind, 'platform')));
    expect(platformHost?.hostname).toBe(hostOf(a));
    const id = platformHost?.id ?? '';
    const list = await body(await h.call(hostOf(a), '/api/v1/domains', { token: ownerA }));
    expect(list.data.map((x: { id: string }) => x.id)).not.toContain(id);
    for (const [method, path] of [
      ['POST', `/api/v1/domains/${id}/check`],
      ['POST', `/api/v1/domains/${id}/primary`],
      ['DELETE', `/api/v1/domains/${id}`],
    ] as const)
      expect((await h.call(hostOf(a), path, { method, token: ownerA })).status, `${method} ${path}`).toBe(
        404,
      );
    const staff = await h.staffToken();
    expect(
      (await h.call(P, `/platform/v1/tenants/${a.id}/domains/${id}`, { method: 'DELETE', token: staff }))
        .status,
    ).toBe(404);
    // Nor can it be added as a custom domain, by its own marketplace or another.
    for (const [t, token] of [
      [a, ownerA],
      [b, ownerB],
    ] as const)
      expect((await add(t, token, hostOf(a))).status).toBe(400);
    expect((await h.call(hostOf(a), '/api/v1/storefront')).status).toBe(200);
  });

  it('staff list any tenant’s domains and remove one; tenant tokens cannot', async () => {
    const d = await body(await add(b, ownerB, 'staff-removes.beta-shop.test'));
    const staff = await h.staffToken();
    const list = await body(await h.call(P, `/platform/v1/tenants/${b.id}/domains`, { token: staff }));
    expect(list.data.map((x: { domain: string }) => x.domain)).toContain('staff-removes.beta-shop.test');
    expect(list.defaultHost).toBe(hostOf(b));
    expect((await h.call(P, `/platform/v1/tenants/${b.id}/domains`, { token: ownerB })).status).toBe(401);
    expect(
      (await h.call(P, `/platform/v1/tenants/${b.id}/domains/${d.id}`, { method: 'DELETE', token: ownerB }))
        .status,
    ).toBe(401);
    // The domain is B's: asking through A's id is a 404.
    expect(
      (await h.call(P, `/platform/v1/tenants/${a.id}/domains/${d.id}`, { method: 'DELETE', token: staff }))
        .status,
    ).toBe(404);
    expect(
      (await h.call(P, `/platform/v1/tenants/${b.id}/domains/${d.id}`, { method: 'DELETE', token: staff }))
        .status,
    ).toBe(204);
    const after = await body(await h.call(P, `/platform/v1/tenants/${b.id}/domains`, { token: staff }));
    expect(after.data.map((x: { id: string }) => x.id)).not.toContain(d.id);
    const audit = await h.runtime.database.platform
      .select()
      .from(p.auditLog)
      .where(and(eq(p.auditLog.tenantId, b.id), eq(p.auditLog.action, 'domain.removed')));
    expect(audit).toHaveLength(1);
  });
});

describe('verification through DNS', () => {
  it('stays pending without records, shows what it saw, then verifies once TXT and CNAME are right', async () => {
    const d = await body(await add(a, ownerA, 'shop.alpha-shop.test'));
    const empty = await body(await check(a, ownerA, d.id));
    expect(empty.status).toBe('pending');
    expect(empty.lastResult).toMatchObject({
      ownership: false,
      routing: false,
      records: { txt: [], cname: [], a: [] },
    });
    expect(empty.lastResult.problem).toMatch(/no TXT record _agora\.shop\.alpha-shop\.test/);

    dns.set('_agora.shop.alpha-shop.test', { txt: ['someone-elses-token'] });
    dns.set('shop.alpha-shop.test', { cname: 'elsewhere.example.net' });
    const wrong = await body(await check(a, ownerA, d.id));
    expect(wrong.status).toBe('pending');
    expect(wrong.lastResult.records).toMatchObject({
      txt: ['someone-elses-token'],
      cname: ['elsewhere.example.net'],
    });
    expect(wrong.lastResult.problem).toMatch(/does not hold this domain's token.*points elsewhere/);

    publish('shop.alpha-shop.test', d.verificationToken);
    const ok = await body(await check(a, ownerA, d.id));
    expect(ok).toMatchObject({
      status: 'verified',
      lastResult: { ownership: true, routing: true, problem: null },
    });
    expect(ok.lastResult.records).toMatchObject({ txt: [d.verificationToken], cname: [TARGET] });
    // The owner is told.
    const [event] = await outbox(a);
    expect(event?.payload).toMatchObject({ domain: 'shop.alpha-shop.test', from: 'pending', to: 'verified' });
  });

  it('verifies an apex domain by A records that are the target’s addresses', async () => {
    const d = await body(await add(b, ownerB, 'beta-apex.test'));
    expect(d.instructions.apex).toBe(true);
    dns.set('_agora.beta-apex.test', { txt: [d.verificationToken] });
    dns.set('beta-apex.test', { a: ['198.51.100.1'] });
    expect((await body(await check(b, ownerB, d.id))).lastResult.routing).toBe(false);
    dns.set('beta-apex.test', { a: [TARGET_IP] });
    expect(await body(await check(b, ownerB, d.id))).toMatchObject({
      status: 'verified',
      lastResult: { records: { a: [TARGET_IP] } },
    });
  });

  it('a DNS server that cannot answer changes no status', async () => {
    const d = await verifiedDomain(a, ownerA, 'flaky.alpha-shop.test');
    dns.failAll(true);
    try {
      const res = await body(await check(a, ownerA, d.id));
      expect(res.status).toBe('verified');
      expect(res.lastResult.problem).toMatch(/could not be completed/);
    } finally {
      dns.failAll(false);
    }
  });
});

describe('serving a verified domain', () => {
  it('a verified domain resolves to its marketplace; pending and removed ones to nothing', async () => {
    const pending = await body(await add(b, ownerB, 'pending.beta-shop.test'));
    expect((await h.call('pending.beta-shop.test', '/api/v1/storefront')).status).toBe(404);
    const d = await verifiedDomain(b, ownerB, 'www.beta-shop.test');
    const res = await h.call('WWW.Beta-Shop.test.', '/api/v1/storefront');
    expect(res.status).toBe(200);
    expect((await body(res)).name).toBe('Beta Market');
    expect(
      (await h.call(hostOf(b), `/api/v1/domains/${d.id}`, { method: 'DELETE', token: ownerB })).status,
    ).toBe(204);
    await eventually(async () => (await h.call('www.beta-shop.test', '/api/v1/storefront')).status === 404, {
      what: 'the removed domain to stop resolving',
    });
    expect(pending.status).toBe('pending');
  });

  it('a custom domain resolves to its own marketplace only, also once it has passed from A to B', async () => {
    const domain = 'moves.alpha-shop.test';
    const d = await verifiedDomain(a, ownerA, domain);
    const name = async () => {
      const res = await h.call(domain, '/api/v1/storefront');
      return res.status === 200 ? ((await body(res)).name as string) : res.status;
    };
    expect(await name()).toBe('Alpha Market');
    // B cannot take it while A holds it, and its check of the name reaches nothing.
    expect((await add(b, ownerB, domain)).status).toBe(409);
    expect(await name()).toBe('Alpha Market');
    expect(
      (await h.call(hostOf(a), `/api/v1/domains/${d.id}`, { method: 'DELETE', token: ownerA })).status,
    ).toBe(204);
    await eventually(async () => (await name()) === 404, { what: 'the removed domain to stop resolving' });
    // Pending with B: still nobody's.
    const added = await body(await add(b, ownerB, domain));
    expect(await name()).toBe(404);
    publish(domain, added.verificationToken);
    expect((await body(await check(b, ownerB, added.id))).status).toBe('verified');
    await eventually(async () => (await name()) === 'Beta Market', { what: 'the domain to resolve to B' });
    expect(await primaryHostname(h.runtime.database, a.id)).toBe(hostOf(a));
  });

  it('the primary domain takes page requests of the other hosts (301), not API calls', async () => {
    const t = await h.activeTenant('dom-primary');
    const owner = await userToken(h, t, 'owner');
    const main = await verifiedDomain(t, owner, 'primary-shop.test');
    const other = await verifiedDomain(t, owner, 'www.primary-shop.test');
    const pending = await body(await add(t, owner, 'later.primary-shop.test'));
    const notYet = await h.call(hostOf(t), `/api/v1/domains/${pending.id}/primary`, {
      method: 'POST',
      token: owner,
    });
    expect(notYet.status).toBe(409);
    const made = await h.call(hostOf(t), `/api/v1/domains/${main.id}/primary`, {
      method: 'POST',
      token: owner,
    });
    expect(await body(made)).toMatchObject({ primary: true });
    const origin = `http://primary-shop.test:${h.config.port}`;
    await eventually(async () => (await h.call(hostOf(t), '/')).status === 301, { what: 'the redirect' });
    for (const host of [hostOf(t), 'www.primary-shop.test']) {
      const res = await h.call(host, '/products/abc?qty=5&x=%20y');
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(`${origin}/products/abc?qty=5&x=%20y`);
      expect((await h.call(host, '/', { method: 'HEAD' })).status).toBe(301);
      expect((await h.call(host, '/console/login', { method: 'POST', body: 'x=1' })).status).not.toBe(301);
      expect((await h.call(host, '/api/v1/storefront')).status).toBe(200);
    }
    expect((await h.call('primary-shop.test', '/')).status).not.toBe(301);
    expect(await primaryHostname(h.runtime.database, t.id)).toBe('primary-shop.test');
    const list = await body(await h.call(hostOf(t), '/api/v1/domains', { token: owner }));
    expect(list.canonicalHost).toBe('primary-shop.test');
    // Back to the default host.
    expect(
      (await h.call(hostOf(t), '/api/v1/domains/primary', { method: 'DELETE', token: owner })).status,
    ).toBe(204);
    await eventually(async () => (await h.call(hostOf(t), '/')).status !== 301, { what: 'no redirect' });
    expect(await primaryHostname(h.runtime.database, t.id)).toBe(hostOf(t));
    expect(other.domain).toBe('www.primary-shop.test');
  });

  it('tokens stay with their marketplace: A’s token on B’s custom domain is refused', async () => {
    await verifiedDomain(a, ownerA, 'session.alpha-shop.test');
    await verifiedDomain(b, ownerB, 'session.beta-shop.test');
    const user = await createTenantUser(h.runtime.database, a, {
      email: 'op@alpha-shop.test',
      password: 'alpha-password-1',
      role: 'operator',
    });
    const login = await h.call('session.alpha-shop.test', '/api/v1/auth/login', {
      body: { email: 'op@alpha-shop.test', password: 'alpha-password-1' },
    });
    expect(login.status).toBe(200);
    const { token } = await body(login);
    const me = await h.call('session.alpha-shop.test', '/api/v1/me', { token });
    expect((await body(me)).id).toBe(user.id);
    // The same token on A's default host (same marketplace) works; on B's domain it does not.
    expect((await h.call(hostOf(a), '/api/v1/me', { token })).status).toBe(200);
    expect((await h.call('session.beta-shop.test', '/api/v1/me', { token })).status).toBe(401);
    expect((await h.call('session.beta-shop.test', '/api/v1/domains', { token })).status).toBe(401);
  });

  it('the TLS ask says yes for verified domains of active marketplaces only', async () => {
    const ask = (domain: string, host = P) =>
      h.call(host, `/internal/tls-allowed?secret=${SECRET}&domain=${encodeURIComponent(domain)}`);
    const t = await h.activeTenant('dom-tls');
    const owner = await userToken(h, t, 'owner');
    const d = await verifiedDomain(t, owner, 'tls.tls-shop.test');
    await add(t, owner, 'unverified.tls-shop.test');
    expect((await ask('tls.tls-shop.test')).status).toBe(200);
    expect((await ask('TLS.tls-shop.test.')).status).toBe(200);
    expect((await ask(hostOf(t))).status).toBe(200);
    expect((await ask(P)).status).toBe(200);
    expect((await ask('unverified.tls-shop.test')).status).toBe(404);
    expect((await ask('unknown.example.org')).status).toBe(404);
    // Never on a marketplace's host, not even its custom domain.
    expect((await ask('tls.tls-shop.test', 'tls.tls-shop.test')).status).toBe(404);
    const staff = await h.staffToken();
    expect((await h.call(P, `/platform/v1/tenants/${t.id}/suspend`, { body: {}, token: staff })).status).toBe(
      200,
    );
    expect((await ask('tls.tls-shop.test')).status).toBe(404);
    expect((await h.call(P, `/platform/v1/tenants/${t.id}/resume`, { body: {}, token: staff })).status).toBe(
      200,
    );
    expect((await ask('tls.tls-shop.test')).status).toBe(200);
    expect(d.domain).toBe('tls.tls-shop.test');
  });
});

describe('a domain that stops verifying', () => {
  it('is flagged failing, disabled after the grace period, and verified again once fixed, with an email each time', async () => {
    const t = await h.activeTenant('dom-grace');
    const owner = await userToken(h, t, 'owner');
    const d = await verifiedDomain(t, owner, 'grace-shop.test');
    const row = { id: d.id, hostname: d.domain, verificationToken: d.verificationToken };
    const start = Date.now();
    const at = (hours: number) => () => new Date(start + hours * 3600_000);
    const deps = { ...h.runtime };

    dns.remove('grace-shop.test'); // the CNAME is gone
    // The scheduled check finds it.
    const summary = await recheckDomains({ ...deps, now: at(1) });
    expect(summary.failed).toBe(0);
    let current = await runDomainCheck({ ...deps, now: at(2) }, t, row, { type: 'system' });
    expect(current).toMatchObject({ status: 'failing' });
    expect(current.failingSince?.getTime()).toBe(start + 3600_000);
    expect((await h.call('grace-shop.test', '/api/v1/storefront')).status).toBe(200); // still served

    current = await runDomainCheck({ ...deps, now: at(72) }, t, row, { type: 'system' });
    expect(current.status).toBe('failing'); // 71 h: within the grace period
    current = await runDomainCheck({ ...deps, now: at(73) }, t, row, { type: 'system' });
    expect(current.status).toBe('disabled');
    await eventually(async () => (await h.call('grace-shop.test', '/api/v1/storefront')).status === 404, {
      what: 'the disabled domain to stop resolving',
    });

    publish('grace-shop.test', row.verificationToken);
    current = await runDomainCheck({ ...deps, now: at(80) }, t, row, { type: 'system' });
    expect(current).toMatchObject({ status: 'verified', failingSince: null });

    const events = await outbox(t);
    expect(events.map((e) => `${e.payload.from}->${e.payload.to}`)).toEqual([
      'pending->verified',
      'verified->failing',
      'failing->disabled',
      'disabled->verified',
    ]);
    for (const e of events) {
      const job = { tenantId: t.id, outboxId: e.id, topic: e.topic, payload: e.payload };
      expect(await sendOutboxEmail(h.runtime, job)).toMatchObject({ status: 'sent' });
    }
    const mail = await body(
      await h.call(P, `/platform/v1/dev/emails?to=${encodeURIComponent(`owner@${t.slug}.test`)}`),
    );
    const subjects = mail.data.map((m: { subject: string }) => m.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([
        'grace-shop.test is verified for Shop dom-grace',
        'Action needed: grace-shop.test stopped verifying',
        'grace-shop.test was disabled',
      ]),
    );
    const failing = mail.data.find((m: { subject: string }) => m.subject.startsWith('Action needed'));
    expect(failing.text).toMatch(/has no CNAME or A record/);
    expect(failing.text).toContain(`/console/domains`);
  });
});
