import { posix } from 'node:path';
import { ExtractionError } from '../extraction-error.js';
import type { TextSink } from '../text-sink.js';
import { HtmlTextWriter } from './html-text-writer.js';
import { parseXmlEntry, resolvePart } from './xml-stream.js';
import type { ZipArchive } from './zip-archive.js';

const CONTAINER = 'META-INF/container.xml';
const HTML_TYPES = new Set(['application/xhtml+xml', 'text/html']);

/** The book's chapters in reading order (the package's spine), each as readable text. */
export async function epubText(archive: ZipArchive, sink: TextSink): Promise<void> {
  const packagePath = await packageDocument(archive);
  const manifest = new Map<string, { href: string; type: string }>();
  const spine: string[] = [];
  await parseXmlEntry(archive, packagePath, {
    open(name, attributes) {
      if (name === 'item' && attributes.id && attributes.href) {
        manifest.set(attributes.id, { href: attributes.href, type: attributes['media-type'] ?? '' });
      } else if (name === 'itemref' && attributes.idref) spine.push(attributes.idref);
    },
  });
  const folder = posix.dirname(packagePath);
  for (const id of spine) {
    const item = manifest.get(id);
    if (!item || !HTML_TYPES.has(item.type) || sink.full) continue;
    const part = resolvePart(folder, item.href.split('#')[0]);
    if (!archive.has(part)) continue;
    sink.paragraph();
    const writer = new HtmlTextWriter(sink);
    await archive.streamText(part, (text) => {
      writer.write(text);
      return !sink.full;
    });
    writer.end();
  }
}

/** container.xml names the package document (the .opf file) that lists the chapters. */
async function packageDocument(archive: ZipArchive): Promise<string> {
  let path = '';
  if (archive.has(CONTAINER)) {
    await parseXmlEntry(archive, CONTAINER, {
      open(name, attributes) {
        if (name === 'rootfile' && !path && attributes['full-path']) path = resolvePart('', attributes['full-path']);
      },
    });
  }
  path ||= archive.names().find((name) => name.endsWith('.opf')) ?? '';
  if (!archive.has(path)) throw new ExtractionError('The e-book could not be read: it has no package document.');
  return path;
}
