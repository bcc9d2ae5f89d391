export { createFileStorage } from './create-file-storage.js';
export { LocalDiskStorage } from './local-disk.js';
export { S3Storage } from './s3.js';
export { SIGNED_FILES_PATH, signFileUrl, verifyFileSignature } from './signing.js';
export {
  assertFileKey,
  type FileStorage,
  InvalidFileKeyError,
  isValidFileKey,
  type StoredFile,
} from './storage.js';
