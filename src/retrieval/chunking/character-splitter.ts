/**
 * LangChain's RecursiveCharacterTextSplitter as Open WebUI configures it (separators "\n\n", "\n", " ", "";
 * separators kept at the start of the piece that follows them; chunks stripped). Lengths are Python's len(),
 * code points, so chunks match Open WebUI's; offsets are UTF-16, so start_index slices this text. Pieces are
 * offset ranges rather than strings, every search is bounded to its piece, and merging is a queue: the whole
 * split is linear in the text.
 */
import { isPythonSpace, type TextChunk } from './text-chunk.js';

const SEPARATORS = ['\n\n', '\n', ' ', ''];

/** Which separators a text holds, as the splitter's first step asks of the whole text. */
export class SeparatorScan {
  private readonly found = SEPARATORS.map((separator) => separator === '');
  private last = '';

  push(text: string): void {
    if (text.length === 0) return;
    const joined = this.last + text;
    SEPARATORS.forEach((separator, i) => (this.found[i] ||= joined.includes(separator)));
    this.last = text.at(-1) ?? '';
  }

  /** The index of the first separator the text holds ('' when none does). */
  first(): number {
    return this.found.indexOf(true);
  }
}

export function splitCharacters(text: string, size: number, overlap: number): TextChunk[] {
  const chunks: TextChunk[] = [];
  const scan = new SeparatorScan();
  scan.push(text);
  const chunker = new CharacterChunker(size, overlap, scan.first(), (chunk) => chunks.push(chunk));
  chunker.push(text);
  chunker.end();
  return chunks;
}

/**
 * The same split fed a piece of text at a time, for a text too large to hold: `separator` is what a
 * SeparatorScan of the whole text found. The text is cut at that separator as it arrives; only the
 * pieces the merger may still put in a chunk are kept (and a piece too long to merge, which is split
 * whole, as LangChain does). Chunks come out in order, with start_index counted over all pieces.
 */
export class CharacterChunker {
  private readonly separator: string;
  private readonly merger: Merger;
  /** The text kept, and where it starts in the whole text. */
  private buffer = '';
  private bufferStart = 0;
  /** Where the current top-level piece starts, and where the next separator search begins. */
  private pieceStart = 0;
  private searchFrom = 0;

  constructor(
    private readonly size: number,
    private readonly overlap: number,
    private readonly separatorIndex: number,
    private readonly onChunk: (chunk: TextChunk) => void,
  ) {
    this.separator = SEPARATORS[separatorIndex];
    this.merger = new Merger(size, overlap, (start, end) =>
      emitStripped(this.buffer, this.bufferStart, start - this.bufferStart, end - this.bufferStart, onChunk),
    );
  }

  push(text: string): void {
    if (text.length === 0) return;
    this.buffer += text;
    const bufferEnd = this.bufferStart + this.buffer.length;
    if (this.separator === '') {
      // Python's list(text): a high surrogate at the end waits for its pair.
      const last = this.buffer.charCodeAt(this.buffer.length - 1);
      const safeEnd = last >= 0xd800 && last <= 0xdbff ? bufferEnd - 1 : bufferEnd;
      eachCodePoint(this.buffer, this.pieceStart - this.bufferStart, safeEnd - this.bufferStart, (from, to) =>
        this.visit(from + this.bufferStart, to + this.bufferStart),
      );
      this.pieceStart = safeEnd;
    } else {
      const length = this.separator.length;
      for (;;) {
        const at = this.buffer.indexOf(this.separator, this.searchFrom - this.bufferStart);
        if (at === -1) break;
        const separatorAt = at + this.bufferStart;
        if (separatorAt > this.pieceStart) this.visit(this.pieceStart, separatorAt);
        this.pieceStart = separatorAt;
        this.searchFrom = separatorAt + length;
      }
      // No separator starts before here; one may still start in the last length - 1 characters.
      this.searchFrom = Math.max(this.searchFrom, bufferEnd - length + 1);
    }
    this.release();
  }

  end(): void {
    const bufferEnd = this.bufferStart + this.buffer.length;
    if (bufferEnd > this.pieceStart) this.visit(this.pieceStart, bufferEnd);
    this.merger.flush();
    this.buffer = '';
    this.bufferStart = this.pieceStart = this.searchFrom = bufferEnd;
  }

  /** One top-level piece [start, end) of the whole text, as RecursiveSplitter.split visits it. */
  private visit(start: number, end: number): void {
    const local = start - this.bufferStart;
    const length = codePoints(this.buffer, local, end - this.bufferStart);
    if (length < this.size) return this.merger.add(start, end, length);
    this.merger.flush();
    if (this.separator === '') return this.merger.emitNow(start, end);
    const piece = this.buffer.slice(local, end - this.bufferStart);
    const emit: Emit = (from, to) => emitStripped(piece, start, from, to, this.onChunk);
    new RecursiveSplitter(piece, this.size, this.overlap, emit).split(0, piece.length, this.separatorIndex + 1);
  }

