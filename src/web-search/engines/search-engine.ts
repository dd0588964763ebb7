import type { WebSearchSettings } from '../../config/app-config.js';

/** One hit of a search engine, as Open WebUI's SearchResult. */
export interface SearchResult {
  link: string;
  title: string | null;
  snippet: string | null;
}

/** One HTTP request to an engine; `query` is added to the URL's parameters, `json` is the body. */
export interface EngineCall {
  method?: 'GET' | 'POST';
  url: string;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  json?: unknown;
}

/** Sends a call and resolves with the parsed JSON answer (failures are thrown as 400s naming the engine). */
export type CallEngine = (call: EngineCall) => Promise<unknown>;

export interface EngineContext {
  settings: WebSearchSettings;
  /** DEFAULT_LOCALE, for engines that take a market (Bing). */
  locale: string;
  call: CallEngine;
}

/**
 * A search engine: the settings it cannot run without, and one search (its requests and the reading of
 * its answers, as Open WebUI's `retrieval/web/<engine>.py` sends and reads them). Results come unfiltered
 * and uncut: the caller applies WEB_SEARCH_DOMAIN_FILTER_LIST, then WEB_SEARCH_RESULT_COUNT.
 */
export interface SearchEngine {
  readonly needs: readonly (keyof WebSearchSettings)[];
  search(context: EngineContext, query: string, count: number): Promise<SearchResult[]>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The objects of the list at `path` in an answer ([] when anything on the way is missing). */
export function listAt(answer: unknown, ...path: (string | number)[]): Json[] {
  let node: unknown = answer;
  for (const key of path) node = isObject(node) || Array.isArray(node) ? (node as Json)[key] : undefined;
  return Array.isArray(node) ? node.filter(isObject) : [];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Results read from answer items by field names; items without a link are dropped. */
export function resultsFrom(items: Json[], fields: { link: string; title: string; snippet: string }): SearchResult[] {
  return items.flatMap((item) => {
    const link = text(item[fields.link]);
    return link ? [{ link, title: text(item[fields.title]), snippet: text(item[fields.snippet]) }] : [];
  });
}

/** Items ordered by a numeric field (missing counts as 0), as several engines' results are. */
export function sortedBy(items: Json[], field: string, descending = false): Json[] {
  const value = (item: Json) => (typeof item[field] === 'number' ? item[field] : 0);
  return [...items].sort((a, b) => (descending ? value(b) - value(a) : value(a) - value(b)));
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
