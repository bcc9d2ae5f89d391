import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalDiskStorage } from '../src/index.js';
import { fileStorageContract } from './storage-contract.js';

fileStorageContract('LocalDiskStorage', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agora-files-'));
  return {
    storage: new LocalDiskStorage(dir),
    teardown: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('LocalDiskStorage on disk', () => {
  it('keeps the content type in a sidecar and writes nothing outside its root', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'agora-files-'));
    try {
      const storage = new LocalDiskStorage(join(parent, 'root'));
      await storage.put('tenants/t1/logo/abc.svg', new TextEncoder().encode('<svg/>'), 'image/svg+xml');
      await expect(storage.put('../escaped.txt', new Uint8Array([1]), 'text/plain')).rejects.toThrow();
      expect(readdirSync(parent)).toEqual(['root']);
      expect(
        JSON.parse(readFileSync(join(parent, 'root/meta/tenants/t1/logo/abc.svg.json'), 'utf8')),
      ).toEqual({
        contentType: 'image/svg+xml',
      });
      expect(readFileSync(join(parent, 'root/objects/tenants/t1/logo/abc.svg'), 'utf8')).toBe('<svg/>');
      expect(readdirSync(join(parent, 'root/tmp'))).toEqual([]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
