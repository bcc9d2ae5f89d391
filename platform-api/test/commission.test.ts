import { insertCatalog } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVendor, body, host, send, type T, userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

/**
 * Commission endpoints over HTTP: validation errors by field (nothing written), and the
 * authorization matrix (operators only; vendors, buyers, anonymous callers and another
 * marketplace's operator get nothing).
 */
let h: ApiHarness;
let t: T;
let other: T;
const tokens: Record<string, string> = {};

const call = (path: string, init: { method?: string; token?: string; json?: unknown; tenant?: T } = {}) =>
  send(h, host(init.tenant ?? t), `/api/v1/operator/commission${path}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    token: init.token,
    type: init.json === undefined ? undefined : 'application/json',
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });

beforeAll(async () => {
  h = await createApiHarness();
  t = await h.activeTenant('fees');
  other = await h.activeTenant('other-fees');
  const vendorId = await addVendor(h, t, 'Fee Vendor');
  await insertCatalog(h.runtime.database, t, {
    categories: [{ id: 'cat_tools', name: 'Tools' }],
    products: [{ id: 'prd_saw', vendorId, title: 'Saw', basePriceMinor: 5_000, categoryId: 'cat_tools' }],
  });
  tokens.operator = await userToken(h, t, 'operator');
  tokens.vendor = await userToken(h, t, 'vendor_admin', vendorId);
  tokens.buyer = await userToken(h, t, 'buyer_admin');
  tokens.otherOperator = await userToken(h, other, 'owner');
}, 120_000);
afterAll(() => h?.close());

const RULE = {
  scope: 'category',
  categoryId: 'cat_tools',
  kind: 'percent',
  rateBps: 1_000,
  maxAmounts: { EUR: 300 },
};

describe('commission rules over HTTP', () => {
  it('refuses a bad rule with every offending field, and writes nothing', async () => {
    const res = await call('/rules', {
      token: tokens.operator,
      json: {
        scope: 'vendor_category',
        categoryId: 'cat_tools',
        productId: 'prd_saw',
        kind: 'flat_per_unit',
        rateBps: 100,
        minAmounts: { EUR: 500 },
        maxAmounts: { EUR: 100 },
        validFrom: '2026-12-31',
        validTo: '2026-01-01',
      },
    });
    expect(res.status).toBe(400);
    const b = await body(res);
    expect(b.error.code).toBe('validation_failed');
    const paths = b.error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining(['amounts', 'maxAmounts.EUR', 'productId', 'rateBps', 'validTo', 'vendorId']),
    );
    const lower = await call('/rules', { token: tokens.operator, json: { ...RULE, maxAmounts: { eur: 3 } } });
    expect((await body(lower)).error.details.fields[0].path).toBe('maxAmounts.eur');
    const unknown = await call('/rules', {
      token: tokens.operator,
      json: { ...RULE, categoryId: 'cat_nope' },
    });
    expect(unknown.status).toBe(400);
    expect((await body(unknown)).error.details.fields).toEqual([
      { path: 'categoryId', message: 'no category with this id in this marketplace' },
    ]);
    const list = await body(await call('/rules', { token: tokens.operator }));
    expect(list.data.map((r: { id: string }) => r.id)).toEqual(['cmr_default']);
  });

  it('creates, edits as a new version, explains and simulates', async () => {
    const created = await body(await call('/rules', { token: tokens.operator, json: RULE }));
    expect(created).toMatchObject({ version: 1, scope: 'category', categoryName: 'Tools' });
    const edited = await call(`/rules/${created.id}`, {
      method: 'PUT',
      token: tokens.operator,
      json: { ...RULE, rateBps: 500 },
    });
    expect((await body(edited)).version).toBe(2);
    const explained = await body(await call('/explain?productId=prd_saw&qty=10', { token: tokens.operator }));
    // 5% of 500.00 is 25.00, under the 3.00 cap: 3.00.
    expect(explained.commission).toMatchObject({ ruleId: created.id, amountMinor: 300, cap: 'max' });
    const badQty = await call('/explain?productId=prd_saw&qty=0', { token: tokens.operator });
    expect(badQty.status).toBe(400);
    expect((await body(badQty)).error.details.fields[0].path).toBe('qty');
    const sim = await call('/simulate', {
      token: tokens.operator,
      json: { changes: [{ action: 'add', rule: { ...RULE, rateBps: 'ten' } }] },
    });
    expect(sim.status).toBe(400);
    expect((await body(sim)).error.details.fields[0].path).toBe('changes.0.rule.rateBps');
    const noDefault = await call('/rules/cmr_default/disable', { token: tokens.operator, json: {} });
    expect(noDefault.status).toBe(409);
  });

  it('is for operators only: vendors, buyers, anonymous callers and another marketplace get nothing', async () => {
    const [rule] = (await body(await call('/rules?scope=category', { token: tokens.operator }))).data;
    const endpoints: { path: string; method?: string; json?: unknown }[] = [
      { path: '/rules' },
      { path: '/rules', json: RULE },
      { path: `/rules/${rule.id}` },
      { path: `/rules/${rule.id}`, method: 'PUT', json: RULE },
      { path: `/rules/${rule.id}/disable`, json: {} },
      { path: `/rules/${rule.id}/enable`, json: {} },
      { path: `/rules/${rule.id}/versions` },
      { path: '/explain?productId=prd_saw&qty=10' },
      { path: '/preview', json: { productId: 'prd_saw', qty: 10 } },
      { path: '/simulate', json: { changes: [] } },
    ];
    for (const e of endpoints) {
      expect((await call(e.path, { ...e })).status, `anonymous ${e.path}`).toBe(401);
      for (const who of ['vendor', 'buyer'])
        expect((await call(e.path, { ...e, token: tokens[who] })).status, `${who} ${e.path}`).toBe(403);
      // Another marketplace's operator token is not valid here at all.
      expect((await call(e.path, { ...e, token: tokens.otherOperator })).status, `other ${e.path}`).toBe(401);
    }
    // And in its own marketplace, that operator sees only its own default rule.
    const theirs = await body(await call('/rules', { token: tokens.otherOperator, tenant: other }));
    expect(theirs.data.map((r: { id: string }) => r.id)).toEqual(['cmr_default']);
    const notHere = await call(`/rules/${rule.id}`, { token: tokens.otherOperator, tenant: other });
    expect(notHere.status).toBe(404);
    // Nothing the refused calls sent was written.
    const versions = await body(await call(`/rules/${rule.id}/versions`, { token: tokens.operator }));
    expect(versions.data).toHaveLength(2);
  });
});
