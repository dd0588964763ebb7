import { HtmlTextWriter } from './parsers/html-text-writer.js';
import { TextSink } from './text-sink.js';

/**
 * Readable text of an HTML page: no markup, scripts, styles or navigation; paragraphs separated by
 * blank lines; entities decoded. Shared by file uploads and URL ingestion.
 */
export function htmlToText(html: string, maxChars = Number.POSITIVE_INFINITY): string {
  const sink = new TextSink(maxChars);
  const writer = new HtmlTextWriter(sink);
  writer.write(html);
  writer.end();
  return sink.text();
}
