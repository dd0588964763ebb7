import type { TextSink } from '../text-sink.js';
import { parseXmlChunks } from './xml-stream.js';

/** A plain XML file as its text content: each element's text on a line of its own, markup dropped. */
export function xmlText(chunks: Iterable<string>, sink: TextSink): void {
  let pending = '';
  // Text may arrive in pieces (across chunks, around entities): gather it until the next tag.
  const flush = () => {
    const line = pending.replace(/\s+/g, ' ').trim();
    if (line) sink.push(`${line}\n`);
    pending = '';
  };
  parseXmlChunks(chunks, { open: flush, close: flush, text: (text) => void (pending += text) }, () => sink.full);
  flush();
}
