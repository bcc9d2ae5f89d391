import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFileKey, runCatalogImport, runCatalogImportJob } from '@agora/core';
import { withTenant } from '@agora/db';
import { startWorkers, type WorkerHandle } from '@agora/provisioning';
import { eventually } from '@agora/testing';
import { parse } from 'csv-parse/sync';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVendor, body, host, PRODUCT, send, setModeration, type T, userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

let h: ApiHarness;
let worker: WorkerHandle;
let dataDir: string;
let a: T;
let A: string;
const tk: Record<string, string> = {};
const vendors: Record<string, string> = {};

const HEADER =
  'sku,title,description,category_slug,unit,min_order_qty,order_increment,lead_time_days,stock_qty,currency,base_price,tiers,attributes,status';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'agora-import-'));
  h = await createApiHarness({ AGORA_DATA_DIR: dataDir });
  a = await h.activeTenant('imp-a', 'Import Market');
  // After provisioning in-process: a worker running the same provisioning job at the same time
  // would race it.
  worker = await startWorkers(h.runtime);
  A = host(a);
  vendors.one = await addVendor(h, a, 'Importer One');
  vendors.two = await addVendor(h, a, 'Importer Two');
  vendors.pending = await addVendor(h, a, 'Importer Pending', 'pending');
  tk.op = await userToken(h, a, 'operator');
  tk.one = await userToken(h, a, 'vendor_admin', vendors.one);
  tk.two = await userToken(h, a, 'vendor_staff', vendors.two);
  tk.pending = await userToken(h, a, 'vendor_admin', vendors.pending);
  const fasteners = await h.call(A, '/api/v1/operator/categories', {
    body: { name: 'Fasteners' },
    token: tk.op,
  });
  expect(fasteners.status).toBe(201);
});
afterAll(async () => {
  await worker?.close();
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const upload = (csv: string | Uint8Array, token = tk.one, type = 'text/csv') =>
  send(h, A, '/api/v1/vendor/imports', {
    method: 'POST',
    token,
    type,
    body: typeof csv === 'string' ? csv : (csv as Uint8Array<ArrayBuffer>),
  });

/** Upload a file and wait for its import to finish. */
async function runImport(csv: string | Uint8Array, token = tk.one) {
  const res = await upload(csv, token);
  expect(res.status).toBe(202);
  const started = await body(res);
  expect(started).toMatchObject({ id: expect.stringMatching(/^imp_/), status: 'queued' });
  return eventually(
    async () => {
      const state = await body(await h.call(A, `/api/v1/vendor/imports/${started.id}`, { token }));
      return state.status === 'done' || state.status === 'failed' ? state : null;
    },
    { what: `import ${started.id}` },
  );
}

const productsOf = (vendorId: string, skus: string[]) =>
  withTenant(h.runtime.database, a, ({ db, t }) =>
    db
      .select()
      .from(t.products)
      .where(and(eq(t.products.vendorId, vendorId), inArray(t.products.sku, skus))),
  );
const vendorProduct = async (id: string, token = tk.one) =>
  body(await h.call(A, `/api/v1/vendor/products/${id}`, { token }));

describe('CSV template', () => {
  it('serves the header and example rows as a download', async () => {
    const res = await h.call(A, '/api/v1/vendor/products/csv-template', { token: tk.one });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const text = await res.text();
    expect(text.split('\n')[0]).toBe(HEADER);
    const result = await runImport(text);
    expect(result).toMatchObject({ status: 'done', createdCount: 2, errorRows: 0, errors: [] });
  });
});

describe('CSV import', () => {
  it('creates the good rows and reports each bad row by number and column, changing nothing for it', async () => {
    const existing = await h.call(A, '/api/v1/vendor/products', {
      body: { ...PRODUCT, sku: 'EXIST-1', title: 'Original title' },
      token: tk.one,
    });
    expect(existing.status).toBe(201);
    const before = await vendorProduct((await body(existing)).id);

    const csv = [
      HEADER,
      'NEW-1,Hex nut M8,"Zinc plated, DIN 934",fasteners,piece,100,100,2,5000,EUR,0.05,100:0.05|1000:0.04,Material=Steel|Thread=M8,published',
      'NEW-2,Washer,,,box of 100,1,,,,JPY,1200,,,',
      'EXIST-1,Changed title,,,piece,100,50,5,100,EUR,0.12,100:0.12|1000:0.15,,',
      'BAD-2,Nothing,,no-such-category,piece,1,1,0,0,EUR,1.2.3,,,',
      'NEW-1,Duplicate,,,piece,1,1,0,0,EUR,1.00,,,',
      'SHORT-1,Too few cells,piece',
      'BAD-3,Bad everything,,,,zero,1,0,-5,EURO,,10:abc,Material,live',
    ].join('\n');
    const result = await runImport(csv);
    expect(result).toMatchObject({
      status: 'done',
      totalRows: 7,
      processedRows: 7,
      createdCount: 2,
      updatedCount: 0,
      errorRows: 5,
      errorsTruncated: false,
    });
    const byRow = (row: number) => result.errors.filter((e: any) => e.row === row);
    expect(byRow(4)).toEqual([
      { row: 4, field: 'tiers', message: expect.stringMatching(/^tier 2 \(from 1000\)/) },
    ]);
    expect(
      byRow(5)
        .map((e: any) => e.field)
        .sort(),
    ).toEqual(['base_price', 'category_slug']);
    expect(byRow(6)).toEqual([
      { row: 6, field: 'sku', message: 'NEW-1 is already in row 2; each SKU once per file' },
    ]);
    expect(byRow(7)).toEqual([{ row: 7, field: 'row', message: 'has 3 cells; the header has 14' }]);
    expect(
      byRow(8)
        .map((e: any) => e.field)
        .sort(),
    ).toEqual(
      [
        'attributes',
        'base_price',
        'currency',
        'min_order_qty',
        'status',
        'stock_qty',
        'tiers',
        'unit',
      ].sort(),
    );

    const rows = await productsOf(vendors.one as string, [
      'NEW-1',
      'NEW-2',
      'EXIST-1',
      'BAD-2',
      'SHORT-1',
      'BAD-3',
    ]);
    expect(rows.map((r) => r.sku).sort()).toEqual(['EXIST-1', 'NEW-1', 'NEW-2']);
    const { updatedAt: _u, ...unchanged } = before;
    expect(await vendorProduct(before.id)).toMatchObject(unchanged);

    const nut = rows.find((r) => r.sku === 'NEW-1');
    expect(nut).toMatchObject({
      title: 'Hex nut M8',
      description: 'Zinc plated, DIN 934',
      minOrderQty: 100,
      orderIncrement: 100,
      stockQty: 5000,
      basePriceMinor: 5,
      status: 'published',
      attributes: [
        { name: 'Material', value: 'Steel' },
        { name: 'Thread', value: 'M8' },
      ],
    });
    expect(nut?.publishedAt).not.toBeNull();
    expect(nut?.searchText).toContain('nut');
    expect((await vendorProduct(nut?.id as string)).tiers).toEqual([
      { minQty: 100, unitPriceMinor: 5 },
      { minQty: 1000, unitPriceMinor: 4 },
    ]);
    expect(rows.find((r) => r.sku === 'NEW-2')).toMatchObject({
      currency: 'JPY',
      basePriceMinor: 1200,
      status: 'draft',
    });
    const pub = await h.call(A, `/api/v1/products/${nut?.id}`);
    expect(pub.status).toBe(200);

    const events = await withTenant(h.runtime.database, a, ({ db, t }) =>
      db.select().from(t.outbox).where(eq(t.outbox.topic, 'product.changed')),
    );
    expect(events.some((e) => (e.payload.productIds as string[]).includes(nut?.id as string))).toBe(true);
  });

  it('updates on re-import by SKU: no duplicates, tiers replaced, status kept when empty', async () => {
    const first = await runImport(
      [
        HEADER,
        'RE-1,Bolt,,,piece,10,1,0,0,EUR,1.00,10:1.00|100:0.90,,published',
        'RE-2,Screw,,,piece,1,1,0,0,EUR,0.50,,,',
      ].join('\n'),
    );
    expect(first).toMatchObject({ createdCount: 2, updatedCount: 0, errorRows: 0 });
    const again = await runImport(
      [
        HEADER,
        'RE-1,Bolt v2,,,piece,10,1,0,7,EUR,1.10,10:1.10|50:1.00|500:0.80,,',
        'RE-2,Screw,,,piece,1,1,0,0,EUR,0.50,,,archived',
      ].join('\n'),
    );
    expect(again).toMatchObject({ status: 'done', createdCount: 0, updatedCount: 2, errorRows: 0 });
    const rows = await productsOf(vendors.one as string, ['RE-1', 'RE-2']);
    expect(rows).toHaveLength(2);
    const bolt = rows.find((r) => r.sku === 'RE-1');
    expect(bolt).toMatchObject({ title: 'Bolt v2', stockQty: 7, basePriceMinor: 110, status: 'published' });
    expect((await vendorProduct(bolt?.id as string)).tiers).toEqual([
      { minQty: 10, unitPriceMinor: 110 },
      { minQty: 50, unitPriceMinor: 100 },
      { minQty: 500, unitPriceMinor: 80 },
    ]);
    expect(rows.find((r) => r.sku === 'RE-2')?.status).toBe('archived');
    // Another vendor's import with the same SKUs makes its own products.
    const other = await runImport([HEADER, 'RE-1,Their bolt,,,piece,1,1,0,0,EUR,2.00,,,'].join('\n'), tk.two);
    expect(other).toMatchObject({ createdCount: 1, updatedCount: 0 });
    expect((await productsOf(vendors.one as string, ['RE-1']))[0]?.title).toBe('Bolt v2');
  });

  it("keeps a moderation rejection's reason on re-import until a status change resubmits it", async () => {
    await setModeration(h, a, true);
    try {
      const row = (title: string, status: string) =>
        [HEADER, `REJ-1,${title},,,piece,1,1,0,0,EUR,1.00,,,${status}`].join('\n');
      expect(await runImport(row('Valve', 'published'))).toMatchObject({ createdCount: 1 });
      const [product] = await productsOf(vendors.one as string, ['REJ-1']);
      expect(product?.status).toBe('pending_review');
      const rejected = await h.call(A, `/api/v1/operator/products/${product?.id}/reject`, {
        body: { reason: 'Add the pressure rating' },
        token: tk.op,
      });
      expect(rejected.status).toBe(200);
      expect(await runImport(row('Valve PN16', ''))).toMatchObject({ updatedCount: 1 });
      expect(await vendorProduct(product?.id as string)).toMatchObject({
        title: 'Valve PN16',
        status: 'draft',
        statusReason: 'Add the pressure rating',
      });
      expect(await runImport(row('Valve PN16', 'published'))).toMatchObject({ updatedCount: 1 });
      expect(await vendorProduct(product?.id as string)).toMatchObject({
        status: 'pending_review',
        statusReason: null,
      });
    } finally {
      await setModeration(h, a, false);
    }
  });

  it('round-trips: an exported file imports again as updates that change nothing', async () => {
    const res = await h.call(A, '/api/v1/vendor/products/export.csv', { token: tk.one });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    const [header, ...rows] = parse(text) as string[][];
    expect(header?.join(',')).toBe(HEADER);
    const all = await withTenant(h.runtime.database, a, ({ db, t }) =>
      db
        .select({ id: t.products.id, sku: t.products.sku })
        .from(t.products)
        .where(eq(t.products.vendorId, vendors.one as string)),
    );
    expect(rows.map((r) => r[0]).sort()).toEqual(all.map((p) => p.sku).sort());
    expect(rows.find((r) => r[0] === 'NEW-1')?.slice(3, 14)).toEqual([
      'fasteners',
      'piece',
      '100',
      '100',
      '2',
      '5000',
      'EUR',
      '0.05',
      '100:0.05|1000:0.04',
      'Material=Steel|Thread=M8',
      'published',
    ]);

    const views = async () =>
      Promise.all(
        all.map(async (p) => {
          const { updatedAt: _u, ...view } = await vendorProduct(p.id);
          return view;
        }),
      );
    const before = await views();
    const result = await runImport(text);
    expect(result).toMatchObject({ status: 'done', createdCount: 0, updatedCount: all.length, errorRows: 0 });
    expect(await views()).toEqual(before);
  });

  it('fails a file with a wrong header, broken CSV or non-UTF-8 bytes, changing nothing', async () => {
    const count = async () => (await productsOf(vendors.one as string, ['HDR-1'])).length;
    const header = await runImport('sku,title,colour\nHDR-1,Thing,red\n');
    expect(header).toMatchObject({ status: 'failed', processedRows: 0, createdCount: 0 });
    expect(header.errors).toEqual([
      {
        row: 1,
        field: 'file',
        message: expect.stringMatching(/missing columns description, .*unknown column colour/),
      },
    ]);
    const broken = await runImport(`${HEADER}\nHDR-1,"unclosed,,,piece,1,1,0,0,EUR,1.00,,,\n`);
    expect(broken.status).toBe('failed');
    expect(broken.errors[0]).toMatchObject({
      row: 0,
      field: 'file',
      message: expect.stringMatching(/not valid CSV/),
    });
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode(`${HEADER}\nHDR-1,Caf`),
      0xe9,
      ...new TextEncoder().encode(',,,piece,1,1,0,0,EUR,1.00,,,\n'),
    ]);
    const notUtf8 = await runImport(latin1);
    expect(notUtf8.errors[0].message).toMatch(/not UTF-8/);
    expect(await count()).toBe(0);
  });

  it('keeps publishing to approved vendors: a pending vendor imports drafts only', async () => {
    const result = await runImport(
      [
        HEADER,
        'P-1,Draft ok,,,piece,1,1,0,0,EUR,1.00,,,draft',
        'P-2,Wants publishing,,,piece,1,1,0,0,EUR,1.00,,,published',
      ].join('\n'),
      tk.pending,
    );
    expect(result).toMatchObject({ createdCount: 1, errorRows: 1 });
    expect(result.errors).toEqual([
      { row: 3, field: 'status', message: expect.stringMatching(/not approved yet/) },
    ]);
  });

  it('takes multipart files, and refuses empty, oversized and non-CSV bodies', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([`${HEADER}\nMP-1,Multipart,,,piece,1,1,0,0,EUR,1.00,,,\n`], { type: 'text/csv' }),
      'p.csv',
    );
    const res = await send(h, A, '/api/v1/vendor/imports', { method: 'POST', token: tk.one, body: form });
    expect(res.status).toBe(202);
    const { id } = await body(res);
    await eventually(
      async () =>
        (await body(await h.call(A, `/api/v1/vendor/imports/${id}`, { token: tk.one }))).status === 'done',
    );

    expect((await upload('')).status).toBe(400);
    expect((await upload('{}', tk.one, 'application/json')).status).toBe(415);
    // Beyond the body limit (the file's 20 MB plus the multipart allowance): 413, cut off unread.
    const big = await upload(new Uint8Array(20 * 1024 * 1024 + 100 * 1024).fill(0x61));
    expect(big.status).toBe(413);
    expect((await body(big)).error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringMatching(/20 MB/),
    });
  });

  it("shows an import to its vendor only, and lists the vendor's latest imports", async () => {
    const result = await runImport(`${HEADER}\nOWN-1,Own,,,piece,1,1,0,0,EUR,1.00,,,\n`);
    expect((await h.call(A, `/api/v1/vendor/imports/${result.id}`, { token: tk.two })).status).toBe(404);
    expect((await h.call(A, `/api/v1/vendor/imports/${result.id}`, { token: tk.op })).status).toBe(403);
    expect((await h.call(A, `/api/v1/vendor/imports/${result.id}`)).status).toBe(401);
    const list = await body(await h.call(A, '/api/v1/vendor/imports', { token: tk.one }));
    expect(list.data[0]).toMatchObject({ id: result.id, status: 'done', createdCount: 1 });
    expect(list.data[0]).not.toHaveProperty('errors');
    expect(
      (await body(await h.call(A, '/api/v1/vendor/imports', { token: tk.two }))).data.map((i: any) => i.id),
    ).not.toContain(result.id);
  });
});

