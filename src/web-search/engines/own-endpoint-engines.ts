// Engines at an address the admin sets (self-hosted, or a cloud API whose endpoint is a setting).
import { bearer, listAt, resultsFrom, type SearchEngine, sortedBy } from './search-engine.js';

const BOT_AGENT = 'Open WebUI (https://github.com/open-webui/open-webui) RAG Bot';

/** SearXNG's JSON API; a legacy `…?q=<query>` URL loses its parameters, as upstream strips them. */
export const searxng: SearchEngine = {
  needs: ['SEARXNG_QUERY_URL'],
  async search({ settings, call }, query) {
    const base = settings.SEARXNG_QUERY_URL;
    const answer = await call({
      url: base.includes('<query>') ? base.split('?')[0] : base,
      query: {
        q: query,
        format: 'json',
        pageno: 1,
        safesearch: '1',
        language: 'en-US',
        time_range: '',
        categories: '',
        theme: 'simple',
        image_proxy: 0,
      },
    });
    return resultsFrom(sortedBy(listAt(answer, 'results'), 'score', true), {
      link: 'url',
      title: 'title',
      snippet: 'content',
    });
  },
};

/** EXTERNAL_WEB_SEARCH_URL: POST `{query, count}`, answered with `[{link, title, snippet}]`. */
export const external: SearchEngine = {
  needs: ['EXTERNAL_WEB_SEARCH_URL'],
  async search({ settings, call }, query, count) {
    const answer = await call({
      method: 'POST',
      url: settings.EXTERNAL_WEB_SEARCH_URL,
      headers: { 'user-agent': BOT_AGENT, ...bearer(settings.EXTERNAL_WEB_SEARCH_API_KEY) },
      json: { query, count },
    });
    return resultsFrom(listAt(answer), { link: 'link', title: 'title', snippet: 'snippet' });
  },
};

/** Bing Web Search v7 at BING_SEARCH_V7_ENDPOINT, market from DEFAULT_LOCALE. */
export const bing: SearchEngine = {
  needs: ['BING_SEARCH_V7_ENDPOINT', 'BING_SEARCH_V7_SUBSCRIPTION_KEY'],
  async search({ settings, call, locale }, query, count) {
    const answer = await call({
      url: settings.BING_SEARCH_V7_ENDPOINT,
      query: { q: query, mkt: locale, count, promote: 'Webpages,News', responseFilter: 'Webpages,News' },
      headers: { 'ocp-apim-subscription-key': settings.BING_SEARCH_V7_SUBSCRIPTION_KEY },
    });
    return resultsFrom(listAt(answer, 'webPages', 'value'), { link: 'url', title: 'name', snippet: 'snippet' });
  },
};

/** Firecrawl's search (`{FIRECRAWL_API_BASE_URL}/v1/search`). */
export const firecrawl: SearchEngine = {
  needs: ['FIRECRAWL_API_BASE_URL', 'FIRECRAWL_API_KEY'],
  async search({ settings, call }, query, count) {
    const answer = await call({
      method: 'POST',
      url: new URL('/v1/search', settings.FIRECRAWL_API_BASE_URL).href,
      headers: { 'user-agent': BOT_AGENT, ...bearer(settings.FIRECRAWL_API_KEY) },
      json: { query, limit: count },
    });
    return resultsFrom(listAt(answer, 'data'), { link: 'url', title: 'title', snippet: 'description' });
  },
};

/** Perplexity's Search API (PERPLEXITY_SEARCH_API_URL). */
export const perplexitySearch: SearchEngine = {
  needs: ['PERPLEXITY_SEARCH_API_URL', 'PERPLEXITY_API_KEY'],
  async search({ settings, call }, query, count) {
    const answer = await call({
      method: 'POST',
      url: settings.PERPLEXITY_SEARCH_API_URL,
      headers: bearer(settings.PERPLEXITY_API_KEY),
      json: { query, max_results: count },
    });
    return resultsFrom(listAt(answer, 'results'), { link: 'url', title: 'title', snippet: 'snippet' });
  },
};
