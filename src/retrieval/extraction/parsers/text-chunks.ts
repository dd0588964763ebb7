/**
 * Small enough that each decoded chunk stays on the V8 heap (Node makes strings of more than about
 * 1 MB external, outside the worker's heap limit).
 */
const CHUNK_BYTES = 256 * 1024;

/** The encoding a byte-order mark names (UTF-8 without one). */
export function encodingOf(bytes: Uint8Array): { encoding: string; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/**
 * Decodes text a chunk at a time, so a reader that has enough can stop without the whole file
 * ever becoming one string. Invalid bytes become U+FFFD rather than failing the file.
 */
export function* textChunks(bytes: Uint8Array): Generator<string> {
  const { encoding, bomLength } = encodingOf(bytes);
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  for (let start = bomLength; start < bytes.length; start += CHUNK_BYTES) {
    yield decoder.decode(bytes.subarray(start, start + CHUNK_BYTES), { stream: true });
  }
  yield decoder.decode();
}
