import type { Readable } from 'node:stream';
import { AppError } from '../common/errors.js';

/** What a finished write reports: where the bytes went, how many, and their sha256 (hex). */
export interface StoredObject {
  /** The file table's `path`: a local path, or `s3://bucket/key`. */
  path: string;
  size: number;
  sha256: string;
}

/**
 * Thrown by `put` when the body passes `maxBytes`; nothing is left behind. A domain error (413):
 * the upload's parser may report it before the storage's own caller does.
 */
export class StoredObjectTooLargeError extends AppError {
  constructor(readonly maxBytes: number) {
    super('payload_too_large', `File size exceeds the limit of ${formatLimit(maxBytes)}`);
  }
}

const formatLimit = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${bytes} bytes`;

/** A local file a parser can open; `release` removes it when it was a temporary copy. */
export interface LocalCopy {
  path: string;
  release(): Promise<void>;
}

/**
 * Where uploaded files' bytes live (the DI token). Keys are chosen by the files service
 * (`{id}_{safe name}`), never by clients. Bodies stream through: nothing holds a whole file.
 */
export abstract class FileStorage {
  /** Streams `body` under `key`, hashing as it goes; rejects (removing the partial object) past `maxBytes`. */
  abstract put(
    key: string,
    body: Readable,
    options?: { maxBytes?: number; contentType?: string },
  ): Promise<StoredObject>;

  /** The stored bytes as a stream; null when the object is gone. */
  abstract open(path: string): Promise<Readable | null>;

  /** A local path to the bytes (S3: downloaded to a temporary file under the upload dir). */
  abstract localCopy(path: string): Promise<LocalCopy>;

  /** Removes one object; a missing one is not an error. */
  abstract delete(path: string): Promise<void>;

  /** Removes every stored object (admin "delete all files" and "reset uploads"). */
  abstract deleteAll(): Promise<void>;
}
