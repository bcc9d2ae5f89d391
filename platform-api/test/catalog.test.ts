import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_CATEGORIES, sendOutboxEmail } from '@agora/core';
import { withTenant } from '@agora/db';
import { tinyJpeg, tinyPng } from '@agora/testing';
import { asc, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addVendor,
  body,
  host,
  PRODUCT,
  send,
  setModeration,
  setVendorStatus,
  type T,
  userToken,
} from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

let h: ApiHarness;
let dataDir: string;
let a: T;
let b: T;
let A: string;
let B: string;
const tk: Record<string, string> = {};
const vendors: Record<string, string> = {};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'agora-catalog-'));
  h = await createApiHarness({ AGORA_DATA_DIR: dataDir });
  a = await h.activeTenant('cat-a', 'Alpha Market');
  b = await h.activeTenant('cat-b', 'Beta Market');
  A = host(a);
  B = host(b);
  vendors.one = await addVendor(h, a, 'Vendor One');
  vendors.two = await addVendor(h, a, 'Vendor Two');
  vendors.pending = await addVendor(h, a, 'Vendor Pending', 'pending');
  vendors.beta = await addVendor(h, b, 'Beta Vendor');
  tk.op = await userToken(h, a, 'operator');
  tk.owner = await userToken(h, a, 'owner');
  tk.buyer = await userToken(h, a, 'buyer_admin');
  tk.one = await userToken(h, a, 'vendor_admin', vendors.one);
  tk.oneStaff = await userToken(h, a, 'vendor_staff', vendors.one);
  tk.two = await userToken(h, a, 'vendor_admin', vendors.two);
  tk.pending = await userToken(h, a, 'vendor_admin', vendors.pending);
  tk.betaOp = await userToken(h, b, 'operator');
  tk.beta = await userToken(h, b, 'vendor_admin', vendors.beta);
});
afterAll(async () => {
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (
  path: string,
  init: { method?: string; body?: unknown; token?: string; hostname?: string } = {},
) => h.call(init.hostname ?? A, `/api/v1${path}`, init);

async function createCategory(name: string, extra: Record<string, unknown> = {}, token = tk.op) {
  const res = await api('/operator/categories', { body: { name, ...extra }, token });
  expect(res.status).toBe(201);
  return body(res);
}

async function createProduct(over: Record<string, unknown> = {}, token = tk.one) {
  const res = await api('/vendor/products', { body: { ...PRODUCT, ...over }, token });
  if (res.status !== 201) throw new Error(`create product: ${res.status} ${await res.text()}`);
  return body(res);
}

const fieldPaths = async (res: Response) =>
  ((await body(res)).error.details.fields as { path: string }[]).map((f) => f.path).sort();

describe('categories', () => {
  it('builds the public tree, siblings by position then name, slugs from names', async () => {
    const tools = await createCategory('Tools', { position: 2 });
    const fasteners = await createCategory('Fasteners & Fixings', { position: 1 });
    const bolts = await createCategory('Bolts', { parentId: fasteners.id });
    const anchors = await createCategory('Anchors', { parentId: fasteners.id });
    expect(fasteners).toMatchObject({ slug: 'fasteners-fixings', parentId: null, archivedAt: null });
    expect(bolts).toMatchObject({ slug: 'bolts', parentId: fasteners.id, position: 0 });

    const res = await api('/categories');
    expect(res.status).toBe(200);
    const tree = (await body(res)).data;
    const mine = tree.filter((n: any) => [tools.id, fasteners.id].includes(n.id));
    expect(mine.map((n: any) => n.name)).toEqual(['Fasteners & Fixings', 'Tools']);
    expect(mine[0].children.map((n: any) => n.id)).toEqual([anchors.id, bolts.id]);
    expect(mine[0]).not.toHaveProperty('productCount');
  });

  it('refuses a slug already taken with 409 slug_taken naming the field', async () => {
    await createCategory('Pumps');
    const byName = await api('/operator/categories', { body: { name: 'PUMPS!' }, token: tk.op });
    expect(byName.status).toBe(409);
    const error = (await body(byName)).error;
    expect(error.code).toBe('slug_taken');
    expect(error.details.fields).toEqual([{ path: 'name', message: expect.stringMatching(/pumps/) }]);
    const bySlug = await api('/operator/categories', {
      body: { name: 'Other', slug: 'pumps' },
      token: tk.op,
    });
    expect(bySlug.status).toBe(409);
    expect(await fieldPaths(bySlug)).toEqual(['slug']);
    const ok = await api('/operator/categories', { body: { name: 'Pumps', slug: 'pumps-2' }, token: tk.op });
    expect(ok.status).toBe(201);
  });

  it('wants an existing parent and valid fields (400 by field)', async () => {
    const res = await api('/operator/categories', {
      body: { name: 'X', parentId: 'cat_nope' },
      token: tk.op,
    });
    expect(res.status).toBe(400);
    expect(await fieldPaths(res)).toEqual(['parentId']);
    const bad = await api('/operator/categories', { body: { name: '', slug: 'Not A Slug' }, token: tk.op });
    expect(bad.status).toBe(400);
    expect(await fieldPaths(bad)).toEqual(['name', 'slug']);
  });

  it('moves a category with its whole subtree, rewriting every path', async () => {
    const root1 = await createCategory('Hydraulics');
    const root2 = await createCategory('Pneumatics');
    const valves = await createCategory('Valves', { parentId: root1.id });
    const check = await createCategory('Check valves', { parentId: valves.id });
    const ball = await createCategory('Ball check valves', { parentId: check.id });

    const res = await api(`/operator/categories/${valves.id}`, {
      method: 'PATCH',
      body: { parentId: root2.id, name: 'Air valves' },
      token: tk.op,
    });
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ parentId: root2.id, name: 'Air valves', slug: 'valves' });

    const paths = await withTenant(h.runtime.database, a, ({ db, t }) =>
      db
        .select({ id: t.categories.id, path: t.categories.path })
        .from(t.categories)
        .where(like(t.categories.path, `/${root2.id}/%`))
        .orderBy(asc(t.categories.path)),
    );
    expect(paths).toEqual([
      { id: root2.id, path: `/${root2.id}/` },
      { id: valves.id, path: `/${root2.id}/${valves.id}/` },
      { id: check.id, path: `/${root2.id}/${valves.id}/${check.id}/` },
      { id: ball.id, path: `/${root2.id}/${valves.id}/${check.id}/${ball.id}/` },
    ]);
    const tree = (await body(await api('/categories'))).data;
    const pneumatics = tree.find((n: any) => n.id === root2.id);
    expect(pneumatics.children[0].children[0].children[0].id).toBe(ball.id);
    expect(tree.find((n: any) => n.id === root1.id).children).toEqual([]);

    const top = await api(`/operator/categories/${check.id}`, {
      method: 'PATCH',
      body: { parentId: null },
      token: tk.op,
    });
    expect(await body(top)).toMatchObject({ parentId: null });
    const [moved] = await withTenant(h.runtime.database, a, ({ db, t }) =>
      db.select({ path: t.categories.path }).from(t.categories).where(eq(t.categories.id, ball.id)),
    );
    expect(moved?.path).toBe(`/${check.id}/${ball.id}/`);
  });

  it('refuses to move a category under itself or its own descendant (409), changing nothing', async () => {
    const top = await createCategory('Electrical');
    const mid = await createCategory('Cables', { parentId: top.id });
    const leaf = await createCategory('Power cables', { parentId: mid.id });
    for (const parentId of [top.id, mid.id, leaf.id]) {
      const res = await api(`/operator/categories/${top.id}`, {
        method: 'PATCH',
        body: { parentId },
        token: tk.op,
      });
      expect(res.status).toBe(409);
      const error = (await body(res)).error;
      expect(error.code).toBe('invalid_state');
      expect(error.details.fields[0].path).toBe('parentId');
    }
    const tree = (await body(await api('/categories'))).data;
    expect(tree.find((n: any) => n.id === top.id).children[0].children[0].id).toBe(leaf.id);
  });

  it('archives a category: it and its subtree leave the public tree, products keep it', async () => {
    const top = await createCategory('Seasonal');
    const sub = await createCategory('Christmas', { parentId: top.id });
    const product = await createProduct({ sku: 'XMAS-1', categoryId: sub.id });

    const res = await api(`/operator/categories/${top.id}/archive`, { method: 'POST', token: tk.op });
    expect(res.status).toBe(200);
    expect((await body(res)).archivedAt).not.toBeNull();
    const ids = JSON.stringify((await body(await api('/categories'))).data);
    expect(ids).not.toContain(top.id);
    expect(ids).not.toContain(sub.id);
    const full = JSON.stringify((await body(await api('/operator/categories', { token: tk.op }))).data);
    expect(full).toContain(sub.id);
    expect((await body(await api(`/vendor/products/${product.id}`, { token: tk.one }))).categoryId).toBe(
      sub.id,
    );

    // Under an archived parent nothing new goes in, and a child cannot come back alone.
    const under = await api('/operator/categories', {
      body: { name: 'Easter', parentId: top.id },
      token: tk.op,
    });
    expect(under.status).toBe(400);
    // Restoring the child alone changes nothing: it was never archived itself.
    const child = await api(`/operator/categories/${sub.id}/restore`, { method: 'POST', token: tk.op });
    expect((await body(child)).archivedAt).toBeNull();
    expect(JSON.stringify((await body(await api('/categories'))).data)).not.toContain(sub.id);
    await api(`/operator/categories/${sub.id}/archive`, { method: 'POST', token: tk.op });
    const blocked = await api(`/operator/categories/${sub.id}/restore`, { method: 'POST', token: tk.op });
    expect(blocked.status).toBe(409);
    await api(`/operator/categories/${top.id}/restore`, { method: 'POST', token: tk.op });
    await api(`/operator/categories/${sub.id}/restore`, { method: 'POST', token: tk.op });
    await api(`/operator/categories/${top.id}/archive`, { method: 'POST', token: tk.op });
    // A product may stay in its archived category, but none can move into one.
    const other = await createProduct({ sku: 'XMAS-2' });
    const into = await api(`/vendor/products/${other.id}`, {
      method: 'PUT',
      body: { ...PRODUCT, sku: 'XMAS-2', categoryId: sub.id },
      token: tk.one,
    });
    expect(into.status).toBe(400);
    expect(await fieldPaths(into)).toEqual(['categoryId']);
    const stay = await api(`/vendor/products/${product.id}`, {
      method: 'PUT',
      body: { ...PRODUCT, sku: 'XMAS-1', categoryId: sub.id, title: 'Renamed' },
      token: tk.one,
    });
    expect(stay.status).toBe(200);

    const restored = await api(`/operator/categories/${top.id}/restore`, { method: 'POST', token: tk.op });
    expect((await body(restored)).archivedAt).toBeNull();
    expect(JSON.stringify((await body(await api('/categories'))).data)).toContain(sub.id);
  });

  it('counts published products of approved vendors, subcategories included, on request', async () => {
    const top = await createCategory('Counted');
    const sub = await createCategory('Counted child', { parentId: top.id });
    for (const [sku, categoryId, publish] of [
      ['CNT-1', top.id, true],
      ['CNT-2', sub.id, true],
      ['CNT-3', sub.id, false],
    ] as const) {
      const p = await createProduct({ sku, categoryId });
      if (publish) await api(`/vendor/products/${p.id}/publish`, { method: 'POST', token: tk.one });
    }
    const tree = (await body(await api('/categories?counts=true'))).data;
    const node = tree.find((n: any) => n.id === top.id);
    expect(node.productCount).toBe(2);
    expect(node.children[0].productCount).toBe(1);
  });

  it('lets only operators change categories', async () => {
    const cases: [string | undefined, number][] = [
      [undefined, 401],
      [tk.buyer, 403],
      [tk.one, 403],
    ];
    for (const [token, status] of cases) {
      const res = await api('/operator/categories', { body: { name: 'Nope' }, token });
      expect(res.status).toBe(status);
    }
    const owner = await api('/operator/categories', { body: { name: 'By the owner' }, token: tk.owner });
    expect(owner.status).toBe(201);
    // A token of another marketplace is not valid here.
    expect((await api('/operator/categories', { body: { name: 'Beta' }, token: tk.betaOp })).status).toBe(
      401,
    );
  });

  it('holds at most MAX_CATEGORIES categories, archived included: the tree is listed whole, so it is bounded', async () => {
    const c = await h.activeTenant('cat-cap', 'Capped Market');
    const token = await userToken(h, c, 'operator');
    await withTenant(h.runtime.database, c, ({ db, t }) =>
      db.execute(sql`
        insert into ${t.categories} (id, name, slug, path)
        select 'cat_fill' || n, 'Filler ' || n, 'filler-' || n, '/cat_fill' || n || '/'
        from generate_series(1, ${MAX_CATEGORIES - 1}) as n`),
    );
    const add = (name: string) => h.call(host(c), '/api/v1/operator/categories', { body: { name }, token });
    expect((await add('The last one')).status).toBe(201);
    const refused = await add('One too many');
    expect(refused.status).toBe(409);
    expect((await body(refused)).error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('5000'),
    });
    const tree = await body(await h.call(host(c), '/api/v1/operator/categories', { token }));
    expect(JSON.stringify(tree)).not.toContain('One too many');
    expect(JSON.stringify(tree).match(/"slug"/g)).toHaveLength(MAX_CATEGORIES);
  });
});

