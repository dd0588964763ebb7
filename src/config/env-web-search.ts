// Reader for the web search settings: Open WebUI's variable names and defaults.
import type { WebSearchSettings } from './app-config.js';
import type { EnvReader } from './env-parsers.js';

export function readWebSearch(read: EnvReader): WebSearchSettings {
  const text = (name: string, fallback = '') => read.string(name, fallback);
  return {
    ENABLE_WEB_SEARCH: read.bool('ENABLE_WEB_SEARCH', false),
    WEB_SEARCH_ENGINE: text('WEB_SEARCH_ENGINE').trim().toLowerCase(),
    WEB_SEARCH_TRUST_ENV: read.bool('WEB_SEARCH_TRUST_ENV', false),
    WEB_SEARCH_RESULT_COUNT: read.int('WEB_SEARCH_RESULT_COUNT', 3, { min: 1, max: 100 }),
    WEB_SEARCH_CONCURRENT_REQUESTS: read.int('WEB_SEARCH_CONCURRENT_REQUESTS', 0, { min: 0, max: 100 }),
    WEB_LOADER_CONCURRENT_REQUESTS: read.int('WEB_LOADER_CONCURRENT_REQUESTS', 10, { min: 1, max: 100 }),
    WEB_SEARCH_DOMAIN_FILTER_LIST: domainList(read),
    BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL: read.bool('BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL', false),
    BYPASS_WEB_SEARCH_WEB_LOADER: read.bool('BYPASS_WEB_SEARCH_WEB_LOADER', false),
    OLLAMA_CLOUD_WEB_SEARCH_API_KEY: text('OLLAMA_CLOUD_WEB_SEARCH_API_KEY'),
    PERPLEXITY_SEARCH_API_URL: text('PERPLEXITY_SEARCH_API_URL', 'https://api.perplexity.ai/search'),
    SEARXNG_QUERY_URL: text('SEARXNG_QUERY_URL'),
    YACY_QUERY_URL: text('YACY_QUERY_URL'),
    YACY_USERNAME: text('YACY_USERNAME'),
    YACY_PASSWORD: text('YACY_PASSWORD'),
    GOOGLE_PSE_API_KEY: text('GOOGLE_PSE_API_KEY'),
    GOOGLE_PSE_ENGINE_ID: text('GOOGLE_PSE_ENGINE_ID'),
    BRAVE_SEARCH_API_KEY: text('BRAVE_SEARCH_API_KEY'),
    KAGI_SEARCH_API_KEY: text('KAGI_SEARCH_API_KEY'),
    MOJEEK_SEARCH_API_KEY: text('MOJEEK_SEARCH_API_KEY'),
    BOCHA_SEARCH_API_KEY: text('BOCHA_SEARCH_API_KEY'),
    SERPSTACK_API_KEY: text('SERPSTACK_API_KEY'),
    SERPSTACK_HTTPS: read.bool('SERPSTACK_HTTPS', true),
    SERPER_API_KEY: text('SERPER_API_KEY'),
    SERPLY_API_KEY: text('SERPLY_API_KEY'),
    TAVILY_API_KEY: text('TAVILY_API_KEY'),
    SEARCHAPI_API_KEY: text('SEARCHAPI_API_KEY'),
    SEARCHAPI_ENGINE: text('SEARCHAPI_ENGINE'),
    SERPAPI_API_KEY: text('SERPAPI_API_KEY'),
    SERPAPI_ENGINE: text('SERPAPI_ENGINE'),
    JINA_API_KEY: text('JINA_API_KEY'),
    BING_SEARCH_V7_ENDPOINT: text('BING_SEARCH_V7_ENDPOINT', 'https://api.bing.microsoft.com/v7.0/search'),
    BING_SEARCH_V7_SUBSCRIPTION_KEY: text('BING_SEARCH_V7_SUBSCRIPTION_KEY'),
    EXA_API_KEY: text('EXA_API_KEY'),
    PERPLEXITY_API_KEY: text('PERPLEXITY_API_KEY'),
    PERPLEXITY_MODEL: text('PERPLEXITY_MODEL', 'sonar'),
    PERPLEXITY_SEARCH_CONTEXT_USAGE: text('PERPLEXITY_SEARCH_CONTEXT_USAGE', 'medium'),
    SOUGOU_API_SID: text('SOUGOU_API_SID'),
    SOUGOU_API_SK: text('SOUGOU_API_SK'),
    WEB_LOADER_ENGINE: text('WEB_LOADER_ENGINE'),
    ENABLE_WEB_LOADER_SSL_VERIFICATION: read.bool('ENABLE_WEB_LOADER_SSL_VERIFICATION', true),
    PLAYWRIGHT_WS_URL: text('PLAYWRIGHT_WS_URL'),
    PLAYWRIGHT_TIMEOUT: read.int('PLAYWRIGHT_TIMEOUT', 10_000, { min: 0 }),
    FIRECRAWL_API_KEY: text('FIRECRAWL_API_KEY'),
    FIRECRAWL_API_BASE_URL: text('FIRECRAWL_API_BASE_URL', 'https://api.firecrawl.dev'),
    TAVILY_EXTRACT_DEPTH: text('TAVILY_EXTRACT_DEPTH', 'basic'),
    EXTERNAL_WEB_SEARCH_URL: text('EXTERNAL_WEB_SEARCH_URL'),
    EXTERNAL_WEB_SEARCH_API_KEY: text('EXTERNAL_WEB_SEARCH_API_KEY'),
    EXTERNAL_WEB_LOADER_URL: text('EXTERNAL_WEB_LOADER_URL'),
    EXTERNAL_WEB_LOADER_API_KEY: text('EXTERNAL_WEB_LOADER_API_KEY'),
    YOUTUBE_LOADER_LANGUAGE: read.list('YOUTUBE_LOADER_LANGUAGE', ',') ?? ['en'],
    YOUTUBE_LOADER_PROXY_URL: text('YOUTUBE_LOADER_PROXY_URL'),
    YOUTUBE_LOADER_TRANSLATION: text('YOUTUBE_LOADER_TRANSLATION'),
  };
}

/** WEB_SEARCH_DOMAIN_FILTER_LIST: a JSON list (as later Open WebUI reads it) or comma-separated domains. */
function domainList(read: EnvReader): string[] {
  const raw = read.raw('WEB_SEARCH_DOMAIN_FILTER_LIST')?.trim();
  if (!raw) return [];
  if (raw.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) {
        return parsed.map((item) => item.trim()).filter(Boolean);
      }
    } catch {
      // reported below
    }
    read.errors.push('WEB_SEARCH_DOMAIN_FILTER_LIST must be a JSON list of domains or comma-separated domains');
    return [];
  }
  return read.list('WEB_SEARCH_DOMAIN_FILTER_LIST', ',') ?? [];
}
