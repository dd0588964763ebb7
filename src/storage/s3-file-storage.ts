import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  S3Client,
  type ObjectIdentifier,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { AppError, MESSAGES } from '../common/errors.js';
import type { StorageConfig } from '../config/app-config.js';
import { meterFrom } from './byte-meter.js';
import { FileStorage, type LocalCopy, type StoredObject } from './file-storage.js';

/**
 * S3's smallest part, one in flight: a put then holds about three parts (the one uploading, the chunks
 * it was joined from, the next one's chunks), 15-25 MiB whatever the file's size. A second part in
 * flight measured 10 MiB more, for speed a client's upload rarely leaves room to use.
 */
const PART_SIZE = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 1;
/** DeleteObjects takes at most 1,000 keys (and ListObjectsV2 returns at most 1,000 per page). */
const DELETE_BATCH = 1000;

/** The SDK client options for Open WebUI's S3_* settings. */
export function s3ClientConfig(s3: StorageConfig['s3']): S3ClientConfig {
  const customEndpoint = s3.endpointUrl !== undefined;
  return {
    // S3-compatible servers ignore the region but the SDK signs with one; AWS finds it in the default chain.
    region: s3.region ?? (customEndpoint ? 'us-east-1' : undefined),
    endpoint: s3.endpointUrl,
    // Servers behind an endpoint URL (MinIO, Ceph, …) rarely have per-bucket host names.
    forcePathStyle: s3.addressingStyle === 'path' || (s3.addressingStyle === 'auto' && customEndpoint),
    useAccelerateEndpoint: s3.useAccelerateEndpoint,
    credentials:
      s3.accessKeyId && s3.secretAccessKey
        ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }
        : undefined,
    // Many S3-compatible servers reject the CRC checksums the SDK sends to AWS by default.
    ...(customEndpoint && {
      requestChecksumCalculation: 'WHEN_REQUIRED' as const,
      responseChecksumValidation: 'WHEN_REQUIRED' as const,
    }),
  };
}

/**
 * Uploaded files in an S3 bucket under `S3_KEY_PREFIX/`, at paths `s3://{bucket}/{prefix/}{key}` as
 * Open WebUI writes them, so instances (and Open WebUI itself) share one store.
 */
export class S3FileStorage extends FileStorage {
  private readonly bucket: string;
  private readonly keyPrefix: string;
  private readonly tmpDir: string;
  private readonly client: S3Client;

  constructor(config: StorageConfig) {
    super();
    this.client = new S3Client(s3ClientConfig(config.s3));
    this.bucket = config.s3.bucket;
    this.keyPrefix = config.s3.keyPrefix ? `${config.s3.keyPrefix}/` : '';
    this.tmpDir = join(config.uploadDir, '.tmp');
  }

  /**
   * Streams `body` in parts of 5 MiB (one PutObject when smaller). Past `maxBytes`, or when `body`
   * fails, the meter fails, and the SDK aborts the multipart upload before `done()` settles. `body`
   * is then unpiped, not destroyed: an HTTP handler can still answer the request.
   */
  async put(
    key: string,
    body: Readable,
    options: { maxBytes?: number; contentType?: string } = {},
  ): Promise<StoredObject> {
    const objectKey = this.keyPrefix + key;
    const { meter, detach } = meterFrom(body, options.maxBytes);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: objectKey, Body: meter, ContentType: options.contentType },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
    });
    try {
      await upload.done();
    } finally {
      detach();
    }
    return { path: this.pathOf(objectKey), size: meter.bytes, sha256: meter.digest() };
  }

  async open(path: string): Promise<Readable | null> {
    try {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(path) }));
      if (!(Body instanceof Readable)) throw new Error(`GetObject gave no stream for ${path}`);
      return Body;
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }

  async localCopy(path: string): Promise<LocalCopy> {
    const body = await this.open(path);
    if (!body) throw new AppError('not_found', MESSAGES.NOT_FOUND);
    await mkdir(this.tmpDir, { recursive: true });
    // A directory per copy keeps the object's own file name, which parsers may go by.
    const dir = await mkdtemp(join(this.tmpDir, 'copy-'));
    const release = () => rm(dir, { recursive: true, force: true });
    const file = join(dir, basename(this.keyOf(path)));
    try {
      await pipeline(body, createWriteStream(file, { flags: 'wx' }));
    } catch (error) {
      await release();
      throw error;
    }
    return { path: file, release };
  }

  /** S3 answers 204 for a missing key too, so deleting twice is not an error. */
  async delete(path: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(path) }));
  }

  /** Everything under the key prefix (the whole bucket when there is none). */
  async deleteAll(): Promise<void> {
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.keyPrefix || undefined,
          ContinuationToken: continuationToken,
        }),
      );
      const keys = (page.Contents ?? []).flatMap(({ Key }) => (Key === undefined ? [] : [{ Key }]));
      for (let start = 0; start < keys.length; start += DELETE_BATCH) {
        await this.deleteBatch(keys.slice(start, start + DELETE_BATCH));
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  /** Closes the client's sockets (Nest calls this on shutdown). */
  onApplicationShutdown(): void {
    this.client.destroy();
  }

  private async deleteBatch(objects: ObjectIdentifier[]): Promise<void> {
    const { Errors } = await this.client.send(
      new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: objects, Quiet: true } }),
    );
    const [first] = Errors ?? [];
    if (first) throw new Error(`Deleting ${first.Key} from ${this.bucket} failed: ${first.Code} ${first.Message}`);
  }

  private pathOf(objectKey: string): string {
    return `s3://${this.bucket}/${objectKey}`;
  }

  private keyOf(path: string): string {
    const bucketPrefix = `s3://${this.bucket}/`;
    if (!path.startsWith(bucketPrefix)) throw new Error(`${path} is not in the bucket ${this.bucket}`);
    return path.slice(bucketPrefix.length);
  }
}

export function createS3FileStorage(config: StorageConfig): S3FileStorage {
  return new S3FileStorage(config);
}
