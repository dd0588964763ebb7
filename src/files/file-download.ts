import contentDisposition from 'content-disposition';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { FileDownload } from './files.service.js';

/**
 * Types a browser may show inline from our origin. Anything that can run script there (HTML, SVG,
 * XML and its dialects) or that a browser would guess at is always a download.
 */
const INLINE_TYPES = new Set([
  'application/pdf',
  'text/plain',
  'text/markdown',
  'text/csv',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
]);
const INLINE_PREFIXES = ['audio/', 'video/'];

export interface DownloadOptions {
  /** Download whatever the type. */
  attachment: boolean;
  /** The name the download gets (the stored one by default). */
  name?: string;
  /** Serve as a sandboxed inline HTML page (the admin-only HTML preview). */
  sandboxedHtml?: boolean;
}

/**
 * Sends stored bytes as they stream from storage, with their stored type, length and a
 * Content-Disposition (RFC 6266, UTF-8 names). `nosniff` comes with every answer (security headers),
 * so a browser never second-guesses the type.
 */
export async function sendFile(res: Response, { stream, file }: FileDownload, options: DownloadOptions): Promise<void> {
  const stored = (file.meta?.content_type ?? '').split(';')[0].trim().toLowerCase();
  const name = options.name ?? file.meta?.name ?? file.filename;
  let type = stored || 'application/octet-stream';
  let inline = !options.attachment && (INLINE_TYPES.has(type) || INLINE_PREFIXES.some((p) => type.startsWith(p)));
  if (options.sandboxedHtml) {
    type = 'text/html';
    inline = true;
    // A unique, script-less origin: the page cannot read the app's cookies or storage.
    res.setHeader('Content-Security-Policy', 'sandbox');
  }
  res.status(200);
  res.setHeader('Content-Type', type.startsWith('text/') ? `${type}; charset=utf-8` : type);
  if (typeof file.meta?.size === 'number') res.setHeader('Content-Length', String(file.meta.size));
  res.setHeader('Content-Disposition', contentDisposition(name, { type: inline ? 'inline' : 'attachment' }));
  res.setHeader('Cache-Control', 'private, no-cache');
  try {
    await pipeline(stream, res);
  } catch {
    // The client went away, or storage failed mid-way: the connection is closed either way.
    res.destroy();
  }
}
