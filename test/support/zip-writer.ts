// Writes zip archives for extraction tests: real documents, and hostile ones whose headers lie.
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** An entry given as its content. */
export interface ZipFileEntry {
  name: string;
  data: string | Buffer;
}

/** An entry given already deflated, with the sizes its headers should declare (true or not). */
export interface DeflatedEntry {
  name: string;
  deflated: Buffer;
  declaredSize: number;
  crc: number;
}

/** A zip of deflated entries (local headers, central directory, end record). */
export function zipArchive(entries: (ZipFileEntry | DeflatedEntry)[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { deflated, declaredSize, crc } = 'deflated' in entry ? entry : deflate(entry.data);
    const name = Buffer.from(entry.name, 'utf8');
    const fields = { crc, compressedSize: deflated.length, size: declaredSize, nameLength: name.length };
    const local = Buffer.concat([localHeader(fields), name, deflated]);
    centrals.push(Buffer.concat([centralHeader(fields, offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function deflate(data: string | Buffer): Omit<DeflatedEntry, 'name'> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { deflated: deflateRawSync(bytes), declaredSize: bytes.length, crc: crc32(bytes) };
}

interface HeaderFields {
  crc: number;
  compressedSize: number;
  size: number;
  nameLength: number;
}

const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const DOS_DATE_1980_01_01 = 0x21;

function localHeader(fields: HeaderFields): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt16LE(DEFLATE, 8);
  header.writeUInt16LE(DOS_DATE_1980_01_01, 12);
  header.writeUInt32LE(fields.crc >>> 0, 14);
  header.writeUInt32LE(fields.compressedSize, 18);
  header.writeUInt32LE(fields.size, 22);
  header.writeUInt16LE(fields.nameLength, 26);
  return header;
}

function centralHeader(fields: HeaderFields, localOffset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(UTF8_NAMES, 8);
  header.writeUInt16LE(DEFLATE, 10);
  header.writeUInt16LE(DOS_DATE_1980_01_01, 14);
  header.writeUInt32LE(fields.crc >>> 0, 16);
  header.writeUInt32LE(fields.compressedSize, 20);
  header.writeUInt32LE(fields.size, 24);
  header.writeUInt16LE(fields.nameLength, 28);
  header.writeUInt32LE(localOffset, 42);
  return header;
}

/**
 * `megabytes` MB of zeros, deflated in about 1 KB per MB without ever holding them: one megabyte's
 * deflate blocks (ended by a sync flush, so they close on a byte boundary) repeated, then a final
 * empty block. The CRC is left 0: a reader that gets to check it has already inflated it all.
 */
export function deflatedZeros(megabytes: number): Buffer {
  const oneMegabyte = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array.from({ length: megabytes }, () => oneMegabyte), deflateRawSync(Buffer.alloc(0))]);
}
