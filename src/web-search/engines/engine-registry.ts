import type { WebSearchSettings } from '../../config/app-config.js';
import { badRequest } from '../../common/errors.js';
import { bocha, brave, exa, jina, kagi, mojeek, ollamaCloud, perplexity, tavily } from './api-engines.js';
import { bing, external, firecrawl, perplexitySearch, searxng } from './own-endpoint-engines.js';
import type { SearchEngine } from './search-engine.js';
import { googlePse, searchapi, serpapi, serper, serply, serpstack } from './serp-engines.js';

/** The engines this server runs, by their WEB_SEARCH_ENGINE name. */
const ENGINES: Readonly<Record<string, SearchEngine>> = {
  searxng,
  google_pse: googlePse,
  brave,
  kagi,
  mojeek,
  bocha,
  serpstack,
  serper,
  serply,
  searchapi,
  serpapi,
  tavily,
  jina,
  bing,
  exa,
  perplexity,
  perplexity_search: perplexitySearch,
  ollama_cloud: ollamaCloud,
  firecrawl,
  external,
};

/**
 * Every engine the 0.6.40 web app offers (its Web Search page's list, plus `ddgs`, DuckDuckGo's later
 * name). Settings may name any of them; yacy (digest authentication), duckduckgo/ddgs (a scraping
 * library, no API) and sougou (Tencent's signed SDK) are stored but not run.
 */
export const KNOWN_ENGINES = [
  'ollama_cloud',
  'perplexity_search',
  'searxng',
  'yacy',
  'google_pse',
  'brave',
  'kagi',
  'mojeek',
  'bocha',
  'serpstack',
  'serper',
  'serply',
  'searchapi',
  'serpapi',
  'duckduckgo',
  'ddgs',
  'tavily',
  'jina',
  'bing',
  'exa',
  'perplexity',
  'sougou',
  'firecrawl',
  'external',
] as const;

/** Page loaders: the default (`''`, `safe_web`) is ours; the others are stored but not run. */
export const KNOWN_LOADERS = ['', 'safe_web', 'playwright', 'firecrawl', 'tavily', 'external'] as const;
const OWN_LOADERS: readonly string[] = ['', 'safe_web'];

const PAGE = 'Admin → Settings → Web Search';

/** The configured engine, or a 400 that says what is missing: a choice, an engine we run, or its settings. */
export function configuredEngine(settings: WebSearchSettings): { name: string; engine: SearchEngine } {
  const name = settings.WEB_SEARCH_ENGINE;
  if (!name) throw badRequest(`No web search engine is chosen: set WEB_SEARCH_ENGINE (${PAGE})`);
  const engine = Object.hasOwn(ENGINES, name) ? ENGINES[name] : undefined;
  if (!engine) {
    throw badRequest(`The web search engine "${name}" is not run by this server yet: choose another one (${PAGE})`);
  }
  const missing = engine.needs.filter((key) => String(settings[key] ?? '').trim() === '');
  if (missing.length > 0) {
    throw badRequest(`The web search engine "${name}" needs ${missing.join(' and ')}: set it in ${PAGE}`);
  }
  return { name, engine };
}

/** Refuses a page loader this server does not run, unless the loader is bypassed. */
export function checkLoader(settings: WebSearchSettings): void {
  if (settings.BYPASS_WEB_SEARCH_WEB_LOADER || OWN_LOADERS.includes(settings.WEB_LOADER_ENGINE)) return;
  throw badRequest(
    `The web loader engine "${settings.WEB_LOADER_ENGINE}" is not run by this server yet: ` +
      `choose the default loader or turn on BYPASS_WEB_SEARCH_WEB_LOADER (${PAGE})`,
  );
}
