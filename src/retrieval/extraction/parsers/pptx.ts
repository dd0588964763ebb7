import type { TextSink } from '../text-sink.js';
import { parseXmlEntry, readRelationships } from './xml-stream.js';
import type { ZipArchive } from './zip-archive.js';

const PRESENTATION = 'ppt/presentation.xml';

/** Each slide's text in show order, under "Slide N"; each text paragraph on a line of its own. */
export async function pptxText(archive: ZipArchive, sink: TextSink): Promise<void> {
  const slides = await slideOrder(archive);
  for (const [index, part] of slides.entries()) {
    if (sink.full) return;
    sink.paragraph();
    sink.push(`Slide ${index + 1}\n`);
    let paragraph: string[] = [];
    let inText = false;
    await parseXmlEntry(
      archive,
      part,
      {
        open(name) {
          if (name === 't') inText = true;
          else if (name === 'br') paragraph.push('\n');
        },
        close(name) {
          if (name === 't') inText = false;
          else if (name === 'p') {
            const line = paragraph.join('').trim();
            if (line) sink.push(`${line}\n`);
            paragraph = [];
          }
        },
        text(text) {
          if (inText) paragraph.push(text);
        },
      },
      () => sink.full,
    );
  }
}

/** Slide parts as the presentation lists them, or by their number when it lists none. */
async function slideOrder(archive: ZipArchive): Promise<string[]> {
  const ids: string[] = [];
  if (archive.has(PRESENTATION)) {
    await parseXmlEntry(archive, PRESENTATION, {
      open(name, attributes) {
        if (name === 'sldId' && attributes['r:id']) ids.push(attributes['r:id']);
      },
    });
  }
  const parts = await readRelationships(archive, PRESENTATION);
  const listed = ids.map((id) => parts.get(id)?.path).filter((part): part is string => !!part && archive.has(part));
  if (listed.length > 0) return listed;
  const slideNumber = (name: string) => Number(/slide(\d+)\.xml$/.exec(name)?.[1]);
  return archive
    .names()
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort((a, b) => slideNumber(a) - slideNumber(b));
}
