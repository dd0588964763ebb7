import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { extractText } from '../src/retrieval/extraction/extract-text.js';
import { htmlToText } from '../src/retrieval/extraction/html-to-text.js';
import { MAX_ZIP_ENTRIES } from '../src/retrieval/extraction/parsers/zip-archive.js';
import { docx, epub, pptx, xlsx } from './support/document-fixtures.js';
import { MB, measured, rejectsWith, scratchFolder, TEST_LIMITS } from './support/extraction.js';
import { pdfDocument } from './support/pdf-writer.js';
import { deflatedZeros, zipArchive } from './support/zip-writer.js';

const files = scratchFolder();

async function extract(filename: string, data: string | Buffer, contentType?: string, limits = TEST_LIMITS) {
  return extractText(await files.write(data), { filename, contentType }, limits);
}

const HTML_PAGE = `<!doctype html><html><head><title>Page title</title><style>p { color: red }</style>
  <script>window.secret = "tracking";</script></head>
  <body><nav><a href="/">Menu link</a></nav>
  <h1>Caf&eacute; &amp; Bar</h1>
  <p>First    paragraph
     with <b>bold</b> words.</p><p>Second paragraph&nbsp;here.</p>
  <ul><li>apples</li><li>pears</li></ul>
  <table><tr><th>Name</th><th>Price</th></tr><tr><td>Tea</td><td>2</td></tr></table>
  <script>document.write("injected")</script><noscript>Enable scripts</noscript></body></html>`;

describe('extractText: formats', () => {
  it('reads plain text, Markdown, JSON and source code as UTF-8 (a byte-order mark dropped)', async () => {
    assert.equal((await extract('notes.txt', '\uFEFFnaïve café ☕')).text, 'naïve café ☕');
    assert.equal((await extract('README.md', '# Title\n\nSome *markdown*.')).text, '# Title\n\nSome *markdown*.');
    assert.equal((await extract('data.json', '{"answer": 42}')).text, '{"answer": 42}');
    assert.match((await extract('main.py', 'def greet():\n    return "hi"\n')).text, /def greet\(\):\n {4}return "hi"/);
    assert.equal((await extract('weird.ext', 'sent as text', 'text/x-whatever')).text, 'sent as text');
    assert.equal((await extract('LICENSE', 'MIT License', 'application/octet-stream')).text, 'MIT License');
  });

  it('reads CSV and TSV rows as lines of cells joined by ", "', async () => {
    const csv = 'name,comment,score\r\n"Smith, Jane","said ""hi""\nthen left",7\r\n\r\nLee,,\n';
    assert.equal(
      (await extract('people.csv', csv)).text,
      'name, comment, score\nSmith, Jane, said "hi" then left, 7\nLee',
    );
    assert.equal((await extract('table.tsv', 'a\tb\n1\t2\n')).text, 'a, b\n1, 2');
  });

  it('reads HTML as text: no markup, scripts, styles or navigation; entities decoded (&nbsp; as a space); paragraphs kept', async () => {
    const { text } = await extract('page.html', HTML_PAGE);
    assert.equal(
      text,
      'Café & Bar\n\nFirst paragraph with bold words.\n\nSecond paragraph here.\n\n- apples\n- pears\n\nName | Price\nTea | 2',
    );
    assert.doesNotMatch(text, /[<>]|tracking|injected|color|Menu link|Enable scripts|Page title/);
  });

  it('reads XML as its text content', async () => {
    const xml =
      '<?xml version="1.0"?><catalog><book id="1"><title>Dune</title><note>Sand &amp; spice</note></book></catalog>';
    assert.equal((await extract('catalog.xml', xml)).text, 'Dune\nSand & spice');
  });

  it('reads a PDF page by page and counts its pages, reading no more than maxPages', async () => {
    const pdf = pdfDocument([['Hello from page one', 'with (parentheses)'], ['Second page words'], ['Third page']]);
    const all = await extract('report.pdf', pdf);
    assert.equal(all.text, 'Hello from page one\nwith (parentheses)\n\nSecond page words\n\nThird page');
    assert.equal(all.pages, 3);
    const firstTwo = await extract('report.pdf', pdf, undefined, { ...TEST_LIMITS, maxPages: 2 });
    assert.match(firstTwo.text, /Second page words$/);
    assert.equal(firstTwo.pages, 3);
  });

  it('reads Word documents, spreadsheets, presentations and e-books', async () => {
    const edited = {
      xml:
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Total:</w:t><w:tab/></w:r>' +
        '<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:ins><w:r><w:t>42</w:t><w:br/><w:t>net</w:t></w:r></w:ins>' +
        '<mc:AlternateContent><mc:Choice><w:r><w:t> (chosen)</w:t></w:r></mc:Choice>' +
        '<mc:Fallback><w:r><w:t> (fallback)</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>',
    };
    const letter = docx([
      'Dear reader,',
      'Quarterly results & outlook.',
      [
        ['Region', 'Sales'],
        ['North', '12'],
      ],
      edited,
    ]);
    const word = await extract('letter.docx', letter);
    assert.equal(
      word.text,
      'Dear reader,\n\nQuarterly results & outlook.\n\nRegion | Sales\nNorth | 12\n\nTotal:\t42\nnet (chosen)',
    );

    const sheets = xlsx({
      Budget: [
        ['Item', 'Cost'],
        ['Coffee', 3.5],
      ],
      'Team <2>': [['Ada', 'Lovelace, A.']],
    });
    const workbook = await extract('budget.xlsx', sheets);
    assert.equal(workbook.text, 'Sheet: Budget\nItem, Cost\nCoffee, 3.5\n\nSheet: Team <2>\nAda, Lovelace, A.');

    const deck = await extract('deck.pptx', pptx([['Roadmap', 'Ship the beta'], ['Thanks!']]));
    assert.equal(deck.text, 'Slide 1\nRoadmap\nShip the beta\n\nSlide 2\nThanks!');

    const book = await extract(
      'novel.epub',
      epub(['<h1>Chapter One</h1><p>It was a dark &amp; stormy night.</p>', '<p>The end.</p>']),
    );
    assert.equal(book.text, 'Chapter One\n\nIt was a dark & stormy night.\n\nThe end.');
  });

  it('chooses by extension first, then by content type', async () => {
    assert.equal((await extract('page.txt', '<p>kept as typed</p>', 'text/html')).text, '<p>kept as typed</p>');
    assert.equal((await extract('upload', '<p>read as HTML</p>', 'text/html')).text, 'read as HTML');
    const pdf = await extract('scan', pdfDocument([['By content type']]), 'application/pdf');
    assert.equal(pdf.text, 'By content type');
  });

  it('keeps at most maxTextChars characters', async () => {
    const { text } = await extract('long.txt', 'word '.repeat(10_000), undefined, {
      ...TEST_LIMITS,
      maxTextChars: 1000,
    });
    assert.equal(text.length, 999); // 1,000 characters, the trailing space trimmed
  });
});

