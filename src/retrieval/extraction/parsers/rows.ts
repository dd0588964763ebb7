import type { TextSink } from '../text-sink.js';

/**
 * One table row as a readable line: cells joined by ", " (line breaks inside a cell become spaces),
 * trailing empty cells dropped, empty rows skipped.
 */
export function pushRow(sink: TextSink, cells: readonly string[]): void {
  let end = cells.length;
  while (end > 0 && cells[end - 1].trim() === '') end -= 1;
  if (end === 0) return;
  const line = cells.slice(0, end).map((cell) => cell.replace(/\s*[\r\n]+\s*/g, ' '));
  sink.push(`${line.join(', ')}\n`);
}
