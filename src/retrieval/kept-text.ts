import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';

/** A file's extracted text: held as a string when short, else stored (FileStorage `path`) and never whole in memory. */
export type KeptText = { text: string; hash: string } | { path: string; hash: string; length: number };

/**
 * Collects a text a piece at a time. Up to `inlineChars` it is held as a string; past that it is
 * streamed into storage by `store` (which returns the stored path) as it keeps arriving. `hash` is
 * the sha256 of its UTF-8 bytes, as upstream's file hash.
 */
export async function keepText(
  pieces: AsyncIterable<string>,
  inlineChars: number,
  store: (body: Readable) => Promise<string>,
): Promise<KeptText> {
  const hasher = new PairSafeHash();
  const iterator = pieces[Symbol.asyncIterator]();
  const held: string[] = [];
  const heldBytes: Buffer[] = [];
  let length = 0;
  while (length <= inlineChars) {
    const next = await iterator.next();
    if (next.done) return { text: held.join(''), hash: hasher.digest() };
    held.push(next.value);
    heldBytes.push(hasher.update(next.value));
    length += next.value.length;
  }
  held.length = 0;
  async function* bytes(): AsyncGenerator<Buffer> {
    yield* heldBytes.splice(0);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      length += next.value.length;
      yield hasher.update(next.value);
    }
    yield hasher.end();
  }
  try {
    const path = await store(Readable.from(bytes()));
    return { path, hash: hasher.digest(), length };
  } finally {
    await iterator.return?.(); // a failed store leaves the reader open otherwise
  }
}

/**
 * UTF-8 bytes and sha256 of a text given in pieces. A piece ending in the first half of a surrogate
 * pair keeps it for the next, so a pair split between pieces is encoded (and hashed) as one character.
 */
class PairSafeHash {
  private readonly hash: Hash = createHash('sha256');
  private carry = '';

  update(piece: string): Buffer {
    let text = this.carry + piece;
    const last = text.charCodeAt(text.length - 1);
    this.carry = last >= 0xd800 && last <= 0xdbff ? text.slice(-1) : '';
    if (this.carry) text = text.slice(0, -1);
    const bytes = Buffer.from(text);
    this.hash.update(bytes);
    return bytes;
  }

  end(): Buffer {
    const bytes = Buffer.from(this.carry);
    this.carry = '';
    this.hash.update(bytes);
    return bytes;
  }

  digest(): string {
    this.end();
    return this.hash.digest('hex');
  }
}
