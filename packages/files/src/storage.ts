/** A stored file: its bytes and the content type it was stored with. */
export type StoredFile = { bytes: Uint8Array; contentType: string };

/**
 * Where files (logos, images, documents) live. Keys are relative, slash-separated paths such as
 * `tenants/<tenantId>/logo/<hash>.png`; every implementation validates them with `assertFileKey`.
 */
export interface FileStorage {
  /** Store `bytes` under `key`, replacing any file already there. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file, or null when there is none. */
  get(key: string): Promise<StoredFile | null>;
  /** Remove the file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class InvalidFileKeyError extends Error {
  override name = 'InvalidFileKeyError';
}

// Each segment starts with a letter, digit or underscore: no '.', '..', hidden files or empty
// segments, so a key can never leave the storage root or mean different things on disk and in S3.
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** Returns `key` if it is a valid storage key, else throws InvalidFileKeyError. */
export function assertFileKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) {
    throw new InvalidFileKeyError('A file key must be 1 to 512 characters');
  }
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment)) {
      throw new InvalidFileKeyError(
        `Invalid file key ${JSON.stringify(key)}: use relative paths of letters, digits, '.', '_' and '-'`,
      );
    }
  }
  return key;
}

export const isValidFileKey = (key: string) => {
  try {
    assertFileKey(key);
    return true;
  } catch {
    return false;
  }
};

const CONTENT_TYPE =
  /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9_.-]+=[a-z0-9_.-]+)*$/i;

export function assertContentType(contentType: string): string {
  if (!CONTENT_TYPE.test(contentType)) {
    throw new InvalidFileKeyError(`Invalid content type ${JSON.stringify(contentType)}`);
  }
  return contentType;
}
