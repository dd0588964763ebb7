import type { RagSettings } from '../config/app-config.js';
import { EMBEDDING_ENGINES, TEXT_SPLITTERS } from '../config/app-config.js';
import { invalidField } from '../common/errors.js';

/** Settings that take a number or null ("no limit"). */
const NULLABLE_NUMBERS = new Set<keyof RagSettings>([
  'FILE_MAX_SIZE',
  'FILE_MAX_COUNT',
  'FILE_IMAGE_COMPRESSION_WIDTH',
  'FILE_IMAGE_COMPRESSION_HEIGHT',
]);
const CHOICES: Partial<Record<keyof RagSettings, readonly string[]>> = {
  RAG_EMBEDDING_ENGINE: EMBEDDING_ENGINES,
  TEXT_SPLITTER: TEXT_SPLITTERS,
};

/**
 * The retrieval settings an admin sent, checked key by key against the current ones: a known key
 * must keep its type (numbers may be null where "no limit" is meant); unknown keys (the web app
 * sends whole forms) are left alone. A wrong type is a 422 naming the field.
 */
export function ragSettingsUpdate(current: RagSettings, input: Record<string, unknown>): Partial<RagSettings> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(key in current) || value === undefined) continue;
    const name = key as keyof RagSettings;
    changes[key] = checked(name, current[name], value);
  }
  return changes;
}

function checked(name: keyof RagSettings, now: unknown, value: unknown): unknown {
  if (NULLABLE_NUMBERS.has(name)) {
    if (value === null || value === '') return null;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw invalidField(name, 'must be a whole number ≥ 0, or null');
    return number;
  }
  if (name === 'ALLOWED_FILE_EXTENSIONS') {
    const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
    if (!list || list.some((item) => typeof item !== 'string'))
      throw invalidField(name, 'must be a list of extensions');
    return (list as string[]).map((ext) => ext.trim().replace(/^\./, '').toLowerCase()).filter(Boolean);
  }
  if (typeof now === 'number') {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) {
      throw invalidField(name, 'must be a number ≥ 0');
    }
    return Number.isInteger(now) && name !== 'RELEVANCE_THRESHOLD' && name !== 'HYBRID_BM25_WEIGHT'
      ? Math.round(number)
      : number;
  }
  if (typeof now === 'boolean' && typeof value !== 'boolean') throw invalidField(name, 'must be true or false');
  if (typeof now === 'string' && typeof value !== 'string') throw invalidField(name, 'must be a string');
  const choices = CHOICES[name];
  if (choices && !choices.includes(value as string)) throw invalidField(name, `must be one of: ${choices.join(', ')}`);
  return value;
}
