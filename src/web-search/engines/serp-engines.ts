// Google-result APIs: Programmable Search, and the SERP resellers.
import { listAt, resultsFrom, type SearchEngine, sortedBy } from './search-engine.js';

const GOOGLE_PAGE = 10;

/** Google Programmable Search: pages of 10 until `count` results or an empty page. */
export const googlePse: SearchEngine = {
  needs: ['GOOGLE_PSE_API_KEY', 'GOOGLE_PSE_ENGINE_ID'],
  async search({ settings, call }, query, count) {
    const items: Record<string, unknown>[] = [];
    for (let start = 1; items.length < count; start += GOOGLE_PAGE) {
      const answer = await call({
        url: 'https://www.googleapis.com/customsearch/v1',
        query: {
          cx: settings.GOOGLE_PSE_ENGINE_ID,
          q: query,
          key: settings.GOOGLE_PSE_API_KEY,
          num: Math.min(count - items.length, GOOGLE_PAGE),
          start,
        },
      });
      const page = listAt(answer, 'items');
      if (page.length === 0) break;
      items.push(...page);
    }
    return resultsFrom(items, { link: 'link', title: 'title', snippet: 'snippet' });
  },
};

/** serper.dev: organic results by position. */
export const serper: SearchEngine = {
  needs: ['SERPER_API_KEY'],
  async search({ settings, call }, query) {
    const answer = await call({
      method: 'POST',
      url: 'https://google.serper.dev/search',
      headers: { 'x-api-key': settings.SERPER_API_KEY },
      json: { q: query },
    });
    return resultsFrom(sortedBy(listAt(answer, 'organic'), 'position'), {
      link: 'link',
      title: 'title',
      snippet: 'snippet',
    });
  },
};

/** serpapi.com with SERPAPI_ENGINE (google by default). */
export const serpapi: SearchEngine = {
  needs: ['SERPAPI_API_KEY'],
  async search({ settings, call }, query) {
    const answer = await call({
      url: 'https://serpapi.com/search',
      query: { engine: settings.SERPAPI_ENGINE || 'google', q: query, api_key: settings.SERPAPI_API_KEY },
    });
    return resultsFrom(sortedBy(listAt(answer, 'organic_results'), 'position'), {
      link: 'link',
      title: 'title',
      snippet: 'snippet',
    });
  },
};

/** searchapi.io with SEARCHAPI_ENGINE (google by default): organic results, then top stories. */
export const searchapi: SearchEngine = {
  needs: ['SEARCHAPI_API_KEY'],
  async search({ settings, call }, query) {
    const engine = settings.SEARCHAPI_ENGINE || 'google';
    const answer = await call({
      url: 'https://www.searchapi.io/api/v1/search',
      query: { engine, q: query, api_key: settings.SEARCHAPI_API_KEY },
    });
    const items = [...listAt(answer, 'organic_results'), ...listAt(answer, 'top_stories')];
    return resultsFrom(items, { link: 'link', title: 'title', snippet: 'snippet' });
  },
};

/** serpstack.com (SERPSTACK_HTTPS off for its free plan's plain HTTP). */
export const serpstack: SearchEngine = {
  needs: ['SERPSTACK_API_KEY'],
  async search({ settings, call }, query) {
    const answer = await call({
      method: 'POST',
      url: `${settings.SERPSTACK_HTTPS ? 'https' : 'http'}://api.serpstack.com/search`,
      query: { access_key: settings.SERPSTACK_API_KEY, query },
    });
    return resultsFrom(sortedBy(listAt(answer, 'organic_results'), 'position'), {
      link: 'url',
      title: 'title',
      snippet: 'snippet',
    });
  },
};

/** serply.io: the parameters are written into the path (`/v1/search/q=…`), as its API takes them. */
export const serply: SearchEngine = {
  needs: ['SERPLY_API_KEY'],
  async search({ settings, call }, query) {
    const params = new URLSearchParams({ q: query, language: 'en', num: '10', gl: 'US', hl: 'us' });
    const answer = await call({
      url: `https://api.serply.io/v1/search/${params.toString()}`,
      headers: {
        'x-api-key': settings.SERPLY_API_KEY,
        'x-user-agent': 'desktop',
        'user-agent': 'open-webui',
        'x-proxy-location': 'US',
      },
    });
    return resultsFrom(sortedBy(listAt(answer, 'results'), 'realPosition'), {
      link: 'link',
      title: 'title',
      snippet: 'description',
    });
  },
};
