import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { outboundErrors } from './outbound-error.js';

/** The content codings we ask for; DECODERS knows each. */
export const ACCEPTED_ENCODINGS = 'gzip, deflate, br';

/**
 * Reads a response body, decoded, into one buffer, aborting as soon as it passes `maxBytes`. The
 * limit counts decoded bytes, so a small compressed body cannot inflate past it either.
 */
export async function readBoundedBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (!KNOWN_ENCODINGS.has(encoding)) {
    response.destroy();
    throw outboundErrors.undecodable();
  }
  const decoder = decoderFor(encoding);
  if (decoder === undefined && Number(response.headers['content-length']) > maxBytes) {
    response.destroy();
    throw outboundErrors.tooLarge(maxBytes);
  }
  // The decoder also reports errors that start elsewhere (pipeline passes them on); it failed on its
  // own when the response had none yet. Registered before pipeline's, this listener runs first.
  let decodingFailed = false;
  decoder?.once('error', () => (decodingFailed = response.errored === null));
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw outboundErrors.tooLarge(maxBytes);
      chunks.push(chunk);
    }
  };
  try {
    await (decoder ? pipeline(response, decoder, collect) : pipeline(response, collect));
  } catch (error) {
    // Whichever stream pipeline tore down first reports; what went wrong is known from our own state.
    if (size > maxBytes) throw outboundErrors.tooLarge(maxBytes);
    throw decodingFailed ? outboundErrors.undecodable(error) : error;
  }
  return Buffer.concat(chunks, size);
}

const DECODERS: Record<string, (() => Transform) | undefined> = {
  identity: undefined,
  '': undefined,
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};
const KNOWN_ENCODINGS = new Set(Object.keys(DECODERS));

const decoderFor = (encoding: string) => DECODERS[encoding]?.();
