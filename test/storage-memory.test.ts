// Its own file, so the measurement runs in a fresh process: earlier tests' buffers would hide growth.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { S3FileStorage } from '../src/storage/s3-file-storage.js';
import { chunked } from './support/file-storage-contract.js';
import { s3StorageConfig, startS3Server, type TestS3Server } from './support/s3-server.js';

const MiB = 1024 * 1024;
const FILE_SIZE = 50 * MiB;
/**
 * A 5 MiB part uploading, the chunks it was joined from and the next part's chunks: 15-25 MiB
 * measured, the same for 200 MB. Holding the file would take 50 MiB by its end.
 */
const MAX_LIVE_BUFFERS = 40 * MiB;

// A full GC before each sample, so what is measured is what is held, not garbage V8 has not collected yet.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** `size` random bytes, made as they are read (the test holds none of them), and their sha256. */
function generatedBody(size: number): { body: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  let left = size;
  const body = new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const chunk = randomBytes(Math.min(64 * 1024, left));
      left -= chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { body, sha256: () => hash.digest('hex') };
}

interface MemoryPeaks {
  /** RSS growth over the start. */
  rss: number;
  /** Buffers alive (process.memoryUsage().arrayBuffers). */
  liveBuffers: number;
}

/** The memory `work` takes, sampled after a full GC every 20 ms. */
async function memoryPeaks(work: () => Promise<void>): Promise<MemoryPeaks> {
  collectGarbage();
  const start = process.memoryUsage();
  const peaks = { rss: 0, liveBuffers: 0 };
  const sample = () => {
    collectGarbage();
    const now = process.memoryUsage();
    peaks.rss = Math.max(peaks.rss, now.rss - start.rss);
    peaks.liveBuffers = Math.max(peaks.liveBuffers, now.arrayBuffers);
  };
  const sampler = setInterval(sample, 20);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return peaks;
}

const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

describe('S3FileStorage memory', () => {
  let server: TestS3Server;
  let uploadDir: string;
  let storage: S3FileStorage;

  before(async () => {
    server = await startS3Server();
    uploadDir = await mkdtemp(join(tmpdir(), 'webui-nest-uploads-'));
    storage = new S3FileStorage(s3StorageConfig(server, uploadDir));
    // Loads the SDK's lazily required code, which would otherwise count as growth.
    const { path } = await storage.put('warm-up', chunked(randomBytes(6 * MiB)));
    await storage.delete(path);
  });
  after(async () => {
    storage.onApplicationShutdown();
    await server.stop();
    await rm(uploadDir, { recursive: true, force: true });
  });

  it(`streams a ${FILE_SIZE / MiB} MB put and read without holding the file`, async (t) => {
    const { body, sha256 } = generatedBody(FILE_SIZE);
    let stored = { path: '', size: 0, sha256: '' };
    const put = await memoryPeaks(async () => {
      stored = await storage.put('big.bin', body);
    });
    assert.deepEqual([stored.size, stored.sha256], [FILE_SIZE, sha256()]);
    const readHash = createHash('sha256');
    const read = await memoryPeaks(async () => {
      const stream = await storage.open(stored.path);
      assert.ok(stream);
      for await (const chunk of stream) readHash.update(chunk as Buffer);
    });
    assert.equal(readHash.digest('hex'), stored.sha256);
    for (const [name, peaks] of Object.entries({ put, read })) {
      t.diagnostic(`${name}: RSS growth ${mib(peaks.rss)}, live buffers ${mib(peaks.liveBuffers)}`);
      assert.ok(peaks.liveBuffers < MAX_LIVE_BUFFERS, `${name} held ${mib(peaks.liveBuffers)}`);
      assert.ok(peaks.rss < FILE_SIZE, `${name} grew RSS by ${mib(peaks.rss)}`);
    }
  });
});
