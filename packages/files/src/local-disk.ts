import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { assertContentType, assertFileKey, type FileStorage, type StoredFile } from './storage.js';

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException)?.code === 'ENOENT';

/**
 * Files in a local directory (the default; `${AGORA_DATA_DIR}/files`):
 *   objects/<key>       the bytes
 *   meta/<key>.json     `{ contentType }` (a sidecar, so keys need no extension)
 *   tmp/                writes land here first and are renamed into place, so a reader never
 *                       sees half a file.
 * The bytes are written before the sidecar and a file counts as present only with both.
 */
export class LocalDiskStorage implements FileStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private paths(key: string) {
    assertFileKey(key);
    const objects = join(this.root, 'objects');
    const data = join(objects, key);
    // Keys are validated above; this is a second lock on the same door.
    if (!data.startsWith(objects + sep)) throw new Error(`file key escapes the storage root: ${key}`);
    return { data, meta: join(this.root, 'meta', `${key}.json`) };
  }

  private async writeAtomic(path: string, bytes: Uint8Array | string) {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomBytes(12).toString('hex'));
    try {
      await writeFile(tmp, bytes);
      await mkdir(dirname(path), { recursive: true });
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const { data, meta } = this.paths(key);
    assertContentType(contentType);
    await this.writeAtomic(data, bytes);
    await this.writeAtomic(meta, JSON.stringify({ contentType }));
  }

  async get(key: string): Promise<StoredFile | null> {
    const { data, meta } = this.paths(key);
    try {
      const [sidecar, bytes] = await Promise.all([readFile(meta, 'utf8'), readFile(data)]);
      const { contentType } = JSON.parse(sidecar) as { contentType: string };
      return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType };
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    const { data, meta } = this.paths(key);
    // Sidecar first: a half-deleted file is then already "missing".
    await rm(meta, { force: true });
    await rm(data, { force: true });
  }

  async exists(key: string): Promise<boolean> {
    const { data, meta } = this.paths(key);
    try {
      await Promise.all([stat(meta), stat(data)]);
      return true;
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
  }
}