describe('vendor products', () => {
  it('creates a draft with tiers, attributes and a search document, and records a change event', async () => {
    const before = await withTenant(h.runtime.database, a, ({ db, t }) => db.select().from(t.outbox));
    const product = await createProduct({ sku: 'CREATE-1' });
    expect(product).toMatchObject({
      ...PRODUCT,
      sku: 'CREATE-1',
      id: expect.stringMatching(/^prd_/),
      vendorId: vendors.one,
      status: 'draft',
      publishedAt: null,
      images: [],
      categoryId: null,
      statusReason: null,
    });
    const events = await withTenant(h.runtime.database, a, ({ db, t }) => db.select().from(t.outbox));
    expect(events.slice(before.length)).toContainEqual(
      expect.objectContaining({ topic: 'product.changed', payload: { productIds: [product.id] } }),
    );
    const [row] = await withTenant(h.runtime.database, a, ({ db, t }) =>
      db.select({ text: t.products.searchText }).from(t.products).where(eq(t.products.id, product.id)),
    );
    expect(row?.text).toContain('bolt');
  });

  it('reports every invalid field by path, tiers by index, and writes nothing', async () => {
    const res = await api('/vendor/products', {
      token: tk.one,
      body: {
        ...PRODUCT,
        sku: 'INVALID-1',
        currency: 'euro',
        attributes: [{ name: '', value: 'x' }],
        tiers: [{ minQty: 100, unitPriceMinor: 12.5 }],
      },
    });
    expect(res.status).toBe(400);
    expect(await fieldPaths(res)).toEqual(['attributes.0.name', 'currency', 'tiers.0.unitPriceMinor']);

    const rules = await api('/vendor/products', {
      token: tk.one,
      body: {
        ...PRODUCT,
        sku: 'INVALID-1',
        currency: 'ABC',
        categoryId: 'cat_missing',
        attributes: [
          { name: 'Material', value: 'Steel' },
          { name: 'material', value: 'Brass' },
        ],
        tiers: [
          { minQty: 100, unitPriceMinor: 12 },
          { minQty: 500, unitPriceMinor: 13 },
          { minQty: 500, unitPriceMinor: 9 },
        ],
      },
    });
    expect(rules.status).toBe(400);
    const error = (await body(rules)).error;
    expect(error.code).toBe('validation_failed');
    expect(error.details.fields.map((f: any) => f.path).sort()).toEqual([
      'attributes.1.name',
      'categoryId',
      'currency',
      'tiers.1.unitPriceMinor',
      'tiers.2.minQty',
    ]);
    const firstTier = await api('/vendor/products', {
      token: tk.one,
      body: { ...PRODUCT, sku: 'INVALID-1', tiers: [{ minQty: 50, unitPriceMinor: 12 }] },
    });
    expect((await body(firstTier)).error.details.fields).toEqual([
      { path: 'tiers.0.minQty', message: 'the first tier must start at the minimum order quantity (100)' },
    ]);
    const list = await body(await api('/vendor/products?q=INVALID', { token: tk.one }));
    expect(list.data).toEqual([]);
  });

  it('keeps SKUs unique per vendor (409 sku_taken naming sku), not across vendors', async () => {
    await createProduct({ sku: 'DUP-1' });
    const again = await api('/vendor/products', { body: { ...PRODUCT, sku: 'DUP-1' }, token: tk.oneStaff });
    expect(again.status).toBe(409);
    const error = (await body(again)).error;
    expect(error.code).toBe('sku_taken');
    expect(error.details.fields).toEqual([{ path: 'sku', message: expect.any(String) }]);
    expect(
      (await api('/vendor/products', { body: { ...PRODUCT, sku: 'DUP-1' }, token: tk.two })).status,
    ).toBe(201);

    const other = await createProduct({ sku: 'DUP-2' });
    const rename = await api(`/vendor/products/${other.id}`, {
      method: 'PUT',
      body: { ...PRODUCT, sku: 'DUP-1' },
      token: tk.one,
    });
    expect(rename.status).toBe(409);
    expect((await body(rename)).error.code).toBe('sku_taken');
  });

  it('replaces all fields and tiers on PUT; an invalid PUT changes nothing', async () => {
    const product = await createProduct({ sku: 'PUT-1' });
    const next = {
      ...PRODUCT,
      sku: 'PUT-1B',
      title: 'Hex bolt M10',
      minOrderQty: 10,
      orderIncrement: 10,
      basePriceMinor: 20,
      attributes: [],
      tiers: [
        { minQty: 10, unitPriceMinor: 20 },
        { minQty: 500, unitPriceMinor: 15 },
      ],
    };
    const res = await api(`/vendor/products/${product.id}`, { method: 'PUT', body: next, token: tk.one });
    expect(res.status).toBe(200);
    const saved = await body(res);
    expect(saved).toMatchObject({ ...next, id: product.id, status: 'draft' });

    const bad = await api(`/vendor/products/${product.id}`, {
      method: 'PUT',
      body: { ...next, tiers: [{ minQty: 10, unitPriceMinor: 25 }] },
      token: tk.one,
    });
    expect(bad.status).toBe(400);
    expect(await fieldPaths(bad)).toEqual(['tiers.0.unitPriceMinor']);
    const { updatedAt: _u, ...unchanged } = saved;
    expect(await body(await api(`/vendor/products/${product.id}`, { token: tk.one }))).toMatchObject(
      unchanged,
    );
  });

  it('lists own products by SKU with status and text filters and a cursor', async () => {
    const skus = ['LIST-A', 'LIST-B', 'LIST-C', 'LIST-D', 'LIST-E'];
    for (const sku of skus) await createProduct({ sku, title: `Listed ${sku}` }, tk.two);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/vendor/products?q=list-&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await body(await api(query, { token: tk.two }));
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((p: any) => p.sku));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(skus);
    const drafts = await body(await api('/vendor/products?status=published&q=LIST', { token: tk.two }));
    expect(drafts.data).toEqual([]);
    const empty = await body(await api('/vendor/products?status=&q=', { token: tk.two }));
    expect(empty.data.length).toBeGreaterThanOrEqual(5);
    expect((await api('/vendor/products?cursor=garbage', { token: tk.two })).status).toBe(400);
  });

  it("hides one vendor's products from another vendor (404), and from operators and buyers here (403)", async () => {
    const product = await createProduct({ sku: 'MINE-1' });
    const paths: [string, string, unknown?][] = [
      ['GET', `/vendor/products/${product.id}`],
      ['PUT', `/vendor/products/${product.id}`, { ...PRODUCT, sku: 'STOLEN' }],
      ['POST', `/vendor/products/${product.id}/publish`],
      ['POST', `/vendor/products/${product.id}/archive`],
      ['PUT', `/vendor/products/${product.id}/images/order`, { positions: [] }],
      ['DELETE', `/vendor/products/${product.id}/images/0`],
    ];
    for (const [method, path, payload] of paths) {
      const res = await api(path, { method, body: payload, token: tk.two });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await api(path, { method, body: payload, token: tk.op })).status).toBe(403);
      expect((await api(path, { method, body: payload, token: tk.buyer })).status).toBe(403);
      expect((await api(path, { method, body: payload })).status).toBe(401);
    }
    const upload = await send(h, A, `/api/v1/vendor/products/${product.id}/images`, {
      method: 'POST',
      token: tk.two,
      type: 'image/png',
      body: tinyPng() as Uint8Array<ArrayBuffer>,
    });
    expect(upload.status).toBe(404);
    const list = await body(await api('/vendor/products?q=MINE', { token: tk.two }));
    expect(list.data).toEqual([]);
    const unchanged = await body(await api(`/vendor/products/${product.id}`, { token: tk.one }));
    expect(unchanged).toMatchObject({ sku: 'MINE-1', status: 'draft' });
  });

  it('keeps tenants apart: an id of marketplace A is 404 on B, for vendors and the public alike', async () => {
    const product = await createProduct({ sku: 'ISO-1' });
    await api(`/vendor/products/${product.id}/publish`, { method: 'POST', token: tk.one });
    expect((await api(`/products/${product.id}`)).status).toBe(200);
    expect((await api(`/products/${product.id}`, { hostname: B })).status).toBe(404);
    expect((await api(`/products/${product.id}/quote?qty=100`, { hostname: B })).status).toBe(404);
    expect((await api(`/vendor/products/${product.id}`, { hostname: B, token: tk.beta })).status).toBe(404);
    // A token of A is not accepted on B.
    expect((await api(`/vendor/products/${product.id}`, { hostname: B, token: tk.one })).status).toBe(401);
  });
});

