import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, it } from 'node:test';
import { AppError } from '../../src/common/errors.js';
import { type FileStorage, StoredObjectTooLargeError } from '../../src/storage/file-storage.js';

const MiB = 1024 * 1024;

/** `bytes` as a stream of 64 KiB chunks, as an upload arrives. */
export function chunked(bytes: Buffer, chunkSize = 64 * 1024): Readable {
  let offset = 0;
  return new Readable({
    read() {
      this.push(offset < bytes.length ? bytes.subarray(offset, (offset += chunkSize)) : null);
    },
  });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const uniqueKey = (name: string) => `${randomUUID()}_${name}`;

async function readBack(storage: FileStorage, path: string): Promise<Buffer> {
  const stream = await storage.open(path);
  assert.ok(stream, `${path} should be readable`);
  return buffer(stream);
}

/**
 * What every FileStorage must do, run against one implementation. `newStorage` gives a storage over
 * the same backing store each time (as each server instance has its own); `listStored` names
 * everything that store holds, to prove a refused put left nothing behind.
 */
export function fileStorageContract(newStorage: () => Promise<FileStorage>, listStored: () => Promise<string[]>): void {
  describe('FileStorage contract', () => {
    it('stores a multi-part stream byte for byte, with its size and sha256', async () => {
      const storage = await newStorage();
      const bytes = randomBytes(12 * MiB + 123);
      const stored = await storage.put(uniqueKey('big.bin'), chunked(bytes), { contentType: 'application/pdf' });
      assert.deepEqual({ size: stored.size, sha256: stored.sha256 }, { size: bytes.length, sha256: sha256(bytes) });
      assert.ok((await readBack(storage, stored.path)).equals(bytes));
    });

    it('stores small and empty bodies', async () => {
      const storage = await newStorage();
      for (const bytes of [Buffer.from('hello, world\n'), Buffer.alloc(0)]) {
        const stored = await storage.put(uniqueKey('small.txt'), chunked(bytes));
        assert.deepEqual({ size: stored.size, sha256: stored.sha256 }, { size: bytes.length, sha256: sha256(bytes) });
        assert.ok((await readBack(storage, stored.path)).equals(bytes));
      }
    });

    it('accepts a body of exactly maxBytes', async () => {
      const storage = await newStorage();
      const bytes = randomBytes(1000);
      const stored = await storage.put(uniqueKey('exact.bin'), chunked(bytes, 100), { maxBytes: 1000 });
      assert.equal(stored.size, 1000);
    });

    for (const [label, size, maxBytes] of [
      ['a multi-part body', 16 * MiB, 6 * MiB],
      ['a small body', 5000, 4999],
    ] as const) {
      it(`refuses ${label} past maxBytes and leaves nothing behind`, async () => {
        const storage = await newStorage();
        const before = await listStored();
        await assert.rejects(
          storage.put(uniqueKey('too-big.bin'), chunked(randomBytes(size)), { maxBytes }),
          (error) => error instanceof StoredObjectTooLargeError && error.maxBytes === maxBytes,
        );
        assert.deepEqual(await listStored(), before);
      });
    }

    it('rejects with the error of a body that fails midway and leaves nothing behind', async () => {
      const storage = await newStorage();
      const before = await listStored();
      const body = chunked(randomBytes(16 * MiB));
      let sent = 0;
      body.on('data', (chunk: Buffer) => {
        sent += chunk.length;
        if (sent >= 7 * MiB) body.destroy(new Error('client went away'));
      });
      await assert.rejects(storage.put(uniqueKey('cut.bin'), body), /client went away/);
      assert.deepEqual(await listStored(), before);
    });

    it('opens a missing object as null', async () => {
      const storage = await newStorage();
      const { path } = await storage.put(uniqueKey('gone.txt'), chunked(Buffer.from('x')));
      await storage.delete(path);
      assert.equal(await storage.open(path), null);
    });

    it('gives a local copy that release removes', async () => {
      const storage = await newStorage();
      const bytes = randomBytes(300_000);
      const { path } = await storage.put(uniqueKey('report.pdf'), chunked(bytes));
      const copy = await storage.localCopy(path);
      assert.ok((await readFile(copy.path)).equals(bytes));
      await copy.release();
      if (copy.path !== path) await assert.rejects(access(copy.path), { code: 'ENOENT' });
      assert.ok((await readBack(storage, path)).equals(bytes), 'release keeps the stored object');
    });

    it('refuses a local copy of a missing object as not found', async () => {
      const storage = await newStorage();
      const { path } = await storage.put(uniqueKey('gone.pdf'), chunked(Buffer.from('x')));
      await storage.delete(path);
      await assert.rejects(storage.localCopy(path), (error) => error instanceof AppError && error.kind === 'not_found');
    });

    it('deletes idempotently', async () => {
      const storage = await newStorage();
      const { path } = await storage.put(uniqueKey('twice.txt'), chunked(Buffer.from('x')));
      await storage.delete(path);
      await storage.delete(path);
      assert.equal(await storage.open(path), null);
    });

    it('deleteAll removes every stored object', async () => {
      const storage = await newStorage();
      const paths: string[] = [];
      for (const name of ['a.txt', 'b.txt', 'c.txt']) {
        paths.push((await storage.put(uniqueKey(name), chunked(Buffer.from(name)))).path);
      }
      await storage.deleteAll();
      for (const path of paths) assert.equal(await storage.open(path), null);
    });

    it("lets another instance read and delete one instance's objects", async () => {
      const [first, second] = [await newStorage(), await newStorage()];
      const bytes = randomBytes(70_000);
      const { path } = await first.put(uniqueKey('shared.bin'), chunked(bytes));
      assert.ok((await readBack(second, path)).equals(bytes));
      await second.delete(path);
      assert.equal(await first.open(path), null);
    });
  });
}
