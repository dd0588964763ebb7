import { posix } from 'node:path';
import { Parser } from 'htmlparser2';
import type { ZipArchive } from './zip-archive.js';

/** Callbacks of a streaming XML read; tag names arrive without their namespace prefix. */
export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** `w:t` → `t`: producers differ in which prefixes they write, the local names are what count. */
const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

function xmlParser(handlers: XmlHandlers): Parser {
  // htmlparser2 decodes only the predefined entities and never expands DTD ones (no billion laughs).
  return new Parser(
    {
      onopentag: (name, attributes) => handlers.open?.(localName(name), attributes),
      onclosetag: (name) => handlers.close?.(localName(name)),
      ontext: (text) => handlers.text?.(text),
    },
    { xmlMode: true, decodeEntities: true },
  );
}

/** Parses one archive entry as it inflates; stops reading once `done()` says so. */
export async function parseXmlEntry(
  archive: ZipArchive,
  name: string,
  handlers: XmlHandlers,
  done: () => boolean = () => false,
): Promise<void> {
  const parser = xmlParser(handlers);
  await archive.streamText(name, (text) => {
    parser.write(text);
    return !done();
  });
  parser.end();
}

/** Parses decoded text chunks (a plain .xml file). */
export function parseXmlChunks(chunks: Iterable<string>, handlers: XmlHandlers, done: () => boolean): void {
  const parser = xmlParser(handlers);
  for (const chunk of chunks) {
    parser.write(chunk);
    if (done()) break;
  }
  parser.end();
}

/** A part's path from the folder of the part that names it (`xl/` + `worksheets/sheet1.xml`). */
export function resolvePart(fromFolder: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // A stray "%" is part of the name, not an escape.
  }
  const path = decoded.startsWith('/') ? decoded.slice(1) : posix.join(fromFolder, decoded);
  return posix.normalize(path).replace(/^(\.\.\/)+/, '');
}

/** An OOXML relationships part (`_rels/*.rels`): relationship id → resolved part path. */
export async function readRelationships(archive: ZipArchive, partPath: string): Promise<Map<string, string>> {
  const folder = posix.dirname(partPath);
  const relsPath = posix.join(folder, '_rels', `${posix.basename(partPath)}.rels`);
  const targets = new Map<string, string>();
  if (!archive.has(relsPath)) return targets;
  await parseXmlEntry(archive, relsPath, {
    open(name, attributes) {
      if (name === 'Relationship' && attributes.Id && attributes.Target && attributes.TargetMode !== 'External') {
        targets.set(attributes.Id, resolvePart(folder, attributes.Target));
      }
    },
  });
  return targets;
}
