import { ExtractionError } from '../extraction-error.js';
import type { TextSink } from '../text-sink.js';
import { pushRow } from './rows.js';
import { parseXmlEntry, readRelationships, relatedParts } from './xml-stream.js';
import type { ZipArchive } from './zip-archive.js';

const WORKBOOK = 'xl/workbook.xml';

/** Every sheet in workbook order, each under its name, one line per row. */
export async function xlsxText(archive: ZipArchive, sink: TextSink): Promise<void> {
  if (!archive.has(WORKBOOK)) throw new ExtractionError('The spreadsheet could not be read: it has no workbook.');
  const sheets: { name: string; relationshipId: string }[] = [];
  await parseXmlEntry(archive, WORKBOOK, {
    open(name, attributes) {
      if (name === 'sheet') sheets.push({ name: attributes.name ?? '', relationshipId: attributes['r:id'] ?? '' });
    },
  });
  const parts = await readRelationships(archive, WORKBOOK);
  const sharedStrings = await readSharedStrings(archive);
  for (const sheet of sheets) {
    const part = parts.get(sheet.relationshipId)?.path;
    if (!part || !archive.has(part) || sink.full) continue;
    sink.paragraph();
    sink.push(`Sheet: ${sheet.name}\n`);
    await readSheet(archive, part, sharedStrings, sink);
  }
}

/** The workbook's shared string table: most cell texts are indexes into it. */
async function readSharedStrings(archive: ZipArchive): Promise<string[]> {
  const [part] = await relatedParts(archive, WORKBOOK, 'sharedStrings');
  const strings: string[] = [];
  if (!part) return strings;
  let current: string[] = [];
  let inText = false;
  let phoneticDepth = 0; // rPh holds a reading aid (furigana), not cell text
  await parseXmlEntry(archive, part, {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 'rPh') phoneticDepth += 1;
      else if (name === 't') inText = phoneticDepth === 0;
    },
    close(name) {
      if (name === 'si') strings.push(current.join(''));
      else if (name === 'rPh') phoneticDepth -= 1;
      else if (name === 't') inText = false;
    },
    text(text) {
      if (inText) current.push(text);
    },
  });
  return strings;
}

/** Streams one worksheet: cells are placed by their reference (B3 → column 2), so gaps stay gaps. */
async function readSheet(archive: ZipArchive, part: string, sharedStrings: string[], sink: TextSink): Promise<void> {
  let row: string[] = [];
  let cell = { column: 0, type: '', value: '' };
  let reading: 'value' | 'inline' | null = null;
  await parseXmlEntry(
    archive,
    part,
    {
      open(name, attributes) {
        if (name === 'row') row = [];
        else if (name === 'c')
          cell = { column: columnIndex(attributes.r) ?? row.length, type: attributes.t ?? '', value: '' };
        else if (name === 'v') reading = 'value';
        else if (name === 't' && cell.type === 'inlineStr') reading = 'inline';
      },
      close(name) {
        if (name === 'v' || name === 't') reading = null;
        else if (name === 'c') row[cell.column] = cellText(cell.type, cell.value, sharedStrings);
        else if (name === 'row')
          pushRow(
            sink,
            Array.from(row, (value) => value ?? ''),
          );
      },
      text(text) {
        if (reading) cell.value += text;
      },
    },
    () => sink.full,
  );
}

function cellText(type: string, value: string, sharedStrings: string[]): string {
  if (type === 's') return sharedStrings[Number(value)] ?? '';
  if (type === 'b') return value === '1' ? 'TRUE' : 'FALSE';
  return value;
}

/** "AB12" → 27 (0-based column); undefined when the reference is missing or odd. */
function columnIndex(reference: string | undefined): number | undefined {
  const letters = /^([A-Z]{1,3})\d*$/i.exec(reference ?? '')?.[1];
  if (!letters) return undefined;
  return [...letters.toUpperCase()].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}
