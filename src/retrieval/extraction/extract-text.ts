import { open, stat } from 'node:fs/promises';
import type { ExtractionLimits } from '../../config/app-config.js';
import { ExtractionError, megabytes } from './extraction-error.js';
import { detectFormat, type FileDescription } from './file-format.js';
import { runExtractionWorker } from './run-extraction-worker.js';

export { ExtractionError } from './extraction-error.js';
export { htmlToText } from './html-to-text.js';

export interface ExtractedText {
  text: string;
  /** A PDF's page count (pages past EXTRACTION_MAX_PAGES are counted, not read). */
  pages?: number;
}

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
  const { size } = await stat(path);
  if (size > limits.maxBytes) {
    throw new ExtractionError(`The file is larger than the ${megabytes(limits.maxBytes)} that can be processed.`);
  }
  const format = detectFormat(file, await readHead(path));
  const { text, pages } = await runExtractionWorker({ path, format, limits }, size);
  const kept = text.slice(0, limits.maxTextChars);
  return pages === undefined ? { text: kept } : { text: kept, pages };
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
