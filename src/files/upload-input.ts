import { badRequest } from '../common/errors.js';
import type { StoredUpload } from './upload-storage.engine.js';

/** The multipart `file` part, which the route requires. */
export function requireUpload(file: StoredUpload | undefined): StoredUpload {
  if (!file) throw badRequest('[ERROR: No file was sent in the "file" field]');
  return file;
}

/** The `metadata` form field: a JSON object, or nothing. */
export function parseClientMetadata(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw.trim() === '' || raw === 'null') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('[ERROR: metadata must be a JSON object]');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('[ERROR: metadata must be a JSON object]');
  }
  return parsed as Record<string, unknown>;
}
