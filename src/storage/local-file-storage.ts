import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { notFound } from '../common/errors.js';
import { basename, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStorage, type LocalCopy, type StoredObject } from './file-storage.js';
import { meterFrom } from './byte-meter.js';

const TEMP_PREFIX = '.partial-';

/**
 * Files on local disk under one folder (DATA_DIR/uploads). A write goes to a temporary name and is
 * renamed when complete, so a reader never sees half a file; paths from the table are checked to
 * lie inside the folder before they are opened or removed.
 */
export class LocalFileStorage extends FileStorage {
  private readonly root: string;

  constructor(uploadDir: string) {
    super();
    this.root = resolve(uploadDir);
    // Once, here: `put` must attach its pipeline before any await, or a flowing body loses data.
    mkdirSync(this.root, { recursive: true });
  }

  async put(key: string, body: Readable, options: { maxBytes?: number } = {}): Promise<StoredObject> {
    if (key !== basename(key) || key.startsWith('.') || key.length === 0) throw new Error(`Unsafe storage key: ${key}`);
    const target = join(this.root, key);
    const partial = join(this.root, `${TEMP_PREFIX}${randomUUID()}`);
    const { meter, detach } = meterFrom(body, options.maxBytes);
    const writer = createWriteStream(partial, { flags: 'wx' });
    try {
      await pipeline(meter, writer);
      await rename(partial, target);
    } catch (error) {
      // The file may still be opening: removed only once the writer has closed, or it would stay.
      if (!writer.closed) await new Promise<void>((resolve) => writer.once('close', () => resolve()));
      await rm(partial, { force: true });
      throw error;
    } finally {
      detach();
    }
    return { path: target, size: meter.bytes, sha256: meter.digest() };
  }

  async open(path: string): Promise<Readable | null> {
    const inside = this.inside(path);
    if (!inside || !(await isFile(inside))) return null;
    return createReadStream(inside);
  }

  async localCopy(path: string): Promise<LocalCopy> {
    const inside = this.inside(path);
    if (!inside || !(await isFile(inside))) throw notFound('The stored file is missing');
    return { path: inside, release: () => Promise.resolve() };
  }

  async delete(path: string): Promise<void> {
    const inside = this.inside(path);
    if (inside) await rm(inside, { force: true });
  }

  async deleteAll(): Promise<void> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    await Promise.all(names.map((name) => rm(join(this.root, name), { force: true, recursive: true })));
  }

  /** The absolute path when `path` names a file directly inside the folder; null otherwise. */
  private inside(path: string): string | null {
    const absolute = resolve(this.root, path);
    return absolute.startsWith(this.root + sep) && !absolute.slice(this.root.length + 1).includes(sep)
      ? absolute
      : null;
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}
