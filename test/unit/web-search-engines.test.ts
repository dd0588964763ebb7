import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebSearchSettings } from '../../src/config/app-config.js';
import { EnvReader } from '../../src/config/env-parsers.js';
import { readWebSearch } from '../../src/config/env-web-search.js';
import { allowedByDomainFilter } from '../../src/web-search/domain-filter.js';
import { configuredEngine } from '../../src/web-search/engines/engine-registry.js';
import type { EngineCall } from '../../src/web-search/engines/search-engine.js';
import { webSettingsUpdate } from '../../src/web-search/web-settings.js';

const defaults = () => readWebSearch(new EnvReader({}));

/** Runs one engine's search against scripted answers (one per request), recording its requests. */
async function run(settings: Partial<WebSearchSettings>, answers: unknown[], count = 3) {
  const calls: EngineCall[] = [];
  const { engine } = configuredEngine({ ...defaults(), ...settings });
  const results = await engine.search(
    {
      settings: { ...defaults(), ...settings },
      locale: 'en-GB',
      call: (call) => {
        calls.push(call);
        return Promise.resolve(answers.shift() ?? {});
      },
    },
    'freedonia capital',
    count,
  );
  return { calls, results };
}

const hit = (link: string, title: string | null = 'T', snippet: string | null = 'S') => ({ link, title, snippet });

