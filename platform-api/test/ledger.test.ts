import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVendor, host, type T, userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';
import { bookedOrder } from './ledger-helpers.js';

/**
 * The ledger endpoints: who gets what (the authorization matrix, with another vendor and
 * another tenant's tokens), and what the operator's recordings refuse and repeat.
 */
const ACTORS = ['anonymous', 'buyer', 'vendorA', 'vendorB', 'operator', 'otherTenant'] as const;
type Actor = (typeof ACTORS)[number];

let h: ApiHarness;
let t: T;
let other: T;
let vendorA: string;
let vendorB: string;
let order: Awaited<ReturnType<typeof bookedOrder>>;
const tokens: Partial<Record<Actor, string>> = {};

beforeAll(async () => {
  h = await createApiHarness();
  t = await h.activeTenant('ledger-api');
  other = await h.activeTenant('ledger-other');
  vendorA = await addVendor(h, t, 'Vendor A');
  vendorB = await addVendor(h, t, 'Vendor B');
  order = await bookedOrder(h, t, vendorA, { delivered: true });
  tokens.buyer = await userToken(h, t, 'buyer_admin');
  tokens.vendorA = await userToken(h, t, 'vendor_admin', vendorA);
  tokens.vendorB = await userToken(h, t, 'vendor_admin', vendorB);
  tokens.operator = await userToken(h, t, 'owner');
  tokens.otherTenant = await userToken(h, other, 'owner');
}, 120_000);
afterAll(() => h?.close());

