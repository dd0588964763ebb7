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

/** One relationship of an OOXML part: the part it points to and its type's last word (`worksheet`, `slide`). */
export interface Relationship {
  path: string;
  type: string;
}

/** An OOXML part's relationships (`_rels/<part>.rels`; the package's own for ''), by id. */
export async function readRelationships(archive: ZipArchive, partPath: string): Promise<Map<string, Relationship>> {
  const folder = posix.dirname(partPath);
  const relsPath = posix.join(folder, '_rels', `${posix.basename(partPath)}.rels`);
  const relationships = new Map<string, Relationship>();
  if (!archive.has(relsPath)) return relationships;
  await parseXmlEntry(archive, relsPath, {
    open(name, attributes) {
      if (name === 'Relationship' && attributes.Id && attributes.Target && attributes.TargetMode !== 'External') {
        const type = (attributes.Type ?? '').split('/').pop() ?? '';
        relationships.set(attributes.Id, { path: resolvePart(folder, attributes.Target), type });
      }
    },
  });
  return relationships;
}

/** The parts a part's relationships point to with one type, in the order they are listed. */
export async function relatedParts(archive: ZipArchive, partPath: string, type: string): Promise<string[]> {
  const relationships = await readRelationships(archive, partPath);
  return [...relationships.values()]
    .filter((item) => item.type === type && archive.has(item.path))
    .map((item) => item.path);
}
