import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { StoredObjectTooLargeError } from './file-storage.js';

/**
 * Passes a body through unchanged while counting and hashing it (sha256), and fails with
 * StoredObjectTooLargeError as soon as more than `maxBytes` have gone by, so a storage can stop
 * writing without having held the body.
 */
export class ByteMeter extends Transform {
  private readonly hash = createHash('sha256');
  private count = 0;

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
  }

  get bytes(): number {
    return this.count;
  }

  /** The sha256 (hex) of everything that went through; call once, after the end. */
  digest(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.byteLength;
    if (this.count > this.maxBytes) {
      callback(new StoredObjectTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}
