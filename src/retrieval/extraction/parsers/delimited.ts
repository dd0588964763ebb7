import type { TextSink } from '../text-sink.js';
import { pushRow } from './rows.js';

/**
 * CSV/TSV rows as readable lines. A small RFC 4180 reader (quoted cells may hold separators,
 * doubled quotes and line breaks) fed chunk by chunk, so it stops once the sink is full.
 */
export function delimitedText(chunks: Iterable<string>, separator: ',' | '\t', sink: TextSink): void {
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteSeen = false; // inside quotes, a quote that may be the first of a doubled pair
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (const chunk of chunks) {
    for (const char of chunk) {
      if (quoted) {
        if (quoteSeen) {
          quoteSeen = false;
          if (char === '"') {
            cell += '"';
            continue;
          }
          quoted = false;
        } else if (char === '"') {
          quoteSeen = true;
          continue;
        } else {
          cell += char;
          continue;
        }
      }
      if (char === '"' && cell === '') quoted = true;
      else if (char === separator) endCell();
      else if (char === '\n') {
        endCell();
        pushRow(sink, row);
        row = [];
      } else if (char !== '\r') cell += char;
    }
    // An unclosed quote would otherwise gather the rest of the file into one cell.
    if (sink.full || cell.length > sink.maxChars) break;
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    pushRow(sink, row);
  }
}
