import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { StorageConfig } from '../src/config/app-config.js';
import { StoredObjectTooLargeError } from '../src/storage/file-storage.js';
import { LocalFileStorage } from '../src/storage/local-file-storage.js';
import { S3FileStorage, s3ClientConfig } from '../src/storage/s3-file-storage.js';
import { chunked, fileStorageContract } from './support/file-storage-contract.js';
import { s3StorageConfig, startS3Server, type TestS3Server } from './support/s3-server.js';

const MiB = 1024 * 1024;
const PREFIX = 'uploads';

describe('S3FileStorage against an S3-compatible server', () => {
  let server: TestS3Server;
  let uploadDir: string;
  let s3: S3Client;
  const storages: S3FileStorage[] = [];

  const storageConfig = (keyPrefix = PREFIX): StorageConfig => s3StorageConfig(server, uploadDir, keyPrefix);
  const newStorage = (keyPrefix?: string) => {
    const storage = new S3FileStorage(storageConfig(keyPrefix));
    storages.push(storage);
    return storage;
  };
  const bucketKeys = async () => {
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: server.bucket })) {
      keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    }
    return keys.sort();
  };
  const pendingUploads = async () =>
    ((await s3.send(new ListMultipartUploadsCommand({ Bucket: server.bucket }))).Uploads ?? []).map(
      (upload) => upload.Key,
    );
  const putRaw = (Key: string) => s3.send(new PutObjectCommand({ Bucket: server.bucket, Key, Body: Key }));

  before(async () => {
    server = await startS3Server();
    uploadDir = await mkdtemp(join(tmpdir(), 'webui-nest-uploads-'));
    s3 = new S3Client(s3ClientConfig(storageConfig().s3));
  });
  after(async () => {
    for (const storage of storages) storage.onApplicationShutdown();
    s3.destroy();
    await server.stop();
    await rm(uploadDir, { recursive: true, force: true });
  });

  fileStorageContract(() => Promise.resolve(newStorage()), bucketKeys);

  it('stores at s3://{bucket}/{prefix}/{key} with the content type', async () => {
    const stored = await newStorage().put('f1_notes.txt', chunked(Buffer.from('notes')), { contentType: 'text/plain' });
    assert.equal(stored.path, `s3://${server.bucket}/${PREFIX}/f1_notes.txt`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: server.bucket, Key: `${PREFIX}/f1_notes.txt` }));
    assert.deepEqual([head.ContentType, head.ContentLength], ['text/plain', 5]);
  });

  it('aborts the multipart upload of a refused body and leaves the body to the caller', async () => {
    // The listing must see a pending upload, or an empty one below proves nothing.
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: server.bucket, Key: 'probe' }));
    assert.deepEqual(await pendingUploads(), ['probe']);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: server.bucket, Key: 'probe', UploadId }));
    assert.deepEqual(await pendingUploads(), []);

    const body = chunked(randomBytes(16 * MiB));
    await assert.rejects(newStorage().put('f2_big.bin', body, { maxBytes: 11 * MiB }), StoredObjectTooLargeError);
    assert.deepEqual(await pendingUploads(), []);
    assert.ok(!(await bucketKeys()).includes(`${PREFIX}/f2_big.bin`));
    assert.equal(body.destroyed, false, 'an HTTP handler can still answer the request');
  });

  it('deleteAll pages through more than 1,000 objects and keeps those outside the prefix', async () => {
    const outside = ['keep.txt', 'other/keep.txt', `${PREFIX}-archive/keep.txt`];
    const inside = Array.from({ length: 1010 }, (_, index) => `${PREFIX}/bulk-${index}.txt`);
    for (let start = 0; start < inside.length; start += 50) {
      await Promise.all(inside.slice(start, start + 50).map(putRaw));
    }
    await Promise.all(outside.map(putRaw));
    await newStorage().deleteAll();
    assert.deepEqual(await bucketKeys(), outside.sort());
  });

  it('refuses a path in another bucket', async () => {
    await assert.rejects(newStorage().open('s3://elsewhere/uploads/x'), /not in the bucket/);
  });
});

describe('s3ClientConfig', () => {
  const s3 = (overrides: Partial<StorageConfig['s3']>): StorageConfig['s3'] => ({
    bucket: 'b',
    keyPrefix: '',
    addressingStyle: 'auto',
    useAccelerateEndpoint: false,
    ...overrides,
  });

  it('uses path-style addressing for an endpoint URL unless told virtual, and for path always', () => {
    const style = (overrides: Partial<StorageConfig['s3']>) => s3ClientConfig(s3(overrides)).forcePathStyle;
    assert.equal(style({ endpointUrl: 'http://minio:9000' }), true);
    assert.equal(style({ endpointUrl: 'http://minio:9000', addressingStyle: 'virtual' }), false);
    assert.equal(style({}), false);
    assert.equal(style({ addressingStyle: 'path' }), true);
  });

  it('takes credentials only when both are given, else the default chain', () => {
    assert.deepEqual(s3ClientConfig(s3({ accessKeyId: 'id', secretAccessKey: 'secret' })).credentials, {
      accessKeyId: 'id',
      secretAccessKey: 'secret',
    });
    assert.equal(s3ClientConfig(s3({ accessKeyId: 'id' })).credentials, undefined);
  });
});

describe('LocalFileStorage', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webui-nest-local-storage-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  // Every name in the folder, partial writes included: a refused put must leave none behind.
  fileStorageContract(
    () => Promise.resolve(new LocalFileStorage(dir)),
    async () => readdir(dir).catch(() => []),
  );

  it('refuses keys that would leave the folder, and paths outside it', async () => {
    const storage = new LocalFileStorage(dir);
    for (const key of ['../x', 'a/b', '.hidden', '']) {
      await assert.rejects(storage.put(key, chunked(randomBytes(4))), /Unsafe storage key/);
    }
    assert.equal(await storage.open('/etc/passwd'), null);
    assert.equal(await storage.open(join(dir, '..', 'x')), null);
    await storage.delete('/etc/passwd'); // outside: ignored, never removed
  });
});
