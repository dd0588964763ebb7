import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import { loadCl100k } from '../src/retrieval/chunking/cl100k.js';
import { splitText, splitTextPieces, type TextChunk } from '../src/retrieval/chunking/split-text.js';

const characters = (size: number, overlap: number) => ({
  TEXT_SPLITTER: 'character' as const,
  CHUNK_SIZE: size,
  CHUNK_OVERLAP: overlap,
});
const tokens = (size: number, overlap: number) => ({
  TEXT_SPLITTER: 'token' as const,
  CHUNK_SIZE: size,
  CHUNK_OVERLAP: overlap,
});
const reference = new Tiktoken(cl100kBase);
const encode = (text: string) => reference.encode(text, [], []);

/** A seeded generator, so every run splits the same texts. */
function random(seed: number) {
  return () => (seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

/**
 * Words (some too long for a chunk) joined by spaces, line breaks and paragraph breaks. With a vocabulary, words
 * come from that many made-up words, the common ones far more often, as in real text.
 */
function prose(
  seed: number,
  length: number,
  { letters = 'abcdefghijklmnopqrstuvwxyzéß', vocabulary = 0 } = {},
): string {
  const next = random(seed);
  const word = () => {
    const size = next() < 0.03 ? 30 + Math.floor(next() * 60) : 1 + Math.floor(next() * 12);
    return Array.from({ length: size }, () => letters[Math.floor(next() * letters.length)]).join('');
  };
  const words = Array.from({ length: vocabulary }, word);
  const separators = [' ', ' ', ' ', ' ', ' ', '\n', '\n\n', '  ', '\n\n\n', ' \n'];
  const parts: string[] = [];
  for (let total = 0; total < length;) {
    const part =
      (vocabulary ? words[Math.floor(vocabulary ** next()) - 1] : word()) + separators[Math.floor(next() * 10)];
    parts.push(part);
    total += part.length;
  }
  return parts.join('');
}

/** LangChain's RecursiveCharacterTextSplitter and create_documents(add_start_index), transcribed line by line. */
function langchainCharacterSplit(text: string, size: number, overlap: number): TextChunk[] {
  const len = (s: string) => [...s].length;
  const strip = (s: string) => s.replace(/^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g, ''); // eslint-disable-line no-control-regex
  const merge = (splits: string[]) => {
    const docs: string[] = [];
    let current: string[] = [];
    let total = 0;
    for (const d of splits) {
      if (total + len(d) > size && current.length > 0) {
        if (strip(current.join(''))) docs.push(strip(current.join('')));
        while (total > overlap || (total + len(d) > size && total > 0)) {
          total -= len(current[0]);
          current = current.slice(1);
        }
      }
      current.push(d);
      total += len(d);
    }
    if (strip(current.join(''))) docs.push(strip(current.join('')));
    return docs;
  };
  const split = (s: string, separators: string[]): string[] => {
    const i = separators.findIndex((sep) => sep === '' || s.includes(sep));
    const [separator, rest] = [separators[i], separators[i] === '' ? [] : separators.slice(i + 1)];
    const parts = separator === '' ? [...s] : s.split(separator).map((p, k) => (k === 0 ? p : separator + p));
    const out: string[] = [];
    let good: string[] = [];
    for (const piece of parts.filter(Boolean)) {
      if (len(piece) < size) good.push(piece);
      else {
        out.push(...merge(good));
        good = [];
        out.push(...(rest.length === 0 ? [piece] : split(piece, rest)));
      }
    }
    return [...out, ...merge(good)];
  };
  let index = 0;
  let previous: string | undefined;
  return split(text, ['\n\n', '\n', ' ', '']).map((content) => {
    const offset = index + (previous === undefined ? 0 : len(previous) - overlap);
    index = text.indexOf(content, Math.max(0, offset));
    previous = content;
    return { content, start_index: index };
  });
}

/** What every splitter promises: exact slices, never blank, in order. */
function assertWellFormed(text: string, chunks: TextChunk[]): void {
  let previousStart = -1;
  for (const { content, start_index } of chunks) {
    assert.ok(content.trim().length > 0, 'a blank chunk');
    assert.ok(text.startsWith(content, start_index), `chunk at ${start_index} is not the text there`);
    assert.ok(start_index >= previousStart, 'chunks go backwards');
    previousStart = start_index;
  }
}

describe('character splitter (TEXT_SPLITTER "character" or "")', () => {
  it("gives LangChain's own expected chunks and start indexes", async () => {
    const text = `Hi.\n\nI'm Harrison.\n\nHow? Are? You?\nOkay then f f f f.
This is a weird text to write, but gotta test the splittingggg some how.\n\nBye!\n\n-H.`;
    const expected = ['Hi.', "I'm", 'Harrison.', 'How? Are?', 'You?', 'Okay then', 'f f f f.', 'This is a', 'weird'];
    expected.push('text to', 'write,', 'but gotta', 'test the', 'splitting', 'gggg', 'some how.', 'Bye!', '-H.');
    assert.deepEqual(
      (await splitText(text, characters(10, 1))).map((c) => c.content),
      expected,
    );
    const repeated = await splitText('w1 w1 w1 w1 w1 w1 w1 w1 w1', { ...characters(6, 0), TEXT_SPLITTER: '' });
    assert.deepEqual(
      repeated,
      [0, 6, 12, 18, 24].map((start_index, i) => ({ content: i < 4 ? 'w1 w1' : 'w1', start_index })),
    );
  });

  it('matches a line-by-line transcription of LangChain on varied text, sizes and overlaps', async () => {
    let placed = 0;
    for (const [seed, size, overlap] of [
      [1, 2, 0],
      [2, 5, 1],
      [3, 10, 3],
      [4, 37, 10],
      [5, 100, 0],
      [6, 120, 119],
      [7, 1000, 100],
    ]) {
      const text = prose(seed, 4000);
      const chunks = await splitText(text, characters(size, overlap));
      const expected = langchainCharacterSplit(text, size, overlap);
      assert.deepEqual(
        chunks.map((c) => c.content),
        expected.map((c) => c.content),
        `seed ${seed}, size ${size}`,
      );
      // LangChain finds each chunk's text from an estimated offset, which can land on an earlier copy of a short
      // chunk; ours is where the chunk was cut. They agree wherever the text holds the chunk once.
      const unique = (content: string) => text.indexOf(content) === text.lastIndexOf(content);
      for (const [i, chunk] of chunks.entries()) {
        if (!unique(chunk.content)) continue;
        assert.equal(chunk.start_index, expected[i].start_index);
        placed++;
      }
      assert.ok(chunks.every((c) => [...c.content].length <= size));
      assertWellFormed(text, chunks);
    }
    assert.ok(placed > 500, `only ${placed} start indexes compared`);
  });

  it("strips what Python's strip() strips, which is more than JavaScript's trim()", async () => {
    assert.deepEqual(await splitText('\x1c\x85 alpha beta\u3000\x1f', characters(100, 0)), [
      { content: 'alpha beta', start_index: 3 },
    ]);
  });

  it('counts characters as code points and never cuts a surrogate pair', async () => {
    const text = '😀😀😀😀😀😀😀😀😀😀😀 ab😀cd\n\n' + '𝒳'.repeat(23);
    const chunks = await splitText(text, characters(5, 2));
    // LangChain's start_index counts code points here; ours counts UTF-16 units, so only the contents compare.
    assert.deepEqual(
      chunks.map((c) => c.content),
      langchainCharacterSplit(text, 5, 2).map((c) => c.content),
    );
    assert.ok(chunks.every((c) => [...c.content].length <= 5 && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(c.content)));
    assert.equal(chunks[0].content, '😀😀😀😀😀');
    assertWellFormed(text, chunks);
  });
});

describe('splitting a text read a piece at a time', () => {
  const piecesOf = (pieces: string[]) => () => Readable.from(pieces) as AsyncIterable<string>;

  /** The text cut at random places (some pieces empty, some one character, some cutting "\n\n" or a pair). */
  function cut(text: string, seed: number, longest: number): string[] {
    const next = random(seed);
    const pieces: string[] = [];
    for (let at = 0; at < text.length;) {
      const length = Math.floor(next() * longest);
      pieces.push(text.slice(at, at + length));
      at += length;
    }
    return pieces;
  }

  async function streamed(pieces: string[], settings: ReturnType<typeof characters>, batch: number) {
    const chunks: TextChunk[] = [];
    for await (const group of splitTextPieces(piecesOf(pieces), settings, batch)) {
      assert.ok(group.length > 0 && group.length <= batch);
      chunks.push(...group);
    }
    return chunks;
  }

  it('gives exactly the chunks of the whole text, wherever the pieces are cut', async () => {
    const texts = [
      prose(11, 20_000),
      prose(12, 20_000).replaceAll('\n\n', '\n'),
      prose(13, 20_000).replace(/\n/g, ' '),
      'x'.repeat(3000) + '\n\n' + 'y'.repeat(50) + ' ' + 'z'.repeat(2000),
      'abcdefghij'.repeat(500),
      '😀😀😀😀😀😀😀😀😀😀😀 ab😀cd\n\n' + '𝒳'.repeat(2300),
      '𝒳'.repeat(2000),
      '\n\n\n\n\n a \n\n\n b\n\n\n\n',
    ];
    for (const [t, text] of texts.entries()) {
      for (const [size, overlap] of [
        [1, 0],
        [7, 3],
        [100, 20],
        [1000, 100],
      ]) {
        const settings = characters(size, overlap);
        const whole = await splitText(text, settings);
        for (const longest of [3, 200, 70_000]) {
          const pieces = cut(text, t * 31 + size + longest, longest);
          assert.deepEqual(await streamed(pieces, settings, 17), whole, `text ${t}, size ${size}, pieces ≤ ${longest}`);
        }
      }
    }
  });

  it('reads token splits whole, with the same chunks', async () => {
    const text = prose(14, 5000);
    const settings = { ...characters(50, 10), TEXT_SPLITTER: 'token' as const };
    const whole = await splitText(text, settings);
    const chunks: TextChunk[] = [];
    for await (const group of splitTextPieces(piecesOf(cut(text, 5, 500)), settings, 10)) {
      chunks.push(...group);
    }
    assert.deepEqual(chunks, whole);
  });
});

describe('token splitter (TEXT_SPLITTER "token", cl100k_base)', () => {
  it('tokenizes exactly as js-tiktoken, special-token text included', async () => {
    const encoder = await loadCl100k();
    const samples = [
      prose(8, 3000),
      'Grüße 👋 from 東京 — naïve “quotes” <|endoftext|> 12345678 \t\n\n  x',
      'aaaa'.repeat(500),
    ];
    samples.push(
      '检索增强生成将文档拆分为多个片段，然后对每个片段进行向量化处理。'.repeat(20),
      'def f(x):\r\n\treturn x**2  # ok',
    );
    for (const text of samples) assert.deepEqual(encoder.encode(text), encode(text));
  });

  it('places each token end where the decoded prefix ends', async () => {
    const text = 'Grüße 👋 from 東京 and 𝒳𝒴: words, words.\n\n新しい段落';
    const encoder = await loadCl100k();
    const [ids, ends] = [encoder.encode(text), encoder.tokenEnds(text)];
    assert.equal(ends.length, ids.length);
    ends.forEach((end, k) => {
      if (end >= 0) assert.equal(reference.decode(ids.slice(0, k + 1)), text.slice(0, end));
      else assert.ok(reference.decode(ids.slice(0, k + 1)).endsWith('\uFFFD'), 'a split character');
    });
  });

  it("cuts windows of CHUNK_SIZE tokens, CHUNK_SIZE - CHUNK_OVERLAP apart, as LangChain's TokenTextSplitter", async () => {
    const text = prose(9, 8000, { letters: 'abcdefghijklmnopqrstuvwxyz' });
    for (const [size, overlap] of [
      [50, 10],
      [200, 0],
      [7, 6],
      [1, 0],
    ]) {
      const ids = encode(text);
      const expected: TextChunk[] = [];
      for (let start = 0; start < ids.length; start += size - overlap) {
        const content = reference.decode(ids.slice(start, start + size));
        if (content.trim()) expected.push({ content, start_index: reference.decode(ids.slice(0, start)).length });
        if (start + size >= ids.length) break;
      }
      assert.deepEqual(await splitText(text, tokens(size, overlap)), expected, `size ${size}, overlap ${overlap}`);
    }
  });

  it('moves a cut that would split a character to a whole one, within the window', async () => {
    const text = '東京都の新しい図書館で𝒳𝒴𝒵を読む。🧑‍🚀 astronauts 🚀🚀🚀 and 检索增强生成'.repeat(40);
    const ends = (await loadCl100k()).tokenEnds(text);
    // Whole-character cuts are token ends that are not -1: boundary k + 1 sits at ends[k].
    const boundaryAt = new Map(ends.map((end, k) => [end, k + 1]));
    boundaryAt.set(0, 0);
    for (const [size, overlap] of [
      [3, 1],
      [10, 4],
      [64, 16],
    ]) {
      const chunks = await splitText(text, tokens(size, overlap));
      assertWellFormed(text, chunks);
      assert.ok(chunks.every((c) => !c.content.includes('\uFFFD')));
      assert.equal(chunks.at(-1)!.start_index + chunks.at(-1)!.content.length, text.length);
      for (const { content, start_index } of chunks) {
        const count = boundaryAt.get(start_index + content.length)! - boundaryAt.get(start_index)!;
        // Only a lone character of more tokens than the window may exceed it.
        assert.ok(count <= size || [...content].length === 1, `${count} tokens in a window of ${size}`);
      }
    }
  });
});

describe('both splitters', () => {
  for (const settings of [characters(10, 0), tokens(10, 0)]) {
    const name = settings.TEXT_SPLITTER;
    it(`${name}: no chunks from empty or blank text, no blank chunks from spaced text`, async () => {
      assert.deepEqual(await splitText('', settings), []);
      assert.deepEqual(await splitText(' \n\n\t  \n '.repeat(50), settings), []);
      // Each blank run is many windows long in either unit, so blank windows would appear if they were kept.
      const blank = ' \t\n'.repeat(100);
      assert.ok(encode(blank).length > 20);
      const spaced = `alpha${blank}beta${blank}gamma`;
      const chunks = await splitText(spaced, settings);
      assertWellFormed(spaced, chunks);
      assert.deepEqual(
        chunks.flatMap((c) => c.content.split(/\s+/).filter(Boolean)),
        ['alpha', 'beta', 'gamma'],
      );
    });

    it(`${name}: an overlap at or above the size still advances`, async () => {
      const text = prose(10, 3000);
      for (const overlap of [10, 11, 1000]) {
        const chunks = await splitText(text, { ...settings, CHUNK_OVERLAP: overlap });
        assertWellFormed(text, chunks);
        assert.deepEqual(chunks, await splitText(text, { ...settings, CHUNK_OVERLAP: 9 }));
      }
    });

    it(`${name}: splits 5 MB in linear time (throughput reported)`, async (t) => {
      const text = prose(11, 5_000_000, { vocabulary: 20_000 });
      await splitText('warm up the encoder', settings);
      const started = performance.now();
      const chunks = await splitText(text, { ...settings, CHUNK_SIZE: 1000, CHUNK_OVERLAP: 100 });
      const seconds = (performance.now() - started) / 1000;
      t.diagnostic(
        `${name}: ${text.length} chars → ${chunks.length} chunks in ${(seconds * 1000).toFixed(0)} ms (${(text.length / 1e6 / seconds).toFixed(1)} MB/s)`,
      );
      assertWellFormed(text, chunks);
      assert.equal(text.slice(chunks.at(-1)!.start_index + chunks.at(-1)!.content.length).trim(), '');
    });
  }
});