describe('listing imports', () => {
  const lister: Record<string, string> = {};
  const list = async (query: string, token = lister.staff) =>
    h.call(A, `/api/v1/vendor/imports${query}`, { token });
  /** Every page at `limit`, following nextCursor to the end. */
  async function allPages(limit: number, token = lister.staff) {
    const pages: any[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await list(
        `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        token,
      );
      expect(res.status).toBe(200);
      const page = await body(res);
      pages.push(page);
      cursor = page.nextCursor;
      expect(pages.length).toBeLessThan(20);
    }
    return pages;
  }
  const cursorOf = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
  const direct: string[] = [];
  const uploaded: string[] = [];
  let otherVendors: string;

  beforeAll(async () => {
    lister.vendor = await addVendor(h, a, 'Importer Lister');
    lister.admin = await userToken(h, a, 'vendor_admin', lister.vendor);
    lister.staff = await userToken(h, a, 'vendor_staff', lister.vendor);
    // Finished imports from long ago, three started in the same microsecond (only the id orders
    // them) and one a microsecond later (a millisecond cursor would skip the other three).
    const at = (us: string) => sql`${`2020-01-01T00:00:00.${us}Z`}::timestamptz`;
    const errors = [
      { row: 0, field: 'file', message: 'x' },
      { row: 2, field: 'sku', message: 'x' },
      { row: 2, field: 'title', message: 'x' },
      { row: 4, field: 'unit', message: 'x' },
    ];
    const rows = [
      { id: 'imp_listtest00000a', createdAt: at('000001'), processedRows: 5, errors },
      { id: 'imp_listtest00000c', createdAt: at('000001'), processedRows: 3, errors },
      { id: 'imp_listtest00000b', createdAt: at('000001'), processedRows: 3, errors: [] },
      { id: 'imp_listtest00000d', createdAt: at('000002'), processedRows: 2, errors: [] },
    ];
    await withTenant(h.runtime.database, a, ({ db, t }) =>
      db.insert(t.catalogImports).values(
        rows.map((r) => ({
          ...r,
          vendorId: lister.vendor as string,
          fileKey: importFileKey(a.id, r.id),
          status: 'done' as const,
          totalRows: r.processedRows,
          createdCount: 1,
          updatedCount: 0,
          updatedAt: r.createdAt,
        })),
      ),
    );
    direct.push('imp_listtest00000d', 'imp_listtest00000c', 'imp_listtest00000b', 'imp_listtest00000a');
    // Uploads, one after another, with another vendor's in between.
    for (let n = 0; n < 4; n++) {
      const res = await upload(`${HEADER}\nLIST-${n},Listed,,,piece,1,1,0,0,EUR,1.00,,,\n`, lister.admin);
      expect(res.status).toBe(202);
      uploaded.unshift((await body(res)).id);
      expect((await upload(`${HEADER}\nOTHER-${n},Other,,,piece,1,1,0,0,EUR,1.00,,,\n`, tk.two)).status).toBe(
        202,
      );
    }
    // Finished, so that the list and each import read later agree.
    for (const id of uploaded)
      await eventually(async () => (await body(await list(`/${id}`))).status === 'done', {
        what: `import ${id}`,
      });
    otherVendors = (await body(await list('', tk.two))).data.map((i: any) => i.id);
    expect(otherVendors.length).toBeGreaterThanOrEqual(4);
  });

  it("pages through all of the vendor's imports, newest first, with no duplicates or gaps", async () => {
    const pages = await allPages(3);
    expect(pages.map((p) => p.data.length)).toEqual([3, 3, 2]);
    expect(pages.at(-1).nextCursor).toBeNull();
    const ids = pages.flatMap((p) => p.data.map((i: any) => i.id));
    expect(ids).toEqual([...uploaded, ...direct]);
    // Every page size walks the same list.
    for (const limit of [1, 2, 7, 8, 100])
      expect(
        (await allPages(limit)).flatMap((p) => p.data.map((i: any) => i.id)),
        `limit ${limit}`,
      ).toEqual(ids);
    // Without a limit: 20 at most, and here all of them on one page.
    const first = await body(await list(''));
    expect(first.data.map((i: any) => i.id)).toEqual(ids);
    expect(first.nextCursor).toBeNull();
  });

  it('lists each import as GET /vendor/imports/{id} shows it, without the error entries', async () => {
    const page = await body(await list('?limit=100'));
    for (const item of page.data) {
      const { errors, ...one } = await body(
        await h.call(A, `/api/v1/vendor/imports/${item.id}`, { token: lister.staff }),
      );
      expect(errors).toBeInstanceOf(Array);
      expect(item, item.id).toEqual(one);
    }
    const byId = Object.fromEntries(page.data.map((i: any) => [i.id, i]));
    // 5 rows, 1 created: 4 with errors, 2 of them listed (rows 2 and 4; row 0 is the file).
    expect(byId.imp_listtest00000a).toMatchObject({ errorRows: 4, errorsTruncated: true });
    // 3 rows, 1 created: 2 with errors, both listed.
    expect(byId.imp_listtest00000c).toMatchObject({ errorRows: 2, errorsTruncated: false });
    expect(byId.imp_listtest00000d).toMatchObject({ errorRows: 1, errorsTruncated: true });
    expect(byId.imp_listtest00000a.createdAt).toBe('2020-01-01T00:00:00.000Z');
  });

  it("never lists another vendor's imports, not even from that vendor's cursor", async () => {
    const ids = (await allPages(2)).flatMap((p) => p.data.map((i: any) => i.id));
    for (const id of otherVendors) expect(ids).not.toContain(id);
    const theirs = await body(await list('?limit=1', tk.two));
    expect(theirs.nextCursor).toEqual(expect.any(String));
    const mine = await body(await list(`?limit=100&cursor=${theirs.nextCursor}`));
    expect(mine.data.length).toBeGreaterThan(0);
    for (const i of mine.data) expect([...uploaded, ...direct]).toContain(i.id);
    // And the other way round.
    const other = await body(
      await list(`?limit=100&cursor=${cursorOf(['2030-01-01T00:00:00.000000Z', 'imp_z'])}`, tk.two),
    );
    for (const i of other.data) expect([...uploaded, ...direct]).not.toContain(i.id);
    expect((await list('', tk.op)).status).toBe(403);
    expect((await h.call(A, '/api/v1/vendor/imports')).status).toBe(401);
  });

  it('answers 400 naming `cursor` for a cursor that is not one, and naming `limit` outside 1-100', async () => {
    for (const cursor of [
      'not-a-cursor!',
      cursorOf(['2020-01-01T00:00:00.000001Z']),
      cursorOf(['2020-01-01T00:00:00.000001Z', 7]),
      cursorOf(['yesterday', 'imp_listtest00000a']),
      cursorOf(['2020-02-30T00:00:00.000000Z', 'imp_listtest00000a']),
      cursorOf(['2020-01-01T24:00:00.000000Z', 'imp_listtest00000a']),
      'x'.repeat(501),
    ]) {
      const res = await list(`?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, cursor).toBe(400);
      const { error } = await body(res);
      expect(error.code).toBe('validation_failed');
      expect(error.details.fields.map((f: any) => f.path)).toEqual(['cursor']);
    }
    for (const limit of ['0', '101', '2.5', 'many']) {
      const res = await list(`?limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect((await body(res)).error.details.fields.map((f: any) => f.path)).toEqual(['limit']);
    }
    // Empty parameters (an HTML form's) count as absent.
    expect((await list('?cursor=&limit=')).status).toBe(200);
  });

  it('documents `cursor`, `limit` and the page shape in the OpenAPI document', async () => {
    const doc = await body(await h.call(A, '/api/v1/openapi.json'));
    const op = doc.paths['/vendor/imports'].get;
    expect(op.parameters.map((p: any) => [p.name, p.in])).toEqual([
      ['cursor', 'query'],
      ['limit', 'query'],
    ]);
    expect(op.responses).toHaveProperty('400');
    const page = op.responses['200'].content['application/json'].schema;
    expect(page.$ref).toBe('#/components/schemas/CatalogImportPage');
    expect(Object.keys(doc.components.schemas.CatalogImportPage.properties)).toEqual(['data', 'nextCursor']);
  });
});

describe('import job runs', () => {
  /** An import row and its file, without a queued job (the test runs it by hand). */
  async function stagedImport(id: string, csv: string) {
    await h.runtime.files.put(importFileKey(a.id, id), new TextEncoder().encode(csv), 'text/csv');
    await withTenant(h.runtime.database, a, ({ db, t }) =>
      db
        .insert(t.catalogImports)
        .values({ id, vendorId: vendors.one as string, fileKey: importFileKey(a.id, id), status: 'queued' }),
    );
  }

  it('resumes after a crash between batches without duplicating or losing rows, counts exact', async () => {
    const lines = Array.from({ length: 9 }, (_, i) =>
      i === 4
        ? `CRASH-${i},,,,piece,1,1,0,0,EUR,1.00,,,`
        : `CRASH-${i},Item ${i},,,piece,1,1,0,0,EUR,1.00,,,`,
    );
    // CRASH-0 exists already: it is an update, not a creation.
    await runImport(`${HEADER}\nCRASH-0,Before,,,piece,1,1,0,0,EUR,1.00,,,\n`);
    await stagedImport('imp_crashtest000001', [HEADER, ...lines].join('\n'));

    let calls = 0;
    await expect(
      runCatalogImport(h.runtime, a, 'imp_crashtest000001', {
        batchSize: 2,
        afterBatch: () => {
          calls++;
          if (calls === 2) throw new Error('worker died');
        },
      }),
    ).rejects.toThrow('worker died');
    const midway = await body(
      await h.call(A, '/api/v1/vendor/imports/imp_crashtest000001', { token: tk.one }),
    );
    expect(midway).toMatchObject({ status: 'running', processedRows: 4, totalRows: 9 });

    const done = await runCatalogImport(h.runtime, a, 'imp_crashtest000001', { batchSize: 2 });
    expect(done).toMatchObject({
      status: 'done',
      totalRows: 9,
      processedRows: 9,
      createdCount: 7,
      updatedCount: 1,
      errorRows: 1,
    });
    expect(done.errors).toEqual([{ row: 6, field: 'title', message: 'must not be empty' }]);
    const rows = await productsOf(
      vendors.one as string,
      lines.map((_, i) => `CRASH-${i}`),
    );
    expect(rows).toHaveLength(8);
    // A finished import is not run again.
    const again = await runCatalogImport(h.runtime, a, 'imp_crashtest000001', { batchSize: 2 });
    expect(again).toEqual(done);
  });

  it('marks the import failed when its last attempt fails, keeping what was applied', async () => {
    const id = 'imp_crashtest000003';
    await stagedImport(
      id,
      [HEADER, 'LAST-1,One,,,piece,1,1,0,0,EUR,1.00,,,', 'LAST-2,Two,,,piece,1,1,0,0,EUR,1.00,,,'].join('\n'),
    );
    const run = runCatalogImportJob(
      h.runtime,
      { tenantId: a.id, importId: id },
      {
        batchSize: 1,
        finalAttempt: true,
        afterBatch: () => {
          throw new Error('database went away');
        },
      },
    );
    await expect(run).rejects.toThrow('database went away');
    const state = await body(await h.call(A, `/api/v1/vendor/imports/${id}`, { token: tk.one }));
    expect(state).toMatchObject({ status: 'failed', processedRows: 1, createdCount: 1 });
    expect(state.errors).toEqual([
      { row: 0, field: 'file', message: expect.stringMatching(/Upload the file again/) },
    ]);
  });
});