  /** Drops the text no chunk can start in any more (the merger's queue and the open piece are kept). */
  private release(): void {
    const keepFrom = Math.min(this.merger.firstStart(), this.pieceStart);
    // Copied once 8 Ki characters are dead: the buffer stays near one piece long, and a string that
    // short dies young rather than waiting in V8's large-object space for a full collection.
    if (keepFrom - this.bufferStart < 8 * 1024) return;
    this.buffer = this.buffer.slice(keepFrom - this.bufferStart);
    this.bufferStart = keepFrom;
  }
}

/** A chunk of `text` [start, end), stripped; `base` is where `text` starts in the whole text. */
function emitStripped(text: string, base: number, start: number, end: number, onChunk: (chunk: TextChunk) => void) {
  while (start < end && isPythonSpace(text.charCodeAt(start))) start++;
  while (end > start && isPythonSpace(text.charCodeAt(end - 1))) end--;
  if (start < end) onChunk({ content: text.slice(start, end), start_index: base + start });
}

type Emit = (start: number, end: number) => void;

class RecursiveSplitter {
  /** Code points in [start, end): UTF-16 units, less one per surrogate pair when the text has any. */
  private readonly length: (start: number, end: number) => number;

  constructor(
    private readonly text: string,
    private readonly size: number,
    private readonly overlap: number,
    private readonly emit: Emit,
  ) {
    this.length = /[\uD800-\uDFFF]/.test(text) ? (start, end) => codePoints(text, start, end) : (s, e) => e - s;
  }

  /** Python's _split_text for text[start, end), trying SEPARATORS from `first` on. */
  split(start: number, end: number, first: number): void {
    const piece = this.text.slice(start, end);
    let chosen = first;
    while (SEPARATORS[chosen] !== '' && !piece.includes(SEPARATORS[chosen])) chosen++;
    const separator = SEPARATORS[chosen];
    const merger = new Merger(this.size, this.overlap, this.emit);
    const visit = (from: number, to: number) => {
      const length = this.length(from, to);
      if (length < this.size) return merger.add(from, to, length);
      merger.flush();
      if (separator === '') this.emit(from, to);
      else this.split(from, to, chosen + 1);
    };
    if (separator === '') eachCodePoint(this.text, start, end, visit);
    else eachSplit(piece, separator, start, visit);
    merger.flush();
  }
}

/** Python's _merge_splits with an empty separator: pieces are contiguous, so a chunk is one range. */
class Merger {
  private starts: number[] = [];
  private lengths: number[] = [];
  private head = 0;
  private end = 0;
  private total = 0;

  constructor(
    private readonly size: number,
    private readonly overlap: number,
    private readonly emit: Emit,
  ) {}

  add(start: number, end: number, length: number): void {
    if (this.total + length > this.size && this.head < this.starts.length) {
      this.emit(this.starts[this.head], this.end);
      // Drop pieces from the front until what is left fits in the overlap and leaves room for this one.
      while (this.total > this.overlap || (this.total + length > this.size && this.total > 0)) {
        this.total -= this.lengths[this.head++];
      }
      if (this.head > 1024 && this.head * 2 > this.starts.length) this.compact();
    }
    this.starts.push(start);
    this.lengths.push(length);
    this.end = end;
    this.total += length;
  }

  /** A piece emitted on its own (a code point at least CHUNK_SIZE long). */
  emitNow(start: number, end: number): void {
    this.emit(start, end);
  }

  /** Where the oldest piece still queued starts (Infinity when none is). */
  firstStart(): number {
    return this.head < this.starts.length ? this.starts[this.head] : Number.POSITIVE_INFINITY;
  }

  flush(): void {
    if (this.head < this.starts.length) this.emit(this.starts[this.head], this.end);
    this.starts = [];
    this.lengths = [];
    this.head = this.total = 0;
  }

  private compact(): void {
    this.starts = this.starts.slice(this.head);
    this.lengths = this.lengths.slice(this.head);
    this.head = 0;
  }
}

/** re.split with the separator kept at the start of the piece after it, empty pieces dropped. */
function eachSplit(piece: string, separator: string, base: number, visit: Emit): void {
  let from = 0;
  for (let at = piece.indexOf(separator); at !== -1; at = piece.indexOf(separator, at + separator.length)) {
    if (at > from) visit(base + from, base + at);
    from = at;
  }
  if (piece.length > from) visit(base + from, base + piece.length);
}

/** Python's list(text): one piece per code point, so a surrogate pair is never cut in two. */
function eachCodePoint(text: string, start: number, end: number, visit: Emit): void {
  for (let i = start; i < end;) {
    const width = isPairAt(text, i, end) ? 2 : 1;
    visit(i, i + width);
    i += width;
  }
}

function codePoints(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i += isPairAt(text, i, end) ? 2 : 1) count++;
  return count;
}

function isPairAt(text: string, i: number, end: number): boolean {
  const high = text.charCodeAt(i);
  if (high < 0xd800 || high > 0xdbff || i + 1 >= end) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff;
}
