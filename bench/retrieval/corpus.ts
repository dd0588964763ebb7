// Deterministic text for the retrieval bench: words drawn from a Zipf-distributed vocabulary, so
// texts share common words and differ in rare ones, as prose does; the same seed gives the same text.

/** A repeatable pseudo-random stream in [0, 1). */
export function randomStream(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'qui', 'dor', 'len', 'mar', 'tis', 'bu'];

export class Corpus {
  private readonly words: string[];
  /** Cumulative Zipf weights over `words`. */
  private readonly cumulative: Float64Array;
  private readonly random: () => number;

  constructor(seed = 42, vocabulary = 20_000) {
    this.random = randomStream(seed);
    this.words = Array.from({ length: vocabulary }, (_, i) => wordFor(i));
    this.cumulative = new Float64Array(vocabulary);
    let total = 0;
    for (let i = 0; i < vocabulary; i++) this.cumulative[i] = total += 1 / (i + 1);
    for (let i = 0; i < vocabulary; i++) this.cumulative[i] /= total;
  }

  word(): string {
    const target = this.random();
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.cumulative[mid] < target) low = mid + 1;
      else high = mid;
    }
    return this.words[low];
  }

  /** A sentence of 8–20 words. */
  sentence(): string {
    const length = 8 + Math.floor(this.random() * 13);
    const words = Array.from({ length }, () => this.word());
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return `${words.join(' ')}.`;
  }

  /** Paragraphs of sentences until about `chars` characters. */
  text(chars: number): string {
    const paragraphs: string[] = [];
    let size = 0;
    while (size < chars) {
      const sentences = Array.from({ length: 3 + Math.floor(this.random() * 4) }, () => this.sentence());
      const paragraph = sentences.join(' ');
      paragraphs.push(paragraph);
      size += paragraph.length + 2;
    }
    return paragraphs.join('\n\n');
  }

  /** `count` words picked from `text` (a question about it). */
  questionAbout(text: string, count: number): string {
    const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
    return Array.from({ length: count }, () => words[Math.floor(this.random() * words.length)]).join(' ');
  }

  pick<T>(items: T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
}

/** The vocabulary's word of rank `index + 1` (0 is the most frequent). */
export function wordFor(index: number): string {
  let word = '';
  let rest = index;
  do {
    word += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return word;
}
