// Search APIs at fixed addresses, each with its own key.
import { bearer, listAt, resultsFrom, type SearchEngine, sortedBy } from './search-engine.js';

export const brave: SearchEngine = {
  needs: ['BRAVE_SEARCH_API_KEY'],
  async search({ settings, call }, query, count) {
    const answer = await call({
      url: 'https://api.search.brave.com/res/v1/web/search',
      query: { q: query, count },
      headers: { 'x-subscription-token': settings.BRAVE_SEARCH_API_KEY },
    });
    return resultsFrom(listAt(answer, 'web', 'results'), { link: 'url', title: 'title', snippet: 'description' });
  },
};

/** Kagi: only search results (`t: 0`), not its related searches. */
export const kagi: SearchEngine = {
  needs: ['KAGI_SEARCH_API_KEY'],
  async search({ settings, call }, query, count) {
    const answer = await call({
      url: 'https://kagi.com/api/v0/search',
      query: { q: query, limit: count },
      headers: { authorization: `Bot ${settings.KAGI_SEARCH_API_KEY}` },
    });
    return resultsFrom(
      listAt(answer, 'data').filter((item) => item.t === 0),
      { link: 'url', title: 'title', snippet: 'snippet' },
    );
  },
};

export const mojeek: SearchEngine = {
  needs: ['MOJEEK_SEARCH_API_KEY'],
  async search({ settings, call }, query, count) {
    const answer = await call({
      url: 'https://api.mojeek.com/search',
      query: { q: query, api_key: settings.MOJEEK_SEARCH_API_KEY, fmt: 'json', t: count },
    });
    return resultsFrom(listAt(answer, 'response', 'results'), { link: 'url', title: 'title', snippet: 'desc' });
  },
};

/** Tavily; a domain filter's allowed domains go along as `include_domains`. */
export const tavily: SearchEngine = {
  needs: ['TAVILY_API_KEY'],
  async search({ settings, call }, query, count) {
    const allowed = settings.WEB_SEARCH_DOMAIN_FILTER_LIST.filter((domain) => !domain.startsWith('!'));
    const answer = await call({
      method: 'POST',
      url: 'https://api.tavily.com/search',
      json: {
        query,
        api_key: settings.TAVILY_API_KEY,
        max_results: count,
        ...(allowed.length > 0 ? { include_domains: allowed } : {}),
      },
    });
    return resultsFrom(sortedBy(listAt(answer, 'results'), 'score', true), {
      link: 'url',
      title: 'title',
      snippet: 'content',
    });
  },
};

/** Jina's search (s.jina.ai), at most 10 results; its key is sent as the whole Authorization header. */
export const jina: SearchEngine = {
  needs: ['JINA_API_KEY'],
  async search({ settings, call }, query, count) {
    const answer = await call({
      method: 'POST',
      url: 'https://s.jina.ai/',
      headers: { authorization: settings.JINA_API_KEY, 'x-retain-images': 'none' },
      json: { q: query, count: Math.min(count, 10) },
    });
    return resultsFrom(listAt(answer, 'data'), { link: 'url', title: 'title', snippet: 'content' });
  },
};

/** Exa, with the page text as the snippet. */
export const exa: SearchEngine = {
  needs: ['EXA_API_KEY'],
  async search({ settings, call }, query, count) {
    const allowed = settings.WEB_SEARCH_DOMAIN_FILTER_LIST.filter((domain) => !domain.startsWith('!'));
    const answer = await call({
      method: 'POST',
      url: 'https://api.exa.ai/search',
      headers: bearer(settings.EXA_API_KEY),
      json: {
        query,
        numResults: count || 5,
        ...(allowed.length > 0 ? { includeDomains: allowed } : {}),
        contents: { text: true },
        type: 'auto',
      },
    });
    return resultsFrom(listAt(answer, 'results'), { link: 'url', title: 'title', snippet: 'text' });
  },
};

/** Bocha (bochaai.com): the summary is the snippet. */
export const bocha: SearchEngine = {
  needs: ['BOCHA_SEARCH_API_KEY'],
  async search({ settings, call }, query, count) {
    const answer = await call({
      method: 'POST',
      url: 'https://api.bochaai.com/v1/web-search?utm_source=ollama',
      headers: bearer(settings.BOCHA_SEARCH_API_KEY),
      json: { query, summary: true, freshness: 'noLimit', count },
    });
    return resultsFrom(listAt(answer, 'data', 'webPages', 'value'), {
      link: 'url',
      title: 'name',
      snippet: 'summary',
    });
  },
};

/** Ollama's cloud web search (ollama.com). */
export const ollamaCloud: SearchEngine = {
  needs: ['OLLAMA_CLOUD_WEB_SEARCH_API_KEY'],
  async search({ settings, call }, query, count) {
    const answer = await call({
      method: 'POST',
      url: 'https://ollama.com/api/web_search',
      headers: bearer(settings.OLLAMA_CLOUD_WEB_SEARCH_API_KEY),
      json: { query, max_results: count },
    });
    return resultsFrom(listAt(answer, 'results'), { link: 'url', title: 'title', snippet: 'content' });
  },
};

/**
 * Perplexity's chat API with web search: its citations are the results, and the answer the first one's
 * snippet (as upstream reads it).
 */
export const perplexity: SearchEngine = {
  needs: ['PERPLEXITY_API_KEY'],
  async search({ settings, call }, query) {
    const answer = (await call({
      method: 'POST',
      url: 'https://api.perplexity.ai/chat/completions',
      headers: bearer(settings.PERPLEXITY_API_KEY),
      json: {
        model: settings.PERPLEXITY_MODEL || 'sonar',
        messages: [
          { role: 'system', content: 'You are a search assistant. Provide factual information with citations.' },
          { role: 'user', content: query },
        ],
        temperature: 0.2,
        stream: false,
        web_search_options: { search_context_usage: settings.PERPLEXITY_SEARCH_CONTEXT_USAGE || 'medium' },
      },
    })) as { citations?: unknown; choices?: { message?: { content?: unknown } }[] };
    const content = answer?.choices?.[0]?.message?.content;
    const citations = Array.isArray(answer?.citations) ? answer.citations : [];
    return citations.flatMap((link, index) =>
      typeof link === 'string'
        ? [{ link, title: `Source ${index + 1}`, snippet: index === 0 && typeof content === 'string' ? content : '' }]
        : [],
    );
  },
};