describe('web search engines: requests and answers as upstream sends and reads them', () => {
  it('searxng: GET with format=json, results by score, a legacy <query> URL losing its parameters', async () => {
    const { calls, results } = await run(
      { WEB_SEARCH_ENGINE: 'searxng', SEARXNG_QUERY_URL: 'http://sx/search?q=<query>' },
      [
        {
          results: [
            { url: 'https://b', title: 'B', content: 'b', score: 1 },
            { url: 'https://a', title: 'A', content: 'a', score: 5 },
          ],
        },
      ],
    );
    assert.equal(calls[0].url, 'http://sx/search');
    assert.equal(calls[0].method, undefined);
    assert.equal(calls[0].query?.q, 'freedonia capital');
    assert.equal(calls[0].query?.format, 'json');
    assert.deepEqual(results, [hit('https://a', 'A', 'a'), hit('https://b', 'B', 'b')]);
  });

  it('brave: X-Subscription-Token, count; web.results with description', async () => {
    const { calls, results } = await run({ WEB_SEARCH_ENGINE: 'brave', BRAVE_SEARCH_API_KEY: 'bk' }, [
      { web: { results: [{ url: 'https://a', title: 'A', description: 'd' }] } },
    ]);
    assert.equal(calls[0].url, 'https://api.search.brave.com/res/v1/web/search');
    assert.deepEqual(calls[0].query, { q: 'freedonia capital', count: 3 });
    assert.equal(calls[0].headers?.['x-subscription-token'], 'bk');
    assert.deepEqual(results, [hit('https://a', 'A', 'd')]);
  });

  it('google_pse: cx/key/num/start pages of 10 until the count or an empty page', async () => {
    const page = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => ({ link: `https://r${from + i}`, title: 't', snippet: 's' }));
    const { calls, results } = await run(
      { WEB_SEARCH_ENGINE: 'google_pse', GOOGLE_PSE_API_KEY: 'gk', GOOGLE_PSE_ENGINE_ID: 'cx1' },
      [{ items: page(10, 0) }, { items: page(2, 10) }],
      12,
    );
    assert.equal(calls[0].url, 'https://www.googleapis.com/customsearch/v1');
    assert.deepEqual(calls[0].query, { cx: 'cx1', q: 'freedonia capital', key: 'gk', num: 10, start: 1 });
    assert.deepEqual(calls[1].query, { cx: 'cx1', q: 'freedonia capital', key: 'gk', num: 2, start: 11 });
    assert.equal(results.length, 12);
  });

  it('tavily: POST query and api_key (allowed domains as include_domains); results by score', async () => {
    const { calls, results } = await run(
      { WEB_SEARCH_ENGINE: 'tavily', TAVILY_API_KEY: 'tk', WEB_SEARCH_DOMAIN_FILTER_LIST: ['wiki.org', '!x.com'] },
      [
        {
          results: [
            { url: 'https://a', title: 'A', content: 'c', score: 0.2 },
            { url: 'https://b', score: 0.9 },
          ],
        },
      ],
    );
    assert.equal(calls[0].method, 'POST');
    assert.equal(calls[0].url, 'https://api.tavily.com/search');
    assert.deepEqual(calls[0].json, {
      query: 'freedonia capital',
      api_key: 'tk',
      max_results: 3,
      include_domains: ['wiki.org'],
    });
    assert.deepEqual(results, [hit('https://b', null, null), hit('https://a', 'A', 'c')]);
  });

  it('serper: POST {q} with X-API-KEY; organic by position', async () => {
    const { calls, results } = await run({ WEB_SEARCH_ENGINE: 'serper', SERPER_API_KEY: 'sk' }, [
      {
        organic: [
          { link: 'https://b', position: 2 },
          { link: 'https://a', title: 'A', snippet: 's', position: 1 },
        ],
      },
    ]);
    assert.deepEqual([calls[0].method, calls[0].url], ['POST', 'https://google.serper.dev/search']);
    assert.deepEqual(calls[0].json, { q: 'freedonia capital' });
    assert.equal(calls[0].headers?.['x-api-key'], 'sk');
    assert.deepEqual(results, [hit('https://a', 'A', 's'), hit('https://b', null, null)]);
  });

  it('kagi: Authorization Bot, limit; only t=0 items', async () => {
    const { calls, results } = await run({ WEB_SEARCH_ENGINE: 'kagi', KAGI_SEARCH_API_KEY: 'kk' }, [
      {
        data: [
          { t: 0, url: 'https://a', title: 'A', snippet: 's' },
          { t: 1, list: ['related'] },
        ],
      },
    ]);
    assert.equal(calls[0].url, 'https://kagi.com/api/v0/search');
    assert.deepEqual(calls[0].query, { q: 'freedonia capital', limit: 3 });
    assert.equal(calls[0].headers?.authorization, 'Bot kk');
    assert.deepEqual(results, [hit('https://a', 'A', 's')]);
  });

  it('mojeek: api_key, fmt=json, t; response.results with desc', async () => {
    const { calls, results } = await run({ WEB_SEARCH_ENGINE: 'mojeek', MOJEEK_SEARCH_API_KEY: 'mk' }, [
      { response: { results: [{ url: 'https://a', title: 'A', desc: 'd' }] } },
    ]);
    assert.deepEqual(calls[0].query, { q: 'freedonia capital', api_key: 'mk', fmt: 'json', t: 3 });
    assert.deepEqual(results, [hit('https://a', 'A', 'd')]);
  });

  it('bing: the configured endpoint, the subscription key header, the locale as market', async () => {
    const { calls, results } = await run({ WEB_SEARCH_ENGINE: 'bing', BING_SEARCH_V7_SUBSCRIPTION_KEY: 'bk' }, [
      { webPages: { value: [{ url: 'https://a', name: 'A', snippet: 's' }] } },
    ]);
    assert.equal(calls[0].url, 'https://api.bing.microsoft.com/v7.0/search');
    assert.equal(calls[0].query?.mkt, 'en-GB');
    assert.equal(calls[0].headers?.['ocp-apim-subscription-key'], 'bk');
    assert.deepEqual(results, [hit('https://a', 'A', 's')]);
  });

  it('jina: POST {q, count ≤ 10} to s.jina.ai with the key as the Authorization header', async () => {
    const { calls, results } = await run(
      { WEB_SEARCH_ENGINE: 'jina', JINA_API_KEY: 'jina_k' },
      [{ data: [{ url: 'https://a', title: 'A', content: 'c' }] }],
      30,
    );
    assert.deepEqual([calls[0].method, calls[0].url], ['POST', 'https://s.jina.ai/']);
    assert.deepEqual(calls[0].json, { q: 'freedonia capital', count: 10 });
    assert.equal(calls[0].headers?.authorization, 'jina_k');
    assert.deepEqual(results, [hit('https://a', 'A', 'c')]);
  });

  it('exa: Bearer, numResults, text contents; the text is the snippet', async () => {
    const { calls, results } = await run({ WEB_SEARCH_ENGINE: 'exa', EXA_API_KEY: 'ek' }, [
      { results: [{ url: 'https://a', title: 'A', text: 'page text' }] },
    ]);
    assert.equal(calls[0].url, 'https://api.exa.ai/search');
    assert.equal(calls[0].headers?.authorization, 'Bearer ek');
    assert.deepEqual(calls[0].json, {
      query: 'freedonia capital',
      numResults: 3,
      contents: { text: true },
      type: 'auto',
    });
    assert.deepEqual(results, [hit('https://a', 'A', 'page text')]);
  });

  it('external: POST {query, count} with Bearer; a list of {link, title, snippet}', async () => {
    const { calls, results } = await run(
      {
        WEB_SEARCH_ENGINE: 'external',
        EXTERNAL_WEB_SEARCH_URL: 'http://search.internal/q',
        EXTERNAL_WEB_SEARCH_API_KEY: 'xk',
      },
      [[{ link: 'https://a', title: 'A', snippet: 's' }, { title: 'no link' }]],
    );
    assert.deepEqual([calls[0].method, calls[0].url], ['POST', 'http://search.internal/q']);
    assert.deepEqual(calls[0].json, { query: 'freedonia capital', count: 3 });
    assert.equal(calls[0].headers?.authorization, 'Bearer xk');
    assert.deepEqual(results, [hit('https://a', 'A', 's')]);
  });

  it('the SERP resellers and the other APIs read their own answer shapes', async () => {
    const cases: [Partial<WebSearchSettings>, unknown, string][] = [
      [
        { WEB_SEARCH_ENGINE: 'serpapi', SERPAPI_API_KEY: 'k' },
        { organic_results: [{ link: 'https://a' }] },
        'https://serpapi.com/search',
      ],
      [
        { WEB_SEARCH_ENGINE: 'searchapi', SEARCHAPI_API_KEY: 'k' },
        { organic_results: [{ link: 'https://a' }], top_stories: [{ link: 'https://b' }] },
        'https://www.searchapi.io/api/v1/search',
      ],
      [
        { WEB_SEARCH_ENGINE: 'serpstack', SERPSTACK_API_KEY: 'k', SERPSTACK_HTTPS: false },
        { organic_results: [{ url: 'https://a' }] },
        'http://api.serpstack.com/search',
      ],
      [
        { WEB_SEARCH_ENGINE: 'bocha', BOCHA_SEARCH_API_KEY: 'k' },
        { data: { webPages: { value: [{ url: 'https://a' }] } } },
        'https://api.bochaai.com/v1/web-search?utm_source=ollama',
      ],
      [
        { WEB_SEARCH_ENGINE: 'ollama_cloud', OLLAMA_CLOUD_WEB_SEARCH_API_KEY: 'k' },
        { results: [{ url: 'https://a' }] },
        'https://ollama.com/api/web_search',
      ],
      [
        { WEB_SEARCH_ENGINE: 'perplexity_search', PERPLEXITY_API_KEY: 'k' },
        { results: [{ url: 'https://a' }] },
        'https://api.perplexity.ai/search',
      ],
      [
        {
          WEB_SEARCH_ENGINE: 'firecrawl',
          FIRECRAWL_API_KEY: 'k',
          FIRECRAWL_API_BASE_URL: 'http://fc.internal:3002/base',
        },
        { data: [{ url: 'https://a' }] },
        'http://fc.internal:3002/v1/search',
      ],
      [
        { WEB_SEARCH_ENGINE: 'perplexity', PERPLEXITY_API_KEY: 'k' },
        { citations: ['https://a'], choices: [{ message: { content: 'x' } }] },
        'https://api.perplexity.ai/chat/completions',
      ],
    ];
    for (const [settings, answer, url] of cases) {
      const { calls, results } = await run(settings, [answer]);
      assert.equal(calls[0].url, url, settings.WEB_SEARCH_ENGINE);
      assert.equal(results[0]?.link, 'https://a', settings.WEB_SEARCH_ENGINE);
    }
    const serply = await run({ WEB_SEARCH_ENGINE: 'serply', SERPLY_API_KEY: 'k' }, [
      { results: [{ link: 'https://a', description: 'd', realPosition: 1 }] },
    ]);
    assert.match(serply.calls[0].url, /^https:\/\/api\.serply\.io\/v1\/search\/q=freedonia\+capital&/);
    assert.deepEqual(serply.results, [hit('https://a', null, 'd')]);
  });
});

