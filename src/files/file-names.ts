import { extname } from 'node:path';

const MAX_NAME_BYTES = 200;

/**
 * A client's file name reduced to a plain base name: no directories (either slash), no control
 * characters, not `.`/`..`, at most 200 bytes. It is stored after the file id (`{id}_{name}`), so
 * whatever the client sends, the stored object stays inside the storage folder.
 */
export function safeFileName(original: string): string {
  const base = original.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '.' || name === '..') name = '';
  while (Buffer.byteLength(name) > MAX_NAME_BYTES) name = name.slice(0, -1);
  return name || 'file';
}

/** The lower-case extension without its dot ('' when none). */
export function fileExtension(name: string): string {
  return extname(name).slice(1).toLowerCase();
}