describe('htmlToText', () => {
  it('keeps line breaks and preformatted text, closes what the page leaves open', () => {
    assert.equal(htmlToText('<p>one<br>two<p>three &lt;tag&gt;'), 'one\ntwo\n\nthree <tag>');
    assert.equal(htmlToText('<div>code:</div><pre>  a = 1\n  b = 2</pre>'), 'code:\n\n  a = 1\n  b = 2');
    assert.equal(htmlToText('plain <i>inline</i> text, <script>x()</script>no tags'), 'plain inline text, no tags');
  });
});

describe('extractText: files it refuses', () => {
  it('refuses types it does not read, by name, content type or content', async () => {
    const pattern = (type: string) => new RegExp(`^File type ${type} is not supported for processing\\.$`);
    await rejectsWith(extract('photo.png', randomBytes(100), 'image/png'), pattern(String.raw`\.png \(image/png\)`));
    await rejectsWith(extract('clip', randomBytes(100), 'video/mp4'), pattern(String.raw`\(video/mp4\)`));
    await rejectsWith(extract('archive.zip', zipArchive([{ name: 'a.txt', data: 'x' }])), pattern(String.raw`\.zip`));
    await rejectsWith(extract('setup.exe', 'MZ text-looking', 'text/plain'), pattern(String.raw`\.exe \(text/plain\)`));
    await rejectsWith(extract('blob', Buffer.from([1, 0, 2, 0xff])), pattern('unknown'));
  });

  it('refuses a file over maxBytes before reading it', async () => {
    await rejectsWith(
      extract('big.txt', 'x'.repeat(2 * MB), undefined, { ...TEST_LIMITS, maxBytes: MB }),
      /^The file is larger than the 1 MB that can be processed\.$/,
    );
  });

  it('fails on corrupt files with a message naming the format', async () => {
    const corruptPdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(256 * 1024)]);
    await rejectsWith(extract('broken.pdf', corruptPdf), /^The PDF could not be read: /);
    await rejectsWith(extract('broken.docx', randomBytes(4096)), /^The Word document could not be read: /);
    await rejectsWith(extract('broken.epub', zipArchive([{ name: 'x.txt', data: 'x' }])), /no package document/);
  });

  it('stops at timeoutMs', async () => {
    const pages = Array.from({ length: 300 }, (_, page) =>
      Array.from({ length: 60 }, (_, line) => `Page ${page} line ${line}`),
    );
    const pdf = pdfDocument(pages);
    await rejectsWith(
      extract('long.pdf', pdf, undefined, { ...TEST_LIMITS, timeoutMs: 100 }),
      /took longer than 0\.1 s/,
    );
  });
});

