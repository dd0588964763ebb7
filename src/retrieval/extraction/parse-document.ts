import { readFile } from 'node:fs/promises';
import type { ExtractionLimits } from '../../config/app-config.js';
import { ExtractionError } from './extraction-error.js';
import type { DocumentFormat } from './file-format.js';
import { delimitedText } from './parsers/delimited.js';
import { docxText } from './parsers/docx.js';
import { epubText } from './parsers/epub.js';
import { HtmlTextWriter } from './parsers/html-text-writer.js';
import { pdfText } from './parsers/pdf.js';
import { pptxText } from './parsers/pptx.js';
import { textChunks } from './parsers/text-chunks.js';
import { xlsxText } from './parsers/xlsx.js';
import { xmlText } from './parsers/xml-text.js';
import { ZipArchive } from './parsers/zip-archive.js';
import { TextSink } from './text-sink.js';

export interface ParseRequest {
  path: string;
  format: DocumentFormat;
  limits: ExtractionLimits;
}

export interface ParsedDocument {
  text: string;
  pages?: number;
}

/** What the worker posts back: the text, or a message the user may read. */
export type WorkerReply = { ok: true; document: ParsedDocument } | { ok: false; message: string };

/** The formats that are zip archives of XML parts. */
const ZIP_FORMATS = { docx: docxText, xlsx: xlsxText, pptx: pptxText, epub: epubText };

/** Reads one file in the format chosen for it (inside the extraction worker). */
export async function parseDocument({ path, format, limits }: ParseRequest): Promise<ParsedDocument> {
  const data = await readFile(path);
  // Checked again here: the file may have grown since its size was checked before the worker started.
  if (data.length > limits.maxBytes) throw new ExtractionError('The file is larger than can be processed.');
  const sink = new TextSink(limits.maxTextChars);
  let pages: number | undefined;
  switch (format) {
    case 'pdf':
      pages = await pdfText(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), limits.maxPages, sink);
      break;
    case 'docx':
    case 'xlsx':
    case 'pptx':
    case 'epub':
      await ZIP_FORMATS[format](await ZipArchive.open(data, limits.maxUnzippedBytes), sink);
      break;
    case 'csv':
    case 'tsv':
      delimitedText(textChunks(data), format === 'csv' ? ',' : '\t', sink);
      break;
    case 'html': {
      const writer = new HtmlTextWriter(sink);
      for (const chunk of textChunks(data)) if (!sink.full) writer.write(chunk);
      writer.end();
      break;
    }
    case 'xml':
      xmlText(textChunks(data), sink);
      break;
    case 'text':
      for (const chunk of textChunks(data)) {
        sink.push(chunk);
        if (sink.full) break;
      }
      break;
  }
  return { text: sink.text(), pages };
}
