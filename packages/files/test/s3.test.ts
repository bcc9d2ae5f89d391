import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@agora/config';
import S3rver from 's3rver';
import { expect, it } from 'vitest';
import { createFileStorage, S3Storage } from '../src/index.js';
import { fileStorageContract } from './storage-contract.js';

const BUCKET = 'agora-test';

/** A real S3 API (s3rver, files in a temp dir) on a free loopback port. */
async function startS3() {
  const dir = mkdtempSync(join(tmpdir(), 'agora-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  return {
    env: {
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      // s3rver's fixed development credentials.
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

fileStorageContract('S3Storage', async () => {
  const s3 = await startS3();
  const storage = createFileStorage(loadConfig(s3.env));
  return {
    storage,
    teardown: async () => {
      await (storage as S3Storage).close();
      await s3.stop();
    },
  };
});

it('createFileStorage picks S3 when S3_BUCKET is set', async () => {
  const storage = createFileStorage(loadConfig({ S3_BUCKET: 'b', S3_ENDPOINT: 'http://127.0.0.1:1' }));
  expect(storage).toBeInstanceOf(S3Storage);
  await (storage as S3Storage).close();
});

it('creates its bucket on first write when there is none (a fresh MinIO)', async () => {
  const s3 = await startS3();
  const storage = createFileStorage(loadConfig({ ...s3.env, S3_BUCKET: 'fresh-bucket' })) as S3Storage;
  try {
    expect(await storage.get('a/b.txt')).toBeNull();
    await storage.put('a/b.txt', new TextEncoder().encode('hi'), 'text/plain');
    expect(new TextDecoder().decode((await storage.get('a/b.txt'))!.bytes)).toBe('hi');
  } finally {
    await storage.close();
    await s3.stop();
  }
});

it('deletes through DeleteObject, and a missing key or bucket is not an error', async () => {
  const s3 = await startS3();
  const storage = createFileStorage(loadConfig(s3.env)) as S3Storage;
  const fresh = createFileStorage(loadConfig({ ...s3.env, S3_BUCKET: 'no-such-bucket' })) as S3Storage;
  try {
    await storage.put('tenants/ten_a/logo/old.png', new Uint8Array([1, 2, 3]), 'image/png');
    await storage.put('tenants/ten_a/logo/new.png', new Uint8Array([4]), 'image/png');
    await storage.delete('tenants/ten_a/logo/old.png');
    expect(await storage.exists('tenants/ten_a/logo/old.png')).toBe(false);
    expect(await storage.get('tenants/ten_a/logo/old.png')).toBeNull();
    expect(await storage.exists('tenants/ten_a/logo/new.png')).toBe(true);
    await expect(storage.delete('tenants/ten_a/logo/old.png')).resolves.toBeUndefined();
    await expect(storage.delete('tenants/ten_a/never/stored.png')).resolves.toBeUndefined();
    await expect(fresh.delete('tenants/ten_a/logo/old.png')).resolves.toBeUndefined();
  } finally {
    await storage.close();
    await fresh.close();
    await s3.stop();
  }
});
