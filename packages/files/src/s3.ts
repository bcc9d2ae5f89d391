import type { S3Config } from '@agora/config';
import type { S3Client } from '@aws-sdk/client-s3';
import { assertContentType, assertFileKey, type FileStorage, type StoredFile } from './storage.js';

type Sdk = typeof import('@aws-sdk/client-s3');
// The SDK takes ~170 ms to import; processes that store files locally never load it.
let sdk: Promise<Sdk> | undefined;
const loadSdk = () => {
  sdk ??= import('@aws-sdk/client-s3');
  return sdk;
};

const errorName = (e: unknown) => (e as { name?: string })?.name;
const isNotFound = (e: unknown) =>
  (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404 ||
  errorName(e) === 'NoSuchKey' ||
  errorName(e) === 'NotFound';

/** Files in an S3 bucket (AWS, MinIO, or any S3-compatible store), selected by S3_BUCKET. */
export class S3Storage implements FileStorage {
  readonly bucket: string;
  private connection: Promise<{ sdk: Sdk; client: S3Client }> | undefined;

  constructor(private readonly config: S3Config) {
    this.bucket = config.bucket;
  }

  private connect() {
    this.connection ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: this.config.region,
        endpoint: this.config.endpoint,
        credentials: this.config.credentials,
        forcePathStyle: this.config.forcePathStyle,
        // Checksums only where S3 demands them. With the SDK's default (always), streamed uploads
        // use aws-chunked framing that some S3-compatible servers (s3rver) store verbatim.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return this.connection;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const input = {
      Bucket: this.bucket,
      Key: assertFileKey(key),
      Body: bytes,
      ContentType: assertContentType(contentType),
      ContentLength: bytes.byteLength,
    };
    const { sdk, client } = await this.connect();
    try {
      await client.send(new sdk.PutObjectCommand(input));
    } catch (e) {
      if (errorName(e) !== 'NoSuchBucket') throw e;
      // A fresh MinIO (docker-compose) has no bucket yet. Where creating one is not allowed
      // (a locked-down AWS account), that error surfaces instead.
      await client.send(new sdk.CreateBucketCommand({ Bucket: this.bucket })).catch((err) => {
        if (errorName(err) !== 'BucketAlreadyOwnedByYou') throw err;
      });
      await client.send(new sdk.PutObjectCommand(input));
    }
  }

  async get(key: string): Promise<StoredFile | null> {
    const Key = assertFileKey(key);
    const { sdk, client } = await this.connect();
    try {
      const res = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key }));
      if (!res.Body) return null;
      return {
        bytes: await res.Body.transformToByteArray(),
        contentType: res.ContentType ?? 'application/octet-stream',
      };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  /** S3 answers 204 for a missing key; a missing bucket (a fresh MinIO) holds nothing to delete either. */
  async delete(key: string): Promise<void> {
    const Key = assertFileKey(key);
    const { sdk, client } = await this.connect();
    try {
      await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key }));
    } catch (e) {
      if (!isNotFound(e) && errorName(e) !== 'NoSuchBucket') throw e;
    }
  }

  async exists(key: string): Promise<boolean> {
    const Key = assertFileKey(key);
    const { sdk, client } = await this.connect();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key }));
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  /** Release the HTTP connections, if any were made. */
  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection) (await connection).client.destroy();
  }
}
