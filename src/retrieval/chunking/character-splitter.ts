/**
 * LangChain's RecursiveCharacterTextSplitter as Open WebUI configures it (separators "\n\n", "\n", " ", "";
 * separators kept at the start of the piece that follows them; chunks stripped). Lengths are Python's len(),
 * code points, so chunks match Open WebUI's; offsets are UTF-16, so start_index slices this text. Pieces are
 * offset ranges rather than strings, every search is bounded to its piece, and merging is a queue: the whole
 * split is linear in the text.
 */
import { isPythonSpace, type TextChunk } from './text-chunk.js';

const SEPARATORS = ['\n\n', '\n', ' ', ''];

export function splitCharacters(text: string, size: number, overlap: number): TextChunk[] {
  const chunks: TextChunk[] = [];
  const splitter = new RecursiveSplitter(text, size, overlap, (start, end) => {
    while (start < end && isPythonSpace(text.charCodeAt(start))) start++;
    while (end > start && isPythonSpace(text.charCodeAt(end - 1))) end--;
    if (start < end) chunks.push({ content: text.slice(start, end), start_index: start });
  });
  splitter.split(0, text.length, 0);
  return chunks;
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