describe('publishing, moderation and the public product', () => {
  it('publishes at once without moderation; buyers see it with tiers, vendor and breadcrumb', async () => {
    const top = await createCategory('Hardware');
    const sub = await createCategory('Screws', { parentId: top.id });
    const product = await createProduct({ sku: 'PUB-1', categoryId: sub.id });
    expect((await api(`/products/${product.id}`)).status).toBe(404);

    const res = await api(`/vendor/products/${product.id}/publish`, { method: 'POST', token: tk.oneStaff });
    expect(res.status).toBe(200);
    const published = await body(res);
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();

    const pub = await api(`/products/${product.id}`);
    expect(pub.status).toBe(200);
    const view = await body(pub);
    expect(view).toMatchObject({
      id: product.id,
      title: PRODUCT.title,
      minOrderQty: 100,
      vendor: { id: vendors.one, name: 'Vendor One', country: 'DE', verified: true },
      category: { id: sub.id, name: 'Screws', slug: 'screws' },
      breadcrumb: [
        { id: top.id, name: 'Hardware', slug: 'hardware' },
        { id: sub.id, name: 'Screws', slug: 'screws' },
      ],
      tiers: [
        { minQty: 100, maxQty: 999, unitPriceMinor: 12, savingBps: 0 },
        { minQty: 1000, maxQty: 9999, unitPriceMinor: 10, savingBps: 1666 },
        { minQty: 10000, maxQty: null, unitPriceMinor: 8, savingBps: 3333 },
      ],
    });
    expect(view).not.toHaveProperty('status');
    expect(view).not.toHaveProperty('searchText');
  });

  it('quotes quantities: the tier in effect, or ok:false with the reason (still 200)', async () => {
    const product = await createProduct({ sku: 'QUOTE-1' });
    await api(`/vendor/products/${product.id}/publish`, { method: 'POST', token: tk.one });
    const q = async (qty: string) => {
      const res = await api(`/products/${product.id}/quote?qty=${qty}`);
      expect(res.status).toBe(200);
      return body(res);
    };
    expect(await q('1050')).toEqual({
      ok: true,
      qty: 1050,
      unitPriceMinor: 10,
      totalMinor: 10500,
      savingMinor: 2100,
      savingBps: 1666,
      currency: 'EUR',
    });
    expect(await q('100')).toMatchObject({ ok: true, unitPriceMinor: 12, totalMinor: 1200 });
    expect(await q('50')).toEqual({
      ok: false,
      qty: 50,
      reason: 'The minimum order is 100',
      currency: 'EUR',
    });
    expect(await q('120')).toMatchObject({ ok: false, reason: 'Order in steps of 50 from 100' });
    expect(await q('abc')).toMatchObject({ ok: false, reason: 'Enter a whole number of units' });
    expect((await api(`/products/${product.id}/quote`)).status).toBe(400);
  });

  it('refuses quantities above 1,000,000,000 with a 400 naming qty, and totals exactly below', async () => {
    const product = await createProduct({ sku: 'QUOTE-HUGE', minOrderQty: 1, orderIncrement: 1, tiers: [] });
    await api(`/vendor/products/${product.id}/publish`, { method: 'POST', token: tk.one });
    for (const qty of ['1000000001', '9007199254740993', '99999999999999999999']) {
      const res = await api(`/products/${product.id}/quote?qty=${qty}`);
      expect(res.status).toBe(400);
      const { error } = await body(res);
      expect(error.code).toBe('validation_failed');
      expect(error.details.fields).toEqual([{ path: 'qty', message: 'must be at most 1,000,000,000' }]);
    }
    const max = await body(await api(`/products/${product.id}/quote?qty=1000000000`));
    expect(max).toMatchObject({ ok: true, qty: 1_000_000_000 });
    expect(max.totalMinor).toBe(max.unitPriceMinor * 1_000_000_000);
    expect(Number.isSafeInteger(max.totalMinor)).toBe(true);
  });

  it('refuses publishing for a vendor that is not approved (409 with the reason)', async () => {
    const product = await createProduct({ sku: 'PENDING-1' }, tk.pending);
    const res = await api(`/vendor/products/${product.id}/publish`, { method: 'POST', token: tk.pending });
    expect(res.status).toBe(409);
    const error = (await body(res)).error;
    expect(error.code).toBe('invalid_state');
    expect(error.message).toMatch(/waiting for the marketplace to review it; products can be published once/);
    expect((await body(await api(`/vendor/products/${product.id}`, { token: tk.pending }))).status).toBe(
      'draft',
    );
  });

  it('hides drafts, archived products and products of suspended vendors from buyers', async () => {
    const product = await createProduct({ sku: 'HIDE-1' });
    await api(`/vendor/products/${product.id}/publish`, { method: 'POST', token: tk.one });
    expect((await api(`/products/${product.id}`)).status).toBe(200);

    await api(`/vendor/products/${product.id}/unpublish`, { method: 'POST', token: tk.one });
    expect((await api(`/products/${product.id}`)).status).toBe(404);
    await api(`/vendor/products/${product.id}/publish`, { method: 'POST', token: tk.one });
    const archived = await api(`/vendor/products/${product.id}/archive`, { method: 'POST', token: tk.one });
    expect((await body(archived)).status).toBe('archived');
    expect((await api(`/products/${product.id}`)).status).toBe(404);
    await api(`/vendor/products/${product.id}/publish`, { method: 'POST', token: tk.one });
    expect((await api(`/products/${product.id}`)).status).toBe(200);

    await setVendorStatus(h, a, vendors.one as string, 'suspended');
    try {
      expect((await api(`/products/${product.id}`)).status).toBe(404);
      expect((await api(`/products/${product.id}/quote?qty=100`)).status).toBe(404);
      const other = await createProduct({ sku: 'HIDE-2' });
      const publish = await api(`/vendor/products/${other.id}/publish`, { method: 'POST', token: tk.one });
      expect(publish.status).toBe(409);
      expect((await body(publish)).error.message).toMatch(/suspended/);
    } finally {
      await setVendorStatus(h, a, vendors.one as string, 'approved');
    }
    expect((await api(`/products/${product.id}`)).status).toBe(200);
  });

  it('with moderation on: pending_review, the operator queue, approve publishes, reject explains', async () => {
    await setModeration(h, a, true);
    try {
      const first = await createProduct({ sku: 'MOD-1' });
      const second = await createProduct({ sku: 'MOD-2' });
      for (const p of [first, second]) {
        const res = await api(`/vendor/products/${p.id}/publish`, { method: 'POST', token: tk.one });
        expect((await body(res)).status).toBe('pending_review');
      }
      expect((await api(`/products/${first.id}`)).status).toBe(404);

      const queue = await body(await api('/operator/products?status=pending_review', { token: tk.op }));
      const ids = queue.data.map((p: any) => p.id);
      expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id)); // oldest first
      expect(queue.data.find((p: any) => p.id === first.id)).toMatchObject({
        sku: 'MOD-1',
        vendor: { id: vendors.one, name: 'Vendor One', status: 'approved' },
      });
      expect((await api('/operator/products?status=pending_review', { token: tk.one })).status).toBe(403);
      expect(
        (await api(`/operator/products/${first.id}/approve`, { method: 'POST', token: tk.one })).status,
      ).toBe(403);

      const approved = await api(`/operator/products/${first.id}/approve`, { method: 'POST', token: tk.op });
      expect(approved.status).toBe(200);
      expect(await body(approved)).toMatchObject({ status: 'published', vendor: { id: vendors.one } });
      expect((await api(`/products/${first.id}`)).status).toBe(200);
      const twice = await api(`/operator/products/${first.id}/approve`, { method: 'POST', token: tk.op });
      expect(twice.status).toBe(409);

      const noReason = await api(`/operator/products/${second.id}/reject`, { body: {}, token: tk.op });
      expect(noReason.status).toBe(400);
      const rejected = await api(`/operator/products/${second.id}/reject`, {
        body: { reason: 'Photos show another product' },
        token: tk.op,
      });
      expect(await body(rejected)).toMatchObject({
        status: 'draft',
        statusReason: 'Photos show another product',
      });
      const seen = await body(await api(`/vendor/products/${second.id}`, { token: tk.one }));
      expect(seen).toMatchObject({ status: 'draft', statusReason: 'Photos show another product' });
      const [stored] = await withTenant(h.runtime.database, a, ({ db, t }) =>
        db
          .select({ statusReason: t.products.statusReason })
          .from(t.products)
          .where(eq(t.products.id, second.id)),
      );
      expect(stored?.statusReason).toBe('Photos show another product');
      // The vendor's contact is emailed the reason, through the outbox like every email.
      const [event] = await withTenant(h.runtime.database, a, ({ db, t }) =>
        db.select().from(t.outbox).where(eq(t.outbox.topic, 'product.rejected')),
      );
      expect(event?.payload).toEqual({
        productId: second.id,
        vendorId: vendors.one,
        reason: 'Photos show another product',
      });
      const job = { tenantId: a.id, outboxId: event!.id, topic: event!.topic, payload: event!.payload };
      expect(await sendOutboxEmail(h.runtime, job)).toMatchObject({ status: 'sent' });
      expect(await sendOutboxEmail(h.runtime, job)).toMatchObject({ status: 'skipped' });
      const mail = await body(
        await h.call('platform.localhost', `/platform/v1/dev/emails?to=${vendors.one}%40vendors.test`),
      );
      expect(mail.data).toHaveLength(1);
      expect(mail.data[0]).toMatchObject({
        kind: 'product_rejected',
        subject: expect.stringMatching(/not published on Alpha Market/),
      });
      expect(mail.data[0].text).toContain('Reason: Photos show another product');
      expect(mail.data[0].text).toContain(`/console/products/${second.id}`);
      // Editing the rejected draft keeps the reason in view while the vendor fixes it.
      const fixed = await api(`/vendor/products/${second.id}`, {
        method: 'PUT',
        body: { ...PRODUCT, sku: 'MOD-2', title: 'Fixed photos' },
        token: tk.one,
      });
      expect(await body(fixed)).toMatchObject({
        status: 'draft',
        statusReason: 'Photos show another product',
      });
      const audit = await withTenant(h.runtime.database, a, ({ db, t }) =>
        db.select().from(t.auditLog).where(eq(t.auditLog.subjectId, second.id)),
      );
      expect(audit.map((e) => e.action)).toEqual([
        'product.created',
        'product.submitted',
        'product.rejected',
        'product.updated',
      ]);

      // Resubmitting clears the reason; an edit of a published product keeps it published.
      const again = await api(`/vendor/products/${second.id}/publish`, { method: 'POST', token: tk.one });
      expect(await body(again)).toMatchObject({ status: 'pending_review', statusReason: null });
      const reread = await body(await api(`/vendor/products/${second.id}`, { token: tk.one }));
      expect(reread.statusReason).toBeNull();
      const edit = await api(`/vendor/products/${first.id}`, {
        method: 'PUT',
        body: { ...PRODUCT, sku: 'MOD-1', title: 'Edited' },
        token: tk.one,
      });
      expect(await body(edit)).toMatchObject({ status: 'published', title: 'Edited' });
    } finally {
      await setModeration(h, a, false);
    }
  });

  it('lets operators read any product and list all vendors with a cursor', async () => {
    const product = await createProduct({ sku: 'OPS-1' }, tk.two);
    const one = await api(`/operator/products/${product.id}`, { token: tk.op });
    expect(await body(one)).toMatchObject({
      id: product.id,
      status: 'draft',
      vendor: { name: 'Vendor Two' },
    });
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: any = await body(
        await api(`/operator/products?limit=7${cursor ? `&cursor=${cursor}` : ''}`, { token: tk.op }),
      );
      for (const p of page.data) {
        expect(seen.has(p.id)).toBe(false);
        seen.add(p.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    const all = await withTenant(h.runtime.database, a, ({ db, t }) =>
      db.select({ id: t.products.id }).from(t.products),
    );
    expect(seen.size).toBe(all.length);
    expect((await api(`/operator/products/${product.id}`, { hostname: B, token: tk.betaOp })).status).toBe(
      404,
    );
  });
});

