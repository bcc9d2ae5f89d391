import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileStorage, InvalidFileKeyError } from '../src/index.js';

/**
 * What every FileStorage must do, run against each implementation. A new backend passes this
 * suite before it is used.
 */
export function fileStorageContract(
  name: string,
  setup: () => Promise<{ storage: FileStorage; teardown(): Promise<void> }>,
) {
  describe(`${name} (FileStorage contract)`, () => {
    let storage: FileStorage;
    let teardown: () => Promise<void>;
    const key = (k: string) => `contract/${name.toLowerCase().replace(/\W+/g, '-')}/${k}`;

    beforeAll(async () => {
      ({ storage, teardown } = await setup());
    });
    afterAll(() => teardown?.());

    it('returns the bytes and content type it stored', async () => {
      const bytes = new Uint8Array(256).map((_, i) => i);
      await storage.put(key('all-bytes.bin'), bytes, 'application/octet-stream');
      const file = await storage.get(key('all-bytes.bin'));
      expect(file?.contentType).toBe('application/octet-stream');
      expect(Buffer.from(file!.bytes).equals(Buffer.from(bytes))).toBe(true);
    });

    it('round-trips a 1 MB file unchanged', async () => {
      const bytes = new Uint8Array(randomBytes(1024 * 1024));
      await storage.put(key('big.bin'), bytes, 'application/pdf');
      const file = await storage.get(key('big.bin'));
      expect(file?.bytes.byteLength).toBe(bytes.byteLength);
      expect(Buffer.from(file!.bytes).equals(Buffer.from(bytes))).toBe(true);
    });

    it('stores an empty file', async () => {
      await storage.put(key('empty.txt'), new Uint8Array(), 'text/plain');
      expect(await storage.exists(key('empty.txt'))).toBe(true);
      expect((await storage.get(key('empty.txt')))?.bytes.byteLength).toBe(0);
    });

    it('answers null and false for a file that was never stored', async () => {
      expect(await storage.get(key('never.png'))).toBeNull();
      expect(await storage.exists(key('never.png'))).toBe(false);
    });

    it('replaces a file, content type included', async () => {
      await storage.put(key('logo'), new Uint8Array([1, 2, 3]), 'image/png');
      await storage.put(key('logo'), new Uint8Array([4, 5]), 'image/svg+xml');
      const file = await storage.get(key('logo'));
      expect(file?.contentType).toBe('image/svg+xml');
      expect([...file!.bytes]).toEqual([4, 5]);
    });

    it('deletes a file, and deleting a missing file is not an error', async () => {
      await storage.put(key('gone.txt'), new TextEncoder().encode('bye'), 'text/plain; charset=utf-8');
      expect(await storage.exists(key('gone.txt'))).toBe(true);
      await storage.delete(key('gone.txt'));
      expect(await storage.exists(key('gone.txt'))).toBe(false);
      expect(await storage.get(key('gone.txt'))).toBeNull();
      await expect(storage.delete(key('gone.txt'))).resolves.toBeUndefined();
    });

    it('keeps files under different keys apart', async () => {
      await Promise.all(
        ['a', 'b', 'c'].map((k) =>
          storage.put(key(`many/${k}.txt`), new TextEncoder().encode(k), 'text/plain'),
        ),
      );
      for (const k of ['a', 'b', 'c']) {
        expect(new TextDecoder().decode((await storage.get(key(`many/${k}.txt`)))!.bytes)).toBe(k);
      }
    });

    it.each([
      '',
      '../outside.txt',
      'a/../../outside.txt',
      '/etc/passwd',
      'a//b',
      'a/./b',
      'a/',
      '.hidden',
      'a\\b',
      'a/b c',
      'tenants/%2e%2e/x',
      'x'.repeat(600),
    ])('rejects the key %j in every operation', async (bad) => {
      const bytes = new Uint8Array([1]);
      await expect(storage.put(bad, bytes, 'text/plain')).rejects.toThrow(InvalidFileKeyError);
      await expect(storage.get(bad)).rejects.toThrow(InvalidFileKeyError);
      await expect(storage.exists(bad)).rejects.toThrow(InvalidFileKeyError);
      await expect(storage.delete(bad)).rejects.toThrow(InvalidFileKeyError);
    });

    it('rejects a content type that is not one', async () => {
      await expect(
        storage.put(key('x.txt'), new Uint8Array([1]), 'text/plain\r\nX-Evil: 1'),
      ).rejects.toThrow();
      await expect(storage.put(key('x.txt'), new Uint8Array([1]), '')).rejects.toThrow();
    });
  });
}
