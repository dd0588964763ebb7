import fc from 'fast-check';
import { malformedSegment } from './hostile-values.js';

/** A raw request body with the Content-Type it is sent under. */
export interface RawBody {
  contentType: string | undefined;
  body: string;
}

const BOUNDARY = 'PropertyTestBoundary7MA4YWxkTrZu0gW';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

interface Part {
  name: string;
  filename?: string;
  type?: string;
  content: string;
}

function encode(parts: Part[], { close = true } = {}): string {
  const chunks = parts.map((part) => {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    const type = part.type === undefined ? '' : `\r\nContent-Type: ${part.type}`;
    return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n${part.content}\r\n`;
  });
  return chunks.join('') + (close ? `--${BOUNDARY}--\r\n` : '');
}

const fileName = fc.oneof(
  fc.constantFrom('notes.txt', 'a.pdf', '', '.', '..', '../../etc/passwd', 'x'.repeat(5_000) + '.txt', 'a\u0000b.txt'),
  fc
    .string({ unit: 'binary', maxLength: 30 })
    .map((name) => name.replaceAll('"', '').replaceAll('\r', '').replaceAll('\n', '')),
);
const fileType = fc.constantFrom(undefined, 'text/plain', 'application/pdf', 'image/png', '', 'x/../../y', 'audio/wav');
const fileContent = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', '%PDF-1.4 truncated', 'PK\u0003\u0004 not really a zip', 'RIFF....WAVEfmt '),
);
const textField = fc.oneof(
  malformedSegment,
  fc.constantFrom('{}', '[]', 'null', '{"a":', '{"__proto__":{"admin":true}}', '1', '"x"', 'x'.repeat(200_000)),
  fc.constant('['.repeat(5_000) + ']'.repeat(5_000)),
);

const aFile = fc.record({ filename: fileName, type: fileType, content: fileContent });
const extraParts = fc.array(
  fc.record({
    name: fc.constantFrom('metadata', 'language', 'file', '__proto__', 'x'.repeat(300)),
    content: textField,
  }),
  { maxLength: 3 },
);

/**
 * Multipart bodies an upload route must refuse (or accept) without a 500: no boundary, a boundary
 * that never appears, a body cut short, no file part, the file sent as a plain field, several files,
 * strange file names and types, hostile text fields, and bodies that are not multipart at all.
 */
export const brokenMultipart: fc.Arbitrary<RawBody> = fc.oneof(
  // Well-formed forms with odd parts.
  fc.tuple(fc.array(aFile, { maxLength: 3 }), extraParts).map(([files, extra]) => ({
    contentType: MULTIPART,
    body: encode([...files.map((file) => ({ name: 'file', ...file })), ...extra]),
  })),
  // The file sent as a plain field.
  textField.map((content) => ({ contentType: MULTIPART, body: encode([{ name: 'file', content }]) })),
  // Cut short: no closing boundary, or cut in the middle of the headers or the content.
  fc.tuple(aFile, fc.integer({ min: 1, max: 200 })).map(([file, cut]) => {
    const whole = encode([{ name: 'file', ...file }], { close: false });
    return { contentType: MULTIPART, body: whole.slice(0, Math.min(cut, whole.length)) };
  }),
  // Content-Type lies about the body.
  fc
    .tuple(
      fc.constantFrom(
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/form-data; boundary=nope',
        'multipart/mixed; boundary=x',
        `${MULTIPART}; charset=utf-7`,
      ),
      aFile,
    )
    .map(([contentType, file]) => ({ contentType, body: encode([{ name: 'file', ...file }]) })),
  // Not multipart at all.
  fc
    .tuple(
      fc.constantFrom(
        undefined,
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/octet-stream',
      ),
      textField,
    )
    .map(([contentType, body]) => ({ contentType, body })),
);