describe('product images', () => {
  const upload = (id: string, bytes: Uint8Array, type = 'image/png', token = tk.one) =>
    send(h, A, `/api/v1/vendor/products/${id}/images`, {
      method: 'POST',
      token,
      type,
      body: bytes as Uint8Array<ArrayBuffer>,
    });

  it('stores images in order; serves those of public products to anyone with long caching, of drafts to their vendor and operators only', async () => {
    const product = await createProduct({ sku: 'IMG-1' });
    const first = await upload(product.id, tinyPng());
    expect(first.status).toBe(201);
    const { images } = await body(first);
    expect(images).toEqual([
      { position: 0, url: expect.stringMatching(/^\/media\/products\/[0-9a-f]{24}\.png$/) },
    ]);

    const form = new FormData();
    form.append('file', new Blob([tinyJpeg()], { type: 'image/jpeg' }), 'photo.jpg');
    const second = await send(h, A, `/api/v1/vendor/products/${product.id}/images`, {
      method: 'POST',
      token: tk.one,
      body: form,
    });
    expect(second.status).toBe(201);
    const both = (await body(second)).images;
    expect(both.map((i: any) => i.position)).toEqual([0, 1]);
    expect(both[1].url).toMatch(/\.jpg$/);

    // A draft's images: its vendor and the operators only, never to a shared cache.
    expect((await h.call(A, images[0].url)).status).toBe(404);
    expect((await h.call(A, images[0].url, { token: tk.two })).status).toBe(404);
    expect((await h.call(A, images[0].url, { token: tk.buyer })).status).toBe(404);
    for (const token of [tk.one, tk.oneStaff, tk.op]) {
      const own = await h.call(A, images[0].url, { token });
      expect(own.status).toBe(200);
      expect(own.headers.get('cache-control')).toBe('private, no-store');
    }
    // The console's pages show them with the session cookie their images carry.
    const fromConsole = await h.call(A, images[0].url, {
      headers: { cookie: `__Host-agora_session=${tk.one}` },
    });
    expect(fromConsole.status).toBe(200);

    await api(`/vendor/products/${product.id}/publish`, { method: 'POST', token: tk.one });
    const served = await h.call(A, images[0].url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(tinyPng());
    expect((await h.call(B, images[0].url)).status).toBe(404);
    expect((await h.call(A, '/media/products/..%2F..%2Fetc.png')).status).toBe(404);
    expect((await body(await api(`/products/${product.id}`))).images).toEqual(both);

    // Unpublished or archived again: private again.
    await api(`/vendor/products/${product.id}/unpublish`, { method: 'POST', token: tk.one });
    expect((await h.call(A, images[0].url)).status).toBe(404);
    await api(`/vendor/products/${product.id}/publish`, { method: 'POST', token: tk.one });
    expect((await h.call(A, images[0].url)).status).toBe(200);
    const list = await body(await api('/vendor/products?q=IMG-1', { token: tk.one }));
    expect(list.data[0].imageUrl).toBe(both[0].url);
  });

  it('refuses files that are not PNG or JPEG, or too large, naming the file field', async () => {
    const product = await createProduct({ sku: 'IMG-2' });
    const gif = await upload(
      product.id,
      new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000'),
      'image/gif',
    );
    expect(gif.status).toBe(400);
    expect((await body(gif)).error.details.fields[0].path).toBe('file');
    const svg = await upload(
      product.id,
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    );
    expect(svg.status).toBe(400);
    const big = new Uint8Array(2 * 1024 * 1024 + 10);
    big.set(tinyPng());
    const tooBig = await upload(product.id, big);
    expect(tooBig.status).toBe(400);
    expect((await body(tooBig)).error.message).toMatch(/2 MB/);
    const json = await upload(product.id, new TextEncoder().encode('{}'), 'application/json');
    expect(json.status).toBe(415);
    expect((await body(await api(`/vendor/products/${product.id}`, { token: tk.one }))).images).toEqual([]);
  });

  it('takes at most 8 images, reorders them and deletes one, renumbering the rest', async () => {
    const product = await createProduct({ sku: 'IMG-3' });
    const colors: [number, number, number, number][] = Array.from({ length: 8 }, (_, i) => [
      i * 10,
      0,
      0,
      255,
    ]);
    let images: any[] = [];
    for (const color of colors) images = (await body(await upload(product.id, tinyPng(color)))).images;
    expect(images).toHaveLength(8);
    const ninth = await upload(product.id, tinyPng([1, 2, 3, 255]));
    expect(ninth.status).toBe(409);
    expect((await body(ninth)).error.message).toMatch(/at most 8 images/);

    const order = [7, 0, 1, 2, 3, 4, 5, 6];
    const res = await api(`/vendor/products/${product.id}/images/order`, {
      method: 'PUT',
      body: { positions: order },
      token: tk.one,
    });
    expect(res.status).toBe(200);
    const reordered = (await body(res)).images;
    expect(reordered.map((i: any) => i.url)).toEqual(order.map((p) => images[p].url));
    expect(reordered.map((i: any) => i.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    for (const positions of [
      [0, 1],
      [0, 0, 1, 2, 3, 4, 5, 6],
      [1, 2, 3, 4, 5, 6, 7, 8],
    ]) {
      const bad = await api(`/vendor/products/${product.id}/images/order`, {
        method: 'PUT',
        body: { positions },
        token: tk.one,
      });
      expect(bad.status).toBe(400);
      expect(await fieldPaths(bad)).toEqual(['positions']);
    }

    const del = await api(`/vendor/products/${product.id}/images/0`, { method: 'DELETE', token: tk.one });
    expect(del.status).toBe(200);
    const rest = (await body(del)).images;
    expect(rest.map((i: any) => i.url)).toEqual(reordered.slice(1).map((i: any) => i.url));
    expect(rest.map((i: any) => i.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(
      (await api(`/vendor/products/${product.id}/images/7`, { method: 'DELETE', token: tk.one })).status,
    ).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the catalog endpoints with who may call them', async () => {
    const doc = await body(await api('/openapi.json'));
    for (const path of [
      '/categories',
      '/operator/categories/{id}',
      '/vendor/products',
      '/vendor/products/{id}/images',
      '/vendor/imports',
      '/products/{id}/quote',
      '/media/products/{file}',
    ])
      expect(doc.paths, path).toHaveProperty([path]);
    expect(doc.paths['/vendor/products'].post['x-agora-access'].level).toBe('vendor');
    expect(doc.paths['/operator/products/{id}/approve'].post['x-agora-access'].level).toBe('operator');
    expect(doc.paths['/products/{id}'].get['x-agora-access'].level).toBe('public');
  });
});

describe('who may call what (catalog endpoints)', () => {
  const ACTORS = ['anonymous', 'buyer', 'vendorAdminA', 'vendorAdminB', 'vendorStaffA', 'operator'] as const;
  type Actor = (typeof ACTORS)[number];
  const token = (actor: Actor) =>
    ({
      anonymous: undefined,
      buyer: tk.buyer,
      vendorAdminA: tk.one,
      vendorAdminB: tk.two,
      vendorStaffA: tk.oneStaff,
      operator: tk.op,
    })[actor];
  const row = (s: number[]) => Object.fromEntries(ACTORS.map((a, i) => [a, s[i]])) as Record<Actor, number>;
  const everyone = (s: number) => row([s, s, s, s, s, s]);
  const operatorOnly = (s: number) => row([401, 403, 403, 403, 403, s]);
  const vendorsOwn = (s: number) => row([401, 403, s, 404, s, 403]);
  const anyVendor = (s: number) => row([401, 403, s, s, s, 403]);
  const LEVEL_OF = (e: Record<Actor, number>) =>
    e.anonymous !== 401 ? 'public' : e.operator !== 403 ? 'operator' : 'vendor';

  type Call = { method: string; path: string; json?: unknown; raw?: { type: string; body: () => BodyInit } };
  const ids: Record<string, string> = {};
  let n = 0;
  const ROWS: { endpoint: string; call: (actor: Actor) => Call; expect: Record<Actor, number> }[] = [
    {
      endpoint: 'GET /categories',
      call: () => ({ method: 'GET', path: '/categories' }),
      expect: everyone(200),
    },
    {
      // 'fasteners-fixings' is made by the category tests above.
      endpoint: 'GET /categories/{slug}',
      call: () => ({ method: 'GET', path: '/categories/fasteners-fixings' }),
      expect: everyone(200),
    },
    {
      endpoint: 'GET /operator/categories',
      call: () => ({ method: 'GET', path: '/operator/categories' }),
      expect: operatorOnly(200),
    },
    {
      endpoint: 'POST /operator/categories',
      call: (actor) => ({
        method: 'POST',
        path: '/operator/categories',
        json: { name: `Matrix ${actor} ${++n}` },
      }),
      expect: operatorOnly(201),
    },
    {
      endpoint: 'PATCH /operator/categories/{id}',
      call: () => ({ method: 'PATCH', path: `/operator/categories/${ids.category}`, json: { position: 3 } }),
      expect: operatorOnly(200),
    },
    {
      endpoint: 'POST /operator/categories/{id}/archive',
      call: () => ({ method: 'POST', path: `/operator/categories/${ids.category}/archive` }),
      expect: operatorOnly(200),
    },
    {
      endpoint: 'POST /operator/categories/{id}/restore',
      call: () => ({ method: 'POST', path: `/operator/categories/${ids.category}/restore` }),
      expect: operatorOnly(200),
    },
    {
      endpoint: 'GET /vendor/products',
      call: () => ({ method: 'GET', path: '/vendor/products' }),
      expect: anyVendor(200),
    },
    {
      endpoint: 'POST /vendor/products',
      call: (actor) => ({
        method: 'POST',
        path: '/vendor/products',
        json: { ...PRODUCT, sku: `MX-${actor}` },
      }),
      expect: anyVendor(201),
    },
    {
      endpoint: 'GET /vendor/products/{id}',
      call: () => ({ method: 'GET', path: `/vendor/products/${ids.product}` }),
      expect: vendorsOwn(200),
    },
    {
      endpoint: 'PUT /vendor/products/{id}',
      call: () => ({
        method: 'PUT',
        path: `/vendor/products/${ids.product}`,
        json: { ...PRODUCT, sku: 'MX-OWN' },
      }),
      expect: vendorsOwn(200),
    },
    ...(['publish', 'unpublish', 'archive'] as const).map((action) => ({
      endpoint: `POST /vendor/products/{id}/${action}`,
      call: () => ({ method: 'POST', path: `/vendor/products/${ids.product}/${action}` }),
      expect: vendorsOwn(200),
    })),
    {
      endpoint: 'POST /vendor/products/{id}/images',
      call: () => ({
        method: 'POST',
        path: `/vendor/products/${ids.product}/images`,
        raw: { type: 'image/png', body: () => tinyPng() as Uint8Array<ArrayBuffer> },
      }),
      expect: vendorsOwn(201),
    },
    {
      endpoint: 'PUT /vendor/products/{id}/images/order',
      call: () => ({
        method: 'PUT',
        path: `/vendor/products/${ids.product}/images/order`,
        json: { positions: [2, 1, 0] },
      }),
      expect: vendorsOwn(200),
    },
    {
      endpoint: 'DELETE /vendor/products/{id}/images/{position}',
      call: () => ({ method: 'DELETE', path: `/vendor/products/${ids.product}/images/0` }),
      expect: vendorsOwn(200),
    },
    {
      endpoint: 'GET /vendor/products/csv-template',
      call: () => ({ method: 'GET', path: '/vendor/products/csv-template' }),
      expect: anyVendor(200),
    },
    {
      endpoint: 'GET /vendor/products/export.csv',
      call: () => ({ method: 'GET', path: '/vendor/products/export.csv' }),
      expect: anyVendor(200),
    },
    {
      endpoint: 'POST /vendor/imports',
      call: () => ({
        method: 'POST',
        path: '/vendor/imports',
        raw: { type: 'text/csv', body: () => 'sku,title\n' },
      }),
      expect: anyVendor(202),
    },
    {
      endpoint: 'GET /vendor/imports',
      call: () => ({ method: 'GET', path: '/vendor/imports' }),
      expect: anyVendor(200),
    },
    {
      endpoint: 'GET /vendor/imports/{id}',
      call: () => ({ method: 'GET', path: `/vendor/imports/${ids.import}` }),
      expect: vendorsOwn(200),
    },
    {
      endpoint: 'GET /operator/products',
      call: () => ({ method: 'GET', path: '/operator/products' }),
      expect: operatorOnly(200),
    },
    {
      endpoint: 'GET /operator/products/{id}',
      call: () => ({ method: 'GET', path: `/operator/products/${ids.product}` }),
      expect: operatorOnly(200),
    },
    {
      endpoint: 'POST /operator/products/{id}/approve',
      call: () => ({ method: 'POST', path: `/operator/products/${ids.toApprove}/approve` }),
      expect: operatorOnly(200),
    },
    {
      endpoint: 'POST /operator/products/{id}/reject',
      call: () => ({
        method: 'POST',
        path: `/operator/products/${ids.toReject}/reject`,
        json: { reason: 'Blurry' },
      }),
      expect: operatorOnly(200),
    },
    {
      endpoint: 'GET /products/{id}',
      call: () => ({ method: 'GET', path: `/products/${ids.published}` }),
      expect: everyone(200),
    },
    {
      endpoint: 'GET /products/{id}/quote',
      call: () => ({ method: 'GET', path: `/products/${ids.published}/quote?qty=100` }),
      expect: everyone(200),
    },
    {
      // That results stay within the marketplace, for every kind of caller: search.test.ts.
      endpoint: 'GET /search',
      call: () => ({ method: 'GET', path: '/search?q=widget' }),
      expect: everyone(200),
    },
  ];

  beforeAll(async () => {
    ids.category = (await createCategory('Matrix category')).id;
    ids.product = (await createProduct({ sku: 'MX-PRODUCT' })).id;
    await upload(ids.product as string);
    const published = await createProduct({ sku: 'MX-PUBLISHED' });
    await api(`/vendor/products/${published.id}/publish`, { method: 'POST', token: tk.one });
    ids.published = published.id;
    await setModeration(h, a, true);
    for (const key of ['toApprove', 'toReject']) {
      const p = await createProduct({ sku: `MX-${key}` });
      await api(`/vendor/products/${p.id}/publish`, { method: 'POST', token: tk.one });
      ids[key] = p.id;
    }
    await setModeration(h, a, false);
    const started = await send(h, A, '/api/v1/vendor/imports', {
      method: 'POST',
      token: tk.one,
      type: 'text/csv',
      body: 'sku,title\n',
    });
    ids.import = (await body(started)).id;
  });

  const upload = (id: string) =>
    send(h, A, `/api/v1/vendor/products/${id}/images`, {
      method: 'POST',
      token: tk.one,
      type: 'image/png',
      body: tinyPng([9, 9, 9, 255]) as Uint8Array<ArrayBuffer>,
    });

  it('answers each caller as the matrix says (denials before successes)', async () => {
    const order = [...ACTORS].sort((x, y) => (x === 'anonymous' ? -1 : y === 'anonymous' ? 1 : 0));
    for (const r of ROWS) {
      const actors = [...order].sort((x, y) => Number(r.expect[x] < 300) - Number(r.expect[y] < 300));
      for (const actor of actors) {
        const call = r.call(actor);
        const res = await send(h, A, `/api/v1${call.path}`, {
          method: call.method,
          token: token(actor),
          type: call.raw?.type ?? (call.json === undefined ? undefined : 'application/json'),
          body: call.raw ? call.raw.body() : call.json === undefined ? undefined : JSON.stringify(call.json),
        });
        expect(res.status, `${r.endpoint} as ${actor}`).toBe(r.expect[actor]);
      }
    }
  });

  it("matches each endpoint's x-agora-access declaration, and covers every catalog endpoint", async () => {
    const doc = await body(await api('/openapi.json'));
    const catalog =
      /^\/(categories|operator\/categories|vendor\/products|vendor\/imports|operator\/products|products|search)(\/|$)/;
    const covered = new Set(ROWS.map((r) => r.endpoint));
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      if (!catalog.test(path)) continue;
      for (const [method, op] of Object.entries<any>(item)) {
        const endpoint = `${method.toUpperCase()} ${path}`;
        expect(covered.has(endpoint), `${endpoint} is in the matrix`).toBe(true);
        const r = ROWS.find((x) => x.endpoint === endpoint);
        expect(op['x-agora-access']?.level, endpoint).toBe(LEVEL_OF(r?.expect as Record<Actor, number>));
      }
    }
  });
});
