/**
 * LangChain's TokenTextSplitter as Open WebUI runs it (cl100k_base): windows of `size` tokens that start
 * `size - overlap` tokens apart, the last one ending with the text. Windows are cut on token boundaries
 * in the text rather than decoded, so a chunk is exactly the text it came from and its start_index is
 * exact. Where a character's bytes are split over tokens, the cut moves to the nearest whole character
 * (inside the window when it can), so no chunk carries half a character as U+FFFD.
 */
import type { Cl100k } from './cl100k.js';
import type { TextChunk } from './text-chunk.js';
import { isBlank } from './text-chunk.js';

export function splitTokens(text: string, encoder: Cl100k, size: number, overlap: number): TextChunk[] {
  const ends = encoder.tokenEnds(text);
  const count = ends.length;
  // Boundary k lies before token k; boundaries 0 and `count` are always whole characters.
  const offset = (k: number) => (k === 0 ? 0 : ends[k - 1]);
  const whole = (k: number) => offset(k) >= 0;
  /** The last whole boundary in (floor, k], else the first after k. */
  const wholeNear = (k: number, floor: number) => {
    for (let back = k; back > floor; back--) if (whole(back)) return back;
    let forward = k + 1;
    while (!whole(forward)) forward++;
    return forward;
  };

  const chunks: TextChunk[] = [];
  for (let start = 0; start < count;) {
    const end = wholeNear(Math.min(start + size, count), start);
    const content = text.slice(offset(start), offset(end));
    if (!isBlank(content)) chunks.push({ content, start_index: offset(start) });
    if (end === count) break;
    start = wholeNear(Math.max(end - overlap, start + 1), start);
  }
  return chunks;
}
