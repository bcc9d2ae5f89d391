import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  deleteOrphanedFiles,
  emitEvent,
  keepStoredFile,
  lockFileKey,
  logoKey,
  outboxJobId,
  relayOutboxBatch,
} from '@agora/core';
import { withTenant } from '@agora/db';
import { startWorkers, type WorkerHandle } from '@agora/provisioning';
import { eventually, tinyJpeg, tinyPng } from '@agora/testing';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVendor, body, host, PRODUCT, send, type T, userToken } from './catalog-helpers.js';
import { type ApiHarness, createApiHarness } from './harness.js';

// Replaced logos and deleted product images are deleted from storage after the change commits,
// through a `file.orphaned` outbox event and the `files.delete.v1` job, unless something still
// uses the file by then.
let h: ApiHarness;
let worker: WorkerHandle | undefined;
let dataDir: string;
let a: T;
let A: string;
const tk: Record<string, string> = {};
let vendorId: string;

const sha = (bytes: Uint8Array, n: number) => createHash('sha256').update(bytes).digest('hex').slice(0, n);
const logoOf = (bytes: Uint8Array, ext: string) => logoKey(a.id, `${sha(bytes, 16)}.${ext}`);
const imageOf = (bytes: Uint8Array) => `tenants/${a.id}/products/${sha(bytes, 24)}.png`;
/** Whether the local storage directory has the file (the bytes, not only the sidecar). */
const onDisk = (key: string) => existsSync(join(dataDir, 'files', 'objects', key));

const uploadLogo = (bytes: Uint8Array, type: string) =>
  send(h, A, '/api/v1/settings/logo', {
    method: 'PUT',
    token: tk.op,
    type,
    body: bytes as Uint8Array<ArrayBuffer>,
  });
const addImage = (productId: string, bytes: Uint8Array) =>
  send(h, A, `/api/v1/vendor/products/${productId}/images`, {
    method: 'POST',
    token: tk.ven,
    type: 'image/png',
    body: bytes as Uint8Array<ArrayBuffer>,
  });
const deleteImage = (productId: string, position: number) =>
  h.call(A, `/api/v1/vendor/products/${productId}/images/${position}`, { method: 'DELETE', token: tk.ven });

async function createProduct(sku: string): Promise<string> {
  const res = await h.call(A, '/api/v1/vendor/products', { body: { ...PRODUCT, sku }, token: tk.ven });
  expect(res.status).toBe(201);
  return (await body(res)).id;
}

/** The id of the newest `file.orphaned` event. */
async function lastOrphanedEvent(): Promise<number> {
  const [row] = await withTenant(h.runtime.database, a, ({ db, t }) =>
    db
      .select({ id: t.outbox.id })
      .from(t.outbox)
      .where(eq(t.outbox.topic, 'file.orphaned'))
      .orderBy(desc(t.outbox.id))
      .limit(1),
  );
  if (!row) throw new Error('no file.orphaned event');
  return row.id;
}

