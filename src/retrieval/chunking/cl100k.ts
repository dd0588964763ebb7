/**
 * cl100k_base, the encoding of Open WebUI's TokenTextSplitter, over js-tiktoken's rank table with our own
 * byte-pair merge (byte-pair-merge.ts says why), remembering the tokens of repeated pieces. Its output is
 * js-tiktoken's (test/chunking.test.ts compares them); special tokens such as <|endoftext|> are plain text,
 * where tiktoken's default would refuse the whole document.
 */
import { BytePairMerger } from './byte-pair-merge.js';

/** The tokens of one pre-tokenizer piece, with ends relative to the piece. */
interface PieceTokens {
  ids: number[];
  ends: number[];
}

/** Repeated words make up most text, so a text's pieces are remembered while it is encoded; long ones are rare. */
const REMEMBERED_PIECE_LENGTH = 128;

export class Cl100k {
  private readonly merger: BytePairMerger;

  constructor(
    /** Token bytes (one char per byte, latin1) → rank, which is the token id. */
    private readonly ranks: Map<string, number>,
    private readonly pattern: string,
  ) {
    this.merger = new BytePairMerger(ranks);
  }

  /** Token ids, as js-tiktoken's encode(text, [], []) gives them. */
  encode(text: string): number[] {
    const ids: number[] = [];
    this.eachPiece(text, (piece) => {
      for (const id of piece.ids) ids.push(id);
    });
    return ids;
  }

  /** Where each token ends in the text, in UTF-16 code units; -1 when it ends inside a character. */
  tokenEnds(text: string): number[] {
    const ends: number[] = [];
    this.eachPiece(text, (piece, at) => {
      for (const end of piece.ends) ends.push(end < 0 ? -1 : at + end);
    });
    return ends;
  }

  private eachPiece(text: string, visit: (piece: PieceTokens, at: number) => void): void {
    // Sticky matching with test() finds each piece without building a match array: the pattern matches every
    // character (letters, digits, whitespace, anything else), so each piece starts where the last one ended.
    const pattern = new RegExp(this.pattern, 'uy');
    // Per call, so nothing of one document stays in memory after it.
    const seen = new Map<string, PieceTokens>();
    for (let start = 0; start < text.length; start = pattern.lastIndex) {
      if (!pattern.test(text)) pattern.lastIndex = start + 1; // cannot happen; never loop on it
      const piece = text.slice(start, pattern.lastIndex);
      let tokens = seen.get(piece);
      if (!tokens) {
        tokens = this.encodePiece(piece);
        if (piece.length <= REMEMBERED_PIECE_LENGTH) seen.set(piece, tokens);
      }
      visit(tokens, start);
    }
  }

  private encodePiece(piece: string): PieceTokens {
    const { bytes, offsets } = utf8(piece);
    const whole = this.ranks.get(bytes);
    return whole === undefined ? this.split(bytes, offsets) : { ids: [whole], ends: [piece.length] };
  }

  private split(bytes: string, offsets: Int32Array | null): PieceTokens {
    const { ids, byteEnds } = this.merger.merge(bytes);
    return { ids, ends: offsets ? byteEnds.map((end) => offsets[end]) : byteEnds };
  }
}

/**
 * The piece's UTF-8 bytes as a latin1 string, and for each byte offset the UTF-16 offset that starts there
 * (-1 inside a character); null when the piece is ASCII and the two are the same.
 */
function utf8(piece: string): { bytes: string; offsets: Int32Array | null } {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(piece)) return { bytes: piece, offsets: null };
  const bytes = Buffer.from(piece, 'utf8').toString('latin1');
  const offsets = new Int32Array(bytes.length + 1).fill(-1);
  let byte = 0;
  for (let unit = 0; unit < piece.length;) {
    offsets[byte] = unit;
    const point = piece.codePointAt(unit)!;
    // A lone surrogate is written as U+FFFD, three bytes, as its code point's width says.
    byte += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    unit += point > 0xffff ? 2 : 1;
  }
  offsets[byte] = piece.length;
  return { bytes, offsets };
}

let loading: Promise<Cl100k> | undefined;

/** Loads the rank table on first use (~0.2 s, 1 MB of source, ~15 MB of heap), so start-up does not pay for it. */
export function loadCl100k(): Promise<Cl100k> {
  loading ??= import('js-tiktoken/ranks/cl100k_base').then(
    ({ default: encoding }) => new Cl100k(parseRanks(encoding.bpe_ranks), encoding.pat_str),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** js-tiktoken's compact table: lines of `<tag> <first rank> <base64 token> <base64 token> …`, ranks consecutive. */
function parseRanks(compact: string): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const line of compact.split('\n')) {
    const [, first, ...tokens] = line.split(' ');
    if (first === undefined) continue;
    const offset = Number.parseInt(first, 10);
    tokens.forEach((token, i) => ranks.set(Buffer.from(token, 'base64').toString('latin1'), offset + i));
  }
  return ranks;
}
