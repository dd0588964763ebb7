import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
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

/**
 * A meter fed from `body` by `pipe`, not `pipeline`: when the meter fails (the size limit, or the
 * storage behind it), the body is unpiped but never destroyed, so whoever owns it (an HTTP request)
 * answers once the storage has cleaned up. A body error still fails the meter. Call `detach` when done.
 */
export function meterFrom(body: Readable, maxBytes?: number): { meter: ByteMeter; detach: () => void } {
  const meter = new ByteMeter(maxBytes);
  const fail = (error: Error) => meter.destroy(error);
  body.on('error', fail);
  body.pipe(meter);
  return { meter, detach: () => body.off('error', fail) };
}
