import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { ExtractionLimits } from '../../config/app-config.js';
import { ExtractionError, megabytes } from './extraction-error.js';
import { type DocumentFormat, detectFormat, type FileDescription } from './file-format.js';
import { encodingOf } from './parsers/text-chunks.js';
import { runExtractionWorker } from './run-extraction-worker.js';

export { ExtractionError } from './extraction-error.js';

export interface ExtractedText {
  text: string;
  /** A PDF's page count (pages past EXTRACTION_MAX_PAGES are counted, not read). */
  pages?: number;
}

/**
 * Bytes decoded at a time. Under V8's large-object size (128 KiB), so each piece's string dies young
 * instead of waiting in old space for a full collection (which is what the process's peak memory is).
 */
const PIECE_BYTES = 64 * 1024;

/** Bytes looked at to tell text from binary when neither the name nor the content type says. */
const SNIFF_BYTES = 8192;

/**
 * The readable text of an uploaded file. The format comes from the file name, then the content
 * type, then the first bytes; the parsing runs in a worker bounded in memory and time. A file that
 * is too large, of a type we do not read, corrupt or hostile ends in an ExtractionError whose
 * message can be shown to the user.
 */
export async function extractText(
  path: string,
  file: FileDescription,
  limits: ExtractionLimits,
): Promise<ExtractedText> {
  const format = await checkedFormat(path, file, limits);
  if (format !== 'text') return parsedText(path, format, limits);
  let text = '';
  for await (const piece of trimmed(plainTextPieces(path), limits.maxTextChars)) text += piece;
  return { text };
}

/**
 * The same text as `extractText`, a piece at a time, for a caller that need not hold it: plain text is
 * decoded as it is read; other formats come whole from their parser (one piece).
 */
export async function* extractTextPieces(
  path: string,
  file: FileDescription,
  limits: ExtractionLimits,
): AsyncGenerator<string> {
  const format = await checkedFormat(path, file, limits);
  if (format === 'text') yield* trimmed(plainTextPieces(path), limits.maxTextChars);
  else yield (await parsedText(path, format, limits)).text;
}

async function checkedFormat(path: string, file: FileDescription, limits: ExtractionLimits): Promise<DocumentFormat> {
  const { size } = await stat(path);
  if (size > limits.maxBytes) {
    throw new ExtractionError(`The file is larger than the ${megabytes(limits.maxBytes)} that can be processed.`);
  }
  // Plain text needs no parser that could run away, and its text ends up in this process whatever reads
  // it, so it is decoded here, a piece at a time and cut at EXTRACTION_MAX_TEXT_CHARS: no worker start-up
  // (~100 ms of loading every parser, which capped ingest at a few small files per second) and no copy of
  // the whole text passed back from a worker (a 50 MB file cost ~200 MB more that way).
  return detectFormat(file, await readHead(path));
}

/** Any other format, parsed in a worker (whole: its parsers are not incremental). */
async function parsedText(path: string, format: DocumentFormat, limits: ExtractionLimits): Promise<ExtractedText> {
  const { size } = await stat(path);
  const { text, pages } = await runExtractionWorker({ path, format, limits }, size);
  const kept = text.slice(0, limits.maxTextChars);
  return pages === undefined ? { text: kept } : { text: kept, pages };
}

/** A text file decoded a piece at a time (BOM-aware, invalid bytes as U+FFFD). */
async function* plainTextPieces(path: string): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  for await (const piece of createReadStream(path, { highWaterMark: PIECE_BYTES }) as AsyncIterable<Buffer>) {
    let bytes: Uint8Array = piece;
    if (!decoder) {
      const { encoding, bomLength } = encodingOf(bytes);
      decoder = new TextDecoder(encoding, { ignoreBOM: true });
      bytes = bytes.subarray(bomLength);
    }
    yield decoder.decode(bytes, { stream: true });
  }
  yield decoder?.decode() ?? '';
}

/**
 * The pieces joined, cut at `maxChars` and trimmed (as TextSink.text() does a whole text), without
 * joining them: leading white space is dropped, trailing white space held until more text follows.
 * Reading stops once `maxChars` have been seen.
 */
async function* trimmed(pieces: AsyncIterable<string>, maxChars: number): AsyncGenerator<string> {
  let seen = 0;
  let started = false;
  let held = '';
  for await (const whole of pieces) {
    let piece = whole.slice(0, maxChars - seen);
    seen += piece.length;
    if (!started) {
      piece = piece.trimStart();
      started = piece.length > 0;
    }
    const body = piece.trimEnd();
    if (body.length > 0) {
      yield held + body;
      held = piece.slice(body.length);
    } else held += piece;
    if (seen >= maxChars) break;
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
