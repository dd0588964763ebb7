import type { RagSettings } from '../../config/app-config.js';
import { CharacterChunker, SeparatorScan, splitCharacters } from './character-splitter.js';
import { loadCl100k } from './cl100k.js';
import type { TextChunk } from './text-chunk.js';
import { splitTokens } from './token-splitter.js';

export type { TextChunk } from './text-chunk.js';
export type ChunkingSettings = Pick<RagSettings, 'TEXT_SPLITTER' | 'CHUNK_SIZE' | 'CHUNK_OVERLAP'>;

/** A text read a piece at a time, as often as asked (a stored text streamed again). */
export type TextPieces = () => AsyncIterable<string>;

/**
 * Splits a document as Open WebUI does: TEXT_SPLITTER '' or 'character' counts CHUNK_SIZE in characters,
 * 'token' in cl100k_base tokens (the encoder loads on the first token split). Chunks are never blank.
 */
export async function splitText(text: string, settings: ChunkingSettings): Promise<TextChunk[]> {
  const { size, overlap } = sizes(settings);
  switch (settings.TEXT_SPLITTER) {
    case '':
    case 'character':
      return splitCharacters(text, size, overlap);
    case 'token':
      return splitTokens(text, await loadCl100k(), size, overlap);
  }
}

/**
 * The chunks `splitText` makes of the whole text, `batch` at a time, without holding the text: the
 * character splitter reads it twice (which separators it holds, then the split). The token splitter
 * still reads it whole: its pre-tokenizer has no place where a cut is known to be safe.
 */
export async function* splitTextPieces(
  pieces: TextPieces,
  settings: ChunkingSettings,
  batch: number,
): AsyncGenerator<TextChunk[]> {
  if (settings.TEXT_SPLITTER === 'token') {
    let text = '';
    for await (const piece of pieces()) text += piece;
    const chunks = await splitText(text, settings);
    for (let start = 0; start < chunks.length; start += batch) yield chunks.slice(start, start + batch);
    return;
  }
  const scan = new SeparatorScan();
  for await (const piece of pieces()) scan.push(piece);
  const { size, overlap } = sizes(settings);
  let ready: TextChunk[] = [];
  const chunker = new CharacterChunker(size, overlap, scan.first(), (chunk) => ready.push(chunk));
  const full = function* () {
    while (ready.length >= batch) {
      yield ready.slice(0, batch);
      ready = ready.slice(batch);
    }
  };
  for await (const piece of pieces()) {
    chunker.push(piece);
    yield* full();
  }
  chunker.end();
  yield* full();
  if (ready.length > 0) yield ready;
}

function sizes(settings: ChunkingSettings): { size: number; overlap: number } {
  const size = Math.max(1, Math.floor(settings.CHUNK_SIZE));
  // LangChain refuses an overlap above the size, and the token windows would stop advancing at it: cap it.
  const overlap = Math.min(Math.max(0, Math.floor(settings.CHUNK_OVERLAP)), size - 1);
  return { size, overlap };
}
