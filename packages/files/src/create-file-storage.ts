import type { Config } from '@agora/config';
import { LocalDiskStorage } from './local-disk.js';
import { S3Storage } from './s3.js';
import type { FileStorage } from './storage.js';

/** S3 when S3_BUCKET is configured, otherwise the local directory `${AGORA_DATA_DIR}/files`. */
export function createFileStorage(config: Pick<Config, 'files'>): FileStorage {
  return config.files.s3 ? new S3Storage(config.files.s3) : new LocalDiskStorage(config.files.dir);
}
