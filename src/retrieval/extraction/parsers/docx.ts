import { ExtractionError } from '../extraction-error.js';
import type { TextSink } from '../text-sink.js';
import { parseXmlEntry, relatedParts } from './xml-stream.js';
import type { ZipArchive } from './zip-archive.js';

/** Where Word puts the body; read when the package's relationships do not say. */
const DEFAULT_BODY = 'word/document.xml';

/**
 * A Word document's body, then its footnotes and endnotes: one paragraph per paragraph, table rows
 * as lines of cells joined by " | ". Streamed (a DOM of a long document's XML outgrows the worker's
 * heap: mammoth failed at 256 MB on an 11 MB document.xml). Deleted text (w:delText), field codes
 * and the fallback copies of alternate content (mc:Fallback) are not text and are skipped.
 */
export async function docxText(archive: ZipArchive, sink: TextSink): Promise<void> {
  const [named] = await relatedParts(archive, '', 'officeDocument');
  const body = named ?? (archive.has(DEFAULT_BODY) ? DEFAULT_BODY : undefined);
  if (!body) throw new ExtractionError('The Word document could not be read: it has no document part.');
  const notes = [
    ...(await relatedParts(archive, body, 'footnotes')),
    ...(await relatedParts(archive, body, 'endnotes')),
  ];
  for (const part of [body, ...notes]) {
    if (!sink.full) await readPart(archive, part, sink);
  }
}

async function readPart(archive: ZipArchive, part: string, sink: TextSink): Promise<void> {
  let paragraph = '';
  let inText = false;
  let runDepth = 0; // w:tab and w:br count only inside runs (in paragraph properties they define tab stops)
  let skipDepth = 0;
  let tableDepth = 0;
  let cell: string[] = [];
  let row: string[] = [];
  const endParagraph = () => {
    const text = paragraph.trim();
    paragraph = '';
    if (!text) return;
    if (tableDepth > 0) cell.push(text);
    else {
      sink.paragraph();
      sink.push(text);
    }
  };
  await parseXmlEntry(
    archive,
    part,
    {
      open(name) {
        if (skipDepth > 0 || name === 'Fallback') skipDepth += 1;
        else if (name === 't') inText = true;
        else if (name === 'r') runDepth += 1;
        else if (runDepth > 0 && name === 'tab') paragraph += '\t';
        else if (runDepth > 0 && (name === 'br' || name === 'cr')) paragraph += '\n';
        else if (name === 'noBreakHyphen') paragraph += '-';
        else if (name === 'tbl' && ++tableDepth === 1) sink.paragraph();
      },
      close(name) {
        if (skipDepth > 0) skipDepth -= 1;
        else if (name === 't') inText = false;
        else if (name === 'r') runDepth -= 1;
        else if (name === 'p') endParagraph();
        else if (name === 'tc' && tableDepth === 1) {
          row.push(cell.join(' '));
          cell = [];
        } else if (name === 'tr' && tableDepth === 1) {
          if (row.some((text) => text)) sink.push(`${row.join(' | ')}\n`);
          row = [];
        } else if (name === 'tbl') tableDepth -= 1;
      },
      text(text) {
        if (inText && skipDepth === 0) paragraph += text;
      },
    },
    () => sink.full,
  );
}