describe('engine readiness, domain filter and settings', () => {
  it('names what is missing, and the engines that are stored but not run', () => {
    const refuse = (settings: Partial<WebSearchSettings>, pattern: RegExp) =>
      assert.throws(() => configuredEngine({ ...defaults(), ...settings }), pattern);
    refuse({ WEB_SEARCH_ENGINE: '' }, /No web search engine is chosen/);
    refuse({ WEB_SEARCH_ENGINE: 'sougou' }, /"sougou" is not run/);
    refuse({ WEB_SEARCH_ENGINE: 'ddgs' }, /"ddgs" is not run/);
    refuse({ WEB_SEARCH_ENGINE: 'toString' }, /"toString" is not run/);
    refuse({ WEB_SEARCH_ENGINE: 'google_pse' }, /needs GOOGLE_PSE_API_KEY and GOOGLE_PSE_ENGINE_ID/);
  });

  it('keeps allowed domains and drops blocked ones, by the end of the host name', () => {
    assert.equal(allowedByDomainFilter('https://en.wikipedia.org/wiki/X', ['wikipedia.org']), true);
    assert.equal(allowedByDomainFilter('https://example.com/', ['wikipedia.org']), false);
    assert.equal(allowedByDomainFilter('https://spam.example/', ['!spam.example']), false);
    assert.equal(allowedByDomainFilter('https://ok.example/', ['!spam.example']), true);
    assert.equal(allowedByDomainFilter('javascript:alert(1)', []), false);
  });

  it('checks saved settings by type, leaves null alone and ignores unknown keys', () => {
    const current = defaults();
    assert.equal(webSettingsUpdate(current, undefined), undefined);
    assert.deepEqual(
      webSettingsUpdate(current, {
        WEB_SEARCH_ENGINE: ' SearXNG ',
        WEB_SEARCH_RESULT_COUNT: '7',
        WEB_SEARCH_DOMAIN_FILTER_LIST: 'a.org, !b.org,',
        YOUTUBE_LOADER_PROXY_URL: null,
        SOMETHING_NEW: 1,
      }),
      { WEB_SEARCH_ENGINE: 'searxng', WEB_SEARCH_RESULT_COUNT: 7, WEB_SEARCH_DOMAIN_FILTER_LIST: ['a.org', '!b.org'] },
    );
    assert.throws(() => webSettingsUpdate(current, { WEB_SEARCH_RESULT_COUNT: 0 }));
    assert.throws(() => webSettingsUpdate(current, { WEB_LOADER_ENGINE: 'curl' }));
    assert.throws(() => webSettingsUpdate(current, []));
  });
});
