// Small, valid documents of every format the extraction reads, built in memory for tests.
import { zipArchive } from './zip-writer.js';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const relationships = (targets: { id: string; type: string; target: string }[]) =>
  `${XML}<Relationships xmlns="${RELS_NS}">${targets
    .map(({ id, type, target }) => `<Relationship Id="${id}" Type="${OFFICE_REL}/${type}" Target="${target}"/>`)
    .join('')}</Relationships>`;

const contentTypes = (overrides: Record<string, string>) =>
  `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  Object.entries(overrides)
    .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
    .join('') +
  '</Types>';

const rootRels = (target: string) => relationships([{ id: 'rId1', type: 'officeDocument', target }]);

/** Body content of a Word document: a paragraph, a table (rows of cells), or raw body XML. */
export type WordBlock = string | string[][] | { xml: string };

const wordParagraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
const wordBlock = (block: WordBlock) =>
  typeof block === 'string'
    ? wordParagraph(block)
    : 'xml' in block
      ? block.xml
      : `<w:tbl>${block.map((row) => `<w:tr>${row.map((cell) => `<w:tc>${wordParagraph(cell)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;

/** A Word document of paragraphs and tables. */
export function docx(blocks: WordBlock[]): Buffer {
  const body = blocks.map(wordBlock);
  return zipArchive([
    {
      name: '[Content_Types].xml',
      data: contentTypes({
        '/word/document.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      }),
    },
    { name: '_rels/.rels', data: rootRels('word/document.xml') },
    {
      name: 'word/document.xml',
      data: `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body.join('')}</w:body></w:document>`,
    },
  ]);
}

/** A workbook: sheet name → rows of cells; strings go through the shared string table, numbers stay numbers. */
export function xlsx(sheets: Record<string, (string | number)[][]>): Buffer {
  const shared: string[] = [];
  const cell = (value: string | number, ref: string) =>
    typeof value === 'number'
      ? `<c r="${ref}"><v>${value}</v></c>`
      : `<c r="${ref}" t="s"><v>${shared.push(value) - 1}</v></c>`;
  const names = Object.keys(sheets);
  const sheetParts = names.map((name, index) => ({
    name: `xl/worksheets/sheet${index + 1}.xml`,
    data: `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheets[name]
      .map(
        (row, r) =>
          `<row r="${r + 1}">${row.map((value, c) => cell(value, `${String.fromCharCode(65 + c)}${r + 1}`)).join('')}</row>`,
      )
      .join('')}</sheetData></worksheet>`,
  }));
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  return zipArchive([
    { name: '_rels/.rels', data: rootRels('xl/workbook.xml') },
    {
      name: 'xl/workbook.xml',
      data: `${XML}<workbook ${ns} xmlns:r="${OFFICE_REL}"><sheets>${names
        .map((name, index) => `<sheet name="${escapeXml(name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`)
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: relationships([
        ...names.map((_, index) => ({
          id: `rId${index + 1}`,
          type: 'worksheet',
          target: `worksheets/sheet${index + 1}.xml`,
        })),
        { id: 'rIdStrings', type: 'sharedStrings', target: 'sharedStrings.xml' },
      ]),
    },
    ...sheetParts,
    {
      name: 'xl/sharedStrings.xml',
      data: `${XML}<sst ${ns}>${shared.map((text) => `<si><t>${escapeXml(text)}</t></si>`).join('')}</sst>`,
    },
  ]);
}

/** A presentation: one string array per slide, one text paragraph per string. */
export function pptx(slides: string[][]): Buffer {
  const a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
  const p = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
  return zipArchive([
    { name: '_rels/.rels', data: rootRels('ppt/presentation.xml') },
    {
      name: 'ppt/presentation.xml',
      data: `${XML}<p:presentation ${p} xmlns:r="${OFFICE_REL}"><p:sldIdLst>${slides
        .map((_, index) => `<p:sldId id="${256 + index}" r:id="rId${index + 1}"/>`)
        .join('')}</p:sldIdLst></p:presentation>`,
    },
    {
      name: 'ppt/_rels/presentation.xml.rels',
      data: relationships(
        slides.map((_, index) => ({ id: `rId${index + 1}`, type: 'slide', target: `slides/slide${index + 1}.xml` })),
      ),
    },
    ...slides.map((paragraphs, index) => ({
      name: `ppt/slides/slide${index + 1}.xml`,
      data: `${XML}<p:sld ${p} ${a}><p:cSld><p:spTree><p:sp><p:txBody>${paragraphs
        .map((text) => `<a:p><a:r><a:t>${escapeXml(text)}</a:t></a:r></a:p>`)
        .join('')}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>`,
    })),
  ]);
}

/** An e-book: one XHTML chapter per body, in spine order. */
export function epub(chapters: string[]): Buffer {
  return zipArchive([
    { name: 'mimetype', data: 'application/epub+zip' },
    {
      name: 'META-INF/container.xml',
      data: `${XML}<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`,
    },
    {
      name: 'OEBPS/content.opf',
      data: `${XML}<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><manifest>${chapters
        .map((_, i) => `<item id="c${i}" href="text/chapter%20${i}.xhtml" media-type="application/xhtml+xml"/>`)
        .join('')}</manifest><spine>${chapters.map((_, i) => `<itemref idref="c${i}"/>`).join('')}</spine></package>`,
    },
    ...chapters.map((body, i) => ({
      name: `OEBPS/text/chapter ${i}.xhtml`,
      data: `${XML}<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter ${i}</title></head><body>${body}</body></html>`,
    })),
  ]);
}
