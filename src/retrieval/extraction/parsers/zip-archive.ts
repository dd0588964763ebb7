import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ExtractionError, megabytes } from '../extraction-error.js';

/** More files than any real document holds; past it an archive is refused before anything is read. */
export const MAX_ZIP_ENTRIES = 10_000;

/**
 * A zip-based document (docx, xlsx, pptx, epub) read within a budget of unpacked bytes. The
 * central directory's declared sizes are checked when it opens, and the bytes actually inflated are
 * counted while reading, since declared sizes can lie: a zip bomb fails before it expands.
 */
export class ZipArchive {
  private inflated = 0;

  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    private readonly maxUnzippedBytes: number,
  ) {}

  static async open(data: Buffer, maxUnzippedBytes: number): Promise<ZipArchive> {
    // validateEntrySizes makes a stream fail as soon as it inflates past its entry's declared size.
    const zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, validateEntrySizes: true });
    if (zip.entryCount > MAX_ZIP_ENTRIES) throw tooManyEntries();
    const entries = new Map<string, Entry>();
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      if (declared > maxUnzippedBytes) throw tooLarge('declares it unpacks', maxUnzippedBytes);
      if (entry.fileName.endsWith('/')) continue;
      // Two entries of one name could show one reader a harmless file and another a bomb.
      if (entries.has(entry.fileName))
        throw new ExtractionError(`The document is malformed: it holds ${entry.fileName} twice.`);
      entries.set(entry.fileName, entry);
    }
    return new ZipArchive(zip, entries, maxUnzippedBytes);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Streams one entry's bytes to `onChunk`; `onChunk` returns false to stop early. */
  async stream(name: string, onChunk: (chunk: Buffer) => boolean | void): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) throw new ExtractionError(`The document is incomplete: ${name} is missing.`);
    if (entry.isEncrypted()) throw new ExtractionError('The document is password-protected.');
    const stream = await this.zip.openReadStreamPromise(entry);
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        this.inflated += chunk.length;
        if (this.inflated > this.maxUnzippedBytes) throw tooLarge('unpacks', this.maxUnzippedBytes);
        if (onChunk(chunk) === false) break;
      }
    } catch (error) {
      // yauzl's validateEntrySizes: the entry inflates to more (or less) than its header declares.
      if (error instanceof Error && /too (many|few) bytes in the stream/.test(error.message)) {
        throw new ExtractionError(
          `The document is damaged: ${name} is not the size it declares (it may be a zip bomb).`,
        );
      }
      throw error;
    } finally {
      stream.destroy();
    }
  }

  /** Streams one entry as UTF-8 text (a character split between chunks is kept whole). */
  async streamText(name: string, onText: (text: string) => boolean | void): Promise<void> {
    const decoder = new TextDecoder();
    await this.stream(name, (chunk) => onText(decoder.decode(chunk, { stream: true })));
    onText(decoder.decode());
  }
}

const tooManyEntries = () =>
  new ExtractionError(`The document holds more than ${MAX_ZIP_ENTRIES} files, so it is refused.`);

const tooLarge = (what: string, max: number) =>
  new ExtractionError(`The document ${what} to more than ${megabytes(max)}, so it is refused (it may be a zip bomb).`);