/** Wait for the files job of an event to finish; its outcome. */
const jobDone = (outboxId: number) =>
  eventually(
    async () => {
      const job = await h.runtime.jobs.queue('files').getJob(outboxJobId(a.id, outboxId));
      return job && (await job.isCompleted())
        ? (job.returnvalue as { deleted: string[]; kept: string[] })
        : null;
    },
    { what: `the files job of event ${outboxId}` },
  );

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'agora-orphans-'));
  // Default config: files wait AGORA_FILE_DELETE_DELAY_S (15 minutes) before they are deleted.
  h = await createApiHarness({ AGORA_DATA_DIR: dataDir });
  a = await h.activeTenant('orph-a', 'Orphan Market');
  A = host(a);
  vendorId = await addVendor(h, a, 'Image Vendor');
  tk.op = await userToken(h, a, 'operator');
  tk.ven = await userToken(h, a, 'vendor_admin', vendorId);
});
afterAll(async () => {
  await worker?.close();
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('before a worker runs', () => {
  it('writes the event with the change and delays the delete job by AGORA_FILE_DELETE_DELAY_S', async () => {
    const first = tinyPng([1, 2, 3, 255]);
    expect((await uploadLogo(first, 'image/png')).status).toBe(200);
    expect((await uploadLogo(tinyJpeg(), 'image/jpeg')).status).toBe(200);
    const eventId = await lastOrphanedEvent();
    const [event] = await withTenant(h.runtime.database, a, ({ db, t }) =>
      db.select().from(t.outbox).where(eq(t.outbox.id, eventId)),
    );
    expect(event?.payload).toEqual({ keys: [logoOf(first, 'png')] });

    await relayOutboxBatch(h.runtime, a);
    const job = await h.runtime.jobs.queue('files').getJob(outboxJobId(a.id, eventId));
    expect(await job?.getState()).toBe('delayed');
    expect(job?.opts.delay).toBe(900_000);
    expect(onDisk(logoOf(first, 'png'))).toBe(true);
    // Run it now, as it would in 15 minutes.
    await job?.promote();
  });
});

describe('with a worker', () => {
  beforeAll(async () => {
    // After provisioning in-process (a worker would race it), and without the delay.
    const config = { ...h.config, files: { ...h.config.files, deleteDelayMs: 0 } };
    worker = await startWorkers({ ...h.runtime, config });
  });

  it('deletes the replaced logo once the delayed job runs', async () => {
    await eventually(async () => !onDisk(logoOf(tinyPng([1, 2, 3, 255]), 'png')), {
      what: 'the first logo to be deleted',
    });
    expect(onDisk(logoOf(tinyJpeg(), 'jpg'))).toBe(true);
  });

  it('deletes a replaced logo, then a removed one, after the change commits', async () => {
    const next = tinyPng([9, 9, 9, 255]);
    const res = await uploadLogo(next, 'image/png');
    expect(res.status).toBe(200);
    await eventually(async () => !onDisk(logoOf(tinyJpeg(), 'jpg')), {
      what: 'the replaced logo to be deleted',
    });
    const { theme } = await body(res);
    expect((await h.call(A, theme.logoUrl)).status).toBe(200);

    expect((await send(h, A, '/api/v1/settings/logo', { method: 'DELETE', token: tk.op })).status).toBe(200);
    await eventually(async () => !onDisk(logoOf(next, 'png')), { what: 'the removed logo to be deleted' });
    expect((await h.call(A, theme.logoUrl)).status).toBe(404);
  });

  it('keeps a logo that is the logo again by the time the job runs', async () => {
    const bytes = tinyPng([4, 4, 4, 255]);
    expect((await uploadLogo(bytes, 'image/png')).status).toBe(200);
    await withTenant(h.runtime.database, a, (tx) =>
      emitEvent(tx, 'file.orphaned', { keys: [logoOf(bytes, 'png')] }),
    );
    expect(await jobDone(await lastOrphanedEvent())).toEqual({ deleted: [], kept: [logoOf(bytes, 'png')] });
    expect(onDisk(logoOf(bytes, 'png'))).toBe(true);
  });

  it('deletes a removed product image once no product uses the same file', async () => {
    const [one, two] = [await createProduct('ORPH-1'), await createProduct('ORPH-2')];
    const shared = tinyPng([7, 7, 7, 255]);
    const own = tinyPng([8, 8, 8, 255]);
    expect((await addImage(one, shared)).status).toBe(201);
    expect((await addImage(one, own)).status).toBe(201);
    expect((await addImage(two, shared)).status).toBe(201);

    // Product two still shows the shared image.
    expect((await deleteImage(one, 0)).status).toBe(200);
    expect(await jobDone(await lastOrphanedEvent())).toEqual({ deleted: [], kept: [imageOf(shared)] });
    expect(onDisk(imageOf(shared))).toBe(true);

    expect((await deleteImage(one, 0)).status).toBe(200);
    await eventually(async () => !onDisk(imageOf(own)), { what: "product one's own image to be deleted" });

    expect((await deleteImage(two, 0)).status).toBe(200);
    await eventually(async () => !onDisk(imageOf(shared)), { what: 'the shared image to be deleted' });
    expect((await h.call(A, `/media/products/${sha(shared, 24)}.png`)).status).toBe(404);
  });
});

describe('the delete job', () => {
  const payload = (keys: string[]) => ({
    tenantId: a.id,
    outboxId: 1,
    topic: 'file.orphaned',
    payload: { keys },
  });

  it('waits for a writer holding the key and keeps the file it started to use', async () => {
    const product = await createProduct('ORPH-LOCK');
    const bytes = tinyPng([5, 5, 5, 255]);
    const key = imageOf(bytes);
    await h.runtime.files.put(key, bytes, 'image/png');

    let locked!: () => void;
    let release!: () => void;
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    const released = new Promise<void>((r) => {
      release = r;
    });
    const writer = withTenant(h.runtime.database, a, async (tx) => {
      await lockFileKey(tx, key);
      locked();
      await released;
      await tx.db.insert(tx.t.productImages).values({ productId: product, position: 0, fileKey: key });
    });
    await isLocked;
    const deleting = deleteOrphanedFiles(h.runtime, payload([key]));
    await new Promise((r) => setTimeout(r, 200));
    release();
    await writer;
    expect(await deleting).toEqual({ deleted: [], kept: [key] });
    expect(onDisk(key)).toBe(true);
  });

  it("puts a file back for a writer when it was deleted after the writer's upload", async () => {
    const bytes = tinyPng([6, 6, 6, 255]);
    const key = imageOf(bytes);
    await h.runtime.files.put(key, bytes, 'image/png');
    expect(await deleteOrphanedFiles(h.runtime, payload([key]))).toEqual({ deleted: [key], kept: [] });
    expect(onDisk(key)).toBe(false);
    await withTenant(h.runtime.database, a, (tx) =>
      keepStoredFile(tx, h.runtime.files, key, bytes, 'image/png'),
    );
    expect(onDisk(key)).toBe(true);
  });

  it("never deletes another tenant's files, whatever the event says", async () => {
    const foreign = 'tenants/ten_someoneelse/logo/0123456789abcdef.png';
    await h.runtime.files.put(foreign, tinyPng(), 'image/png');
    expect(await deleteOrphanedFiles(h.runtime, payload([foreign]))).toEqual({
      deleted: [],
      kept: [foreign],
    });
    expect(onDisk(foreign)).toBe(true);
  });

  it('treats a file that is already gone as deleted', async () => {
    const key = `tenants/${a.id}/products/${'0'.repeat(24)}.png`;
    expect(await deleteOrphanedFiles(h.runtime, payload([key]))).toEqual({ deleted: [key], kept: [] });
  });

  it('orphans a logo once: removing it twice writes one event', async () => {
    const count = async () =>
      (
        await withTenant(h.runtime.database, a, ({ db, t }) =>
          db.select({ id: t.outbox.id }).from(t.outbox).where(eq(t.outbox.topic, 'file.orphaned')),
        )
      ).length;
    const before = await count();
    // The second time there is no logo left to orphan.
    await send(h, A, '/api/v1/settings/logo', { method: 'DELETE', token: tk.op });
    await send(h, A, '/api/v1/settings/logo', { method: 'DELETE', token: tk.op });
    expect(await count()).toBe(before + 1);
  });
});
