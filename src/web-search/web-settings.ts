import type { WebSearchSettings } from '../config/app-config.js';
import { invalidField } from '../common/errors.js';
import { isObject } from '../chats/chat-document.js';
import { KNOWN_ENGINES, KNOWN_LOADERS } from './engines/engine-registry.js';

type Key = keyof WebSearchSettings;

const CHOICES: Partial<Record<Key, readonly string[]>> = {
  WEB_SEARCH_ENGINE: ['', ...KNOWN_ENGINES],
  WEB_LOADER_ENGINE: KNOWN_LOADERS,
};
/** Bounds for the numbers: a count of 0 results, or 10,000 pages at once, is a typo. */
const RANGES: Partial<Record<Key, [number, number]>> = {
  WEB_SEARCH_RESULT_COUNT: [1, 100],
  WEB_SEARCH_CONCURRENT_REQUESTS: [0, 100],
  WEB_LOADER_CONCURRENT_REQUESTS: [1, 100],
  PLAYWRIGHT_TIMEOUT: [0, 3_600_000],
};
/** Lists the web app sends as arrays (and older clients as comma-separated text). */
const LISTS: ReadonlySet<Key> = new Set<Key>(['WEB_SEARCH_DOMAIN_FILTER_LIST', 'YOUTUBE_LOADER_LANGUAGE']);

/**
 * The `web` object of `POST /api/v1/retrieval/config/update`, checked key by key against the current
 * settings: a known key keeps its type (422 naming the field otherwise); null or absent leaves a
 * setting as it is (Open WebUI's optional form fields); unknown keys are ignored. Undefined when the
 * request has no `web` object.
 */
export function webSettingsUpdate(current: WebSearchSettings, input: unknown): Partial<WebSearchSettings> | undefined {
  if (input === undefined || input === null) return undefined;
  if (!isObject(input)) throw invalidField('web', 'must be an object of web search settings');
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!Object.hasOwn(current, key) || value === undefined || value === null) continue;
    changes[key] = checked(key as Key, current[key as Key], value);
  }
  return changes;
}

function checked(name: Key, now: unknown, value: unknown): unknown {
  const field = `web.${name}`;
  if (LISTS.has(name)) {
    const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
    if (!list || list.some((item) => typeof item !== 'string')) throw invalidField(field, 'must be a list of text');
    return (list as string[]).map((item) => item.trim()).filter(Boolean);
  }
  if (typeof now === 'number') {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    const [min, max] = RANGES[name] ?? [0, Number.MAX_SAFE_INTEGER];
    if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
      throw invalidField(field, `must be a whole number from ${min} to ${max}`);
    }
    return number;
  }
  if (typeof now === 'boolean') {
    if (typeof value !== 'boolean') throw invalidField(field, 'must be true or false');
    return value;
  }
  if (typeof value !== 'string') throw invalidField(field, 'must be a string');
  const choices = CHOICES[name];
  const text = choices ? value.trim().toLowerCase() : value;
  if (choices && !choices.includes(text)) throw invalidField(field, `must be one of: ${choices.join(', ')}`);
  return text;
}
