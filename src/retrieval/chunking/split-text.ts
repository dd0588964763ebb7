import type { RagSettings } from '../../config/app-config.js';
import { splitCharacters } from './character-splitter.js';
import { loadCl100k } from './cl100k.js';
import type { TextChunk } from './text-chunk.js';
import { splitTokens } from './token-splitter.js';

export type { TextChunk } from './text-chunk.js';
export type ChunkingSettings = Pick<RagSettings, 'TEXT_SPLITTER' | 'CHUNK_SIZE' | 'CHUNK_OVERLAP'>;

/**
 * Splits a document as Open WebUI does: TEXT_SPLITTER '' or 'character' counts CHUNK_SIZE in characters,
 * 'token' in cl100k_base tokens (the encoder loads on the first token split). Chunks are never blank.
 */
export async function splitText(text: string, settings: ChunkingSettings): Promise<TextChunk[]> {
  const size = Math.max(1, Math.floor(settings.CHUNK_SIZE));
  // LangChain refuses an overlap above the size, and the token windows would stop advancing at it: cap it.
  const overlap = Math.min(Math.max(0, Math.floor(settings.CHUNK_OVERLAP)), size - 1);
  switch (settings.TEXT_SPLITTER) {
    case '':
    case 'character':
      return splitCharacters(text, size, overlap);
    case 'token':
      return splitTokens(text, await loadCl100k(), size, overlap);
  }
}