const send = (actor: Actor, method: string, path: string, json?: unknown, tenant: T = t) =>
  Promise.resolve(
    h.api.app.request(`/api/v1${path}`, {
      method,
      headers: {
        host: host(tenant),
        ...(tokens[actor] ? { authorization: `Bearer ${tokens[actor]}` } : {}),
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    }),
  );

const payment = (key: string, amountMinor = order.totalMinor) => ({
  idempotencyKey: key,
  orderIds: [order.orderId],
  currency: 'EUR',
  amountMinor,
  paidOn: '2026-12-01',
  reference: 'BANK-REF-1',
});
const payout = (key: string, amountMinor: number, vendorId = vendorA) => ({
  idempotencyKey: key,
  vendorId,
  currency: 'EUR',
  amountMinor,
  paidOn: '2026-12-02',
  reference: 'PAYOUT-REF-1',
});

const vendorOnly = {
  anonymous: 401,
  buyer: 403,
  vendorA: 200,
  vendorB: 200,
  operator: 403,
  otherTenant: 401,
};
const operatorOnly = (ok: number) => ({
  anonymous: 401,
  buyer: 403,
  vendorA: 403,
  vendorB: 403,
  operator: ok,
  otherTenant: 401,
});

describe('who may call the ledger endpoints', () => {
  const rows: { name: string; call: () => [string, string, unknown?]; expect: Record<Actor, number> }[] = [
    { name: 'GET /vendor/balance', call: () => ['GET', '/vendor/balance'], expect: vendorOnly },
    { name: 'GET /vendor/statement', call: () => ['GET', '/vendor/statement'], expect: vendorOnly },
    { name: 'GET /vendor/statement.csv', call: () => ['GET', '/vendor/statement.csv'], expect: vendorOnly },
    { name: 'GET /operator/revenue', call: () => ['GET', '/operator/revenue'], expect: operatorOnly(200) },
    {
      name: 'GET /operator/receivables',
      call: () => ['GET', '/operator/receivables'],
      expect: operatorOnly(200),
    },
    { name: 'GET /operator/payables', call: () => ['GET', '/operator/payables'], expect: operatorOnly(200) },
    // denials only here: the successful recordings have their own tests below
    {
      name: 'POST /operator/ledger/invoice-payments',
      call: () => ['POST', '/operator/ledger/invoice-payments', payment('authz-payment')],
      expect: operatorOnly(0),
    },
    {
      name: 'POST /operator/ledger/vendor-payouts',
      call: () => ['POST', '/operator/ledger/vendor-payouts', payout('authz-payout', 1)],
      expect: operatorOnly(0),
    },
  ];
  for (const r of rows)
    for (const actor of ACTORS) {
      const status = r.expect[actor];
      if (status === 0) continue;
      it(`${r.name} as ${actor}: ${status}`, async () => {
        const res = await send(actor, ...r.call());
        expect(res.status).toBe(status);
      });
    }

  it('shows a vendor only its own money: another vendor gets empty balance, statement and CSV', async () => {
    const mine = await (await send('vendorA', 'GET', '/vendor/statement')).json();
    expect(mine.data).toEqual([
      expect.objectContaining({
        orderId: order.orderId,
        kind: 'order_placed',
        amountMinor: order.vendorShareMinor,
        commissionMinor: 1_000,
      }),
    ]);
    expect((await (await send('vendorB', 'GET', '/vendor/balance')).json()).data).toEqual([]);
    expect((await (await send('vendorB', 'GET', '/vendor/statement')).json()).data).toEqual([]);
    const mineCsv = (await (await send('vendorA', 'GET', '/vendor/statement.csv')).text()).trim().split('\n');
    expect(mineCsv[0]?.split(',').at(-1)).toBe('commission_minor');
    expect(mineCsv[1]?.split(',').slice(-2)).toEqual([String(order.vendorShareMinor), '1000']);
    const csv = await (await send('vendorB', 'GET', '/vendor/statement.csv')).text();
    expect(csv.trim().split('\n')).toHaveLength(1); // the header only
    expect(csv).not.toContain(order.orderId);
  });

  it('does not let another tenant’s operator pay this tenant’s orders (they do not exist there)', async () => {
    const res = await send(
      'otherTenant',
      'POST',
      '/operator/ledger/invoice-payments',
      payment('other-tenant-pay'),
      other,
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('validation_failed');
  });
});

describe('recording money that moved', () => {
  it('refuses a payment that is not the open amount, naming it, and records nothing', async () => {
    const res = await send(
      'operator',
      'POST',
      '/operator/ledger/invoice-payments',
      payment('wrong-amount', 100),
    );
    expect(res.status).toBe(400);
    const err = (await res.json()).error;
    expect(err).toMatchObject({ code: 'validation_failed', details: { openMinor: order.totalMinor } });
    const rec = await (await send('operator', 'GET', '/operator/receivables')).json();
    expect(rec.data).toEqual([
      expect.objectContaining({ outstandingMinor: order.totalMinor, overdueMinor: order.totalMinor }),
    ]);
    expect(rec.data[0].invoices).toEqual([
      expect.objectContaining({ orderId: order.orderId, overdue: true }),
    ]);
  });

  it('records a payment once: the retry answers 200 with the same transaction', async () => {
    const first = await send('operator', 'POST', '/operator/ledger/invoice-payments', payment('pay-once'));
    expect(first.status).toBe(201);
    const posted = await first.json();
    const again = await send('operator', 'POST', '/operator/ledger/invoice-payments', payment('pay-once'));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ transactionId: posted.transactionId, replayed: true });
    const rec = await (await send('operator', 'GET', '/operator/receivables')).json();
    expect(rec.data[0]).toMatchObject({ outstandingMinor: 0, overdueMinor: 0, invoices: [] });
    // paying it again under another key: nothing is owed any more
    const twice = await send('operator', 'POST', '/operator/ledger/invoice-payments', payment('pay-twice'));
    expect(twice.status).toBe(409);
  });

  it('pays a vendor at most what is available, and shows it as paid', async () => {
    const tooMuch = await send(
      'operator',
      'POST',
      '/operator/ledger/vendor-payouts',
      payout('too-much', order.vendorShareMinor + 1),
    );
    expect(tooMuch.status).toBe(400);
    expect((await tooMuch.json()).error.details.fields).toEqual([
      expect.objectContaining({ path: 'amountMinor' }),
    ]);
    const ok = await send('operator', 'POST', '/operator/ledger/vendor-payouts', payout('pay-vendor', 4_000));
    expect(ok.status).toBe(201);
    const balance = await (await send('vendorA', 'GET', '/vendor/balance')).json();
    expect(balance.data).toEqual([
      {
        currency: 'EUR',
        pendingMinor: 0,
        availableMinor: order.vendorShareMinor - 4_000,
        paidMinor: 4_000,
        owedMinor: order.vendorShareMinor - 4_000,
      },
    ]);
    const payables = await (await send('operator', 'GET', '/operator/payables')).json();
    expect(payables.data).toEqual([expect.objectContaining({ vendorId: vendorA, paidMinor: 4_000 })]);
    const revenue = await (await send('operator', 'GET', '/operator/revenue?from=2020-01-01')).json();
    expect(revenue).toMatchObject({ commissionMinor: 1_000, gmvMinor: 10_000, averageRateBps: 1_000 });
    expect(revenue.byVendor).toEqual([
      expect.objectContaining({ vendorId: vendorA, commissionMinor: 1_000 }),
    ]);
  });

  it('refuses a body with bad fields, listing them', async () => {
    const res = await send('operator', 'POST', '/operator/ledger/vendor-payouts', {
      ...payout('bad', -5),
      paidOn: 'yesterday',
    });
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['amountMinor', 'paidOn']));
  });
});