describe('extractText: zip bombs and memory', () => {
  const gigabyteOfZeros = deflatedZeros(1024);

  it('refuses a zip bomb disguised as a .docx from its declared sizes, fast and without growing', async () => {
    const bomb = zipArchive([
      { name: 'word/document.xml', deflated: gigabyteOfZeros, declaredSize: 1024 * MB, crc: 0 },
    ]);
    const cost = await measured(() =>
      rejectsWith(extract('report.docx', bomb), /declares it unpacks to more than 64 MB.*zip bomb/),
    );
    assert.ok(cost.ms < 5000, `took ${cost.ms} ms`);
    assert.ok(cost.peakGrowthMb < 200, `resident memory grew by ${cost.peakGrowthMb} MB`);
  });

  it('stops inflating an entry that lies about its size (docx and xlsx)', async () => {
    const lying = { deflated: gigabyteOfZeros, declaredSize: 1000, crc: 0 };
    const docxBomb = zipArchive([{ name: 'word/document.xml', ...lying }]);
    const cost = await measured(() => rejectsWith(extract('report.docx', docxBomb), /not the size it declares/));
    assert.ok(cost.ms < 5000, `took ${cost.ms} ms`);
    assert.ok(cost.peakGrowthMb < 200, `resident memory grew by ${cost.peakGrowthMb} MB`);
    const xlsxBomb = zipArchive([{ name: 'xl/workbook.xml', ...lying }]);
    await rejectsWith(extract('sheet.xlsx', xlsxBomb), /xl\/workbook\.xml is not the size it declares/);
  });

  it('refuses archives with too many entries or one name twice', async () => {
    const empty = { deflated: Buffer.from([3, 0]), declaredSize: 0, crc: 0 };
    const crowded = zipArchive(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({ name: `f${i}`, ...empty })));
    await rejectsWith(extract('crowded.pptx', crowded), /holds more than 10000 files/);
    const twice = zipArchive([
      { name: 'word/document.xml', data: '<w:document/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    await rejectsWith(extract('twice.docx', twice), /holds word\/document\.xml twice/);
  });

  it('stops a PDF whose compressed stream would inflate past the memory budget', async () => {
    const bomb = flateBombPdf(gigabyteOfZeros);
    const limits = { ...TEST_LIMITS, maxUnzippedBytes: MB };
    const cost = await measured(() => rejectsWith(extract('bomb.pdf', bomb, undefined, limits), /needed more memory/));
    assert.ok(cost.peakGrowthMb < 600, `resident memory grew by ${cost.peakGrowthMb} MB`);
  });

  it('ends a worker that runs out of heap with an ExtractionError, and the process goes on', async () => {
    // HTML, not plain text: plain text is decoded in the process itself, bounded by maxTextChars alone.
    // Parsing 320 MB of it takes a while on a busy machine: the time limit must not end it first.
    const path = await files.writeRepeated(Buffer.alloc(MB, '<p>lorem ipsum</p> '), 320);
    const limits = { ...TEST_LIMITS, maxBytes: 400 * MB, maxTextChars: 1e9, timeoutMs: 180_000 };
    await rejectsWith(extractText(path, { filename: 'huge.html' }, limits), /needed more memory/);
    assert.equal((await extract('after.txt', 'still working')).text, 'still working');
  });

  it('reads plain text in the process, streamed, up to maxTextChars', async () => {
    const path = await files.writeRepeated(Buffer.alloc(MB, 'lorem ipsum '), 8);
    const { text } = await extractText(path, { filename: 'long.txt' }, { ...TEST_LIMITS, maxTextChars: 3000 });
    assert.equal(text, 'lorem ipsum '.repeat(250).trim());
  });
});

/** A one-page PDF whose content stream is `deflated` (raw deflate) behind a zlib header. */
function flateBombPdf(deflated: Buffer): Buffer {
  const stream = Buffer.concat([Buffer.from([0x78, 0x9c]), deflated]);
  const pdf = pdfDocument([['placeholder']]).toString('latin1');
  const objects = pdf.slice(0, pdf.indexOf('5 0 obj'));
  const head = `${objects}5 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`;
  const tail = '\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), stream, Buffer.from(tail, 'latin1')]);
}
