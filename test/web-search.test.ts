import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { TestApp } from './support/app.js';
import { emptyChat, recordChatEvents, startSocketCompletion } from './support/completions.js';
import type { seedUsers } from './support/factories.js';
import { startWithProviders } from './support/fixture.js';
import { BING_KEY, EXTERNAL_KEY, type MockWeb, startMockWeb } from './support/mock-search.js';
import { lastPromptSent, publishModel, sseData, type Providers } from './support/providers.js';

/** Every key the 0.6.40 web app's Admin → Settings → Web Search page reads and writes. */
const SPA_KEYS = (
  'BING_SEARCH_V7_ENDPOINT BING_SEARCH_V7_SUBSCRIPTION_KEY BOCHA_SEARCH_API_KEY BRAVE_SEARCH_API_KEY ' +
  'BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL BYPASS_WEB_SEARCH_WEB_LOADER ENABLE_WEB_LOADER_SSL_VERIFICATION ' +
  'ENABLE_WEB_SEARCH EXA_API_KEY EXTERNAL_WEB_LOADER_API_KEY EXTERNAL_WEB_LOADER_URL EXTERNAL_WEB_SEARCH_API_KEY ' +
  'EXTERNAL_WEB_SEARCH_URL FIRECRAWL_API_BASE_URL FIRECRAWL_API_KEY GOOGLE_PSE_API_KEY GOOGLE_PSE_ENGINE_ID ' +
  'JINA_API_KEY KAGI_SEARCH_API_KEY MOJEEK_SEARCH_API_KEY OLLAMA_CLOUD_WEB_SEARCH_API_KEY PERPLEXITY_API_KEY ' +
  'PERPLEXITY_MODEL PERPLEXITY_SEARCH_API_URL PERPLEXITY_SEARCH_CONTEXT_USAGE PLAYWRIGHT_TIMEOUT PLAYWRIGHT_WS_URL ' +
  'SEARCHAPI_API_KEY SEARCHAPI_ENGINE SEARXNG_QUERY_URL SERPAPI_API_KEY SERPAPI_ENGINE SERPER_API_KEY ' +
  'SERPLY_API_KEY SERPSTACK_API_KEY SOUGOU_API_SID SOUGOU_API_SK TAVILY_API_KEY TAVILY_EXTRACT_DEPTH ' +
  'WEB_LOADER_CONCURRENT_REQUESTS WEB_LOADER_ENGINE WEB_SEARCH_CONCURRENT_REQUESTS WEB_SEARCH_DOMAIN_FILTER_LIST ' +
  'WEB_SEARCH_ENGINE WEB_SEARCH_RESULT_COUNT WEB_SEARCH_TRUST_ENV YACY_PASSWORD YACY_QUERY_URL YACY_USERNAME ' +
  'YOUTUBE_LOADER_LANGUAGE YOUTUBE_LOADER_PROXY_URL'
).split(' ');

const FREEDONIA =
  '<html><body><nav>Menu</nav><h1>Freedonia</h1><p>The capital of Freedonia is Fredville.</p></body></html>';
const SYLVANIA = '<html><body><p>Sylvania borders Freedonia; its capital is Sylvan City.</p></body></html>';

describe('web search (settings, process/web/search, completions)', () => {
  let providers: Providers;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;
  let close: () => Promise<void>;
  let web: MockWeb;

  before(async () => {
    web = await startMockWeb();
    ({ providers, app, cast, close } = await startWithProviders({
      publish: ['gpt-test'],
      env: { RAG_WEB_FETCH_ALLOWED_ADDRESSES: '127.0.0.2', WEB_SEARCH_ENGINE_TIMEOUT: '1' },
    }));
    providers.openai.setModels([{ id: 'gpt-test' }, { id: 'gpt-task' }]);
    await publishModel(app, cast.admin.token, 'gpt-task');
    web.pages.set('/freedonia', FREEDONIA);
    web.pages.set('/sylvania', SYLVANIA);
  });
  after(async () => {
    await close();
    await web.close();
  });

  const freedonia = () => `${web.siteUrl}/freedonia`;
  const sylvania = () => `${web.siteUrl}/sylvania`;
  const saveWeb = (settings: Record<string, unknown>, token = cast.admin.token) =>
    app.http.post('/api/v1/retrieval/config/update', { web: settings }, { token });
  const search = (queries: string[], token = cast.user.token) =>
    app.http.post('/api/v1/retrieval/process/web/search', { queries }, { token });
  const searxng = () => ({
    ENABLE_WEB_SEARCH: true,
    WEB_SEARCH_ENGINE: 'searxng',
    SEARXNG_QUERY_URL: `${web.engineUrl}/searxng/search`,
    WEB_SEARCH_RESULT_COUNT: 5,
    WEB_SEARCH_DOMAIN_FILTER_LIST: ['!ads.example'],
    WEB_LOADER_ENGINE: '',
    BYPASS_WEB_SEARCH_WEB_LOADER: false,
    BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL: false,
  });

  beforeEach(() => {
    web.results = [
      { url: freedonia(), title: 'Freedonia', content: 'Freedonia, a small country.' },
      { url: sylvania(), title: 'Sylvania', content: 'Sylvania, its neighbour.' },
      { url: web.internalUrl, title: 'Intranet', content: 'An internal page.' },
      { url: 'http://ads.example/buy', title: 'Ads', content: 'Buy now.' },
      { url: `${web.siteUrl}/missing`, title: 'Gone', content: 'A page that is gone.' },
    ];
    web.searches = [];
    web.siteHits = [];
    web.failWith = undefined;
    web.hang = false;
  });

  it('keeps every setting of the Web Search page, returns them, and drives /api/config', async () => {
    const initial = await app.http.get('/api/v1/retrieval/config', { token: cast.admin.token });
    assert.equal(initial.status, 200);
    for (const key of SPA_KEYS) assert.ok(key in initial.body.web, `web.${key} is returned`);
    assert.equal(initial.body.web.ENABLE_WEB_SEARCH, false);
    assert.deepEqual(initial.body.web.YOUTUBE_LOADER_LANGUAGE, ['en']);

    // The page sends its whole form; an engine this server does not run is stored all the same.
    const form = {
      ...initial.body.web,
      ENABLE_WEB_SEARCH: true,
      WEB_SEARCH_ENGINE: 'yacy',
      YACY_QUERY_URL: 'http://yacy.internal:8090',
      WEB_SEARCH_RESULT_COUNT: '4',
      WEB_SEARCH_DOMAIN_FILTER_LIST: ['wikipedia.org', '!spam.example'],
      PLAYWRIGHT_TIMEOUT: 5000,
      YOUTUBE_LOADER_PROXY_URL: null,
    };
    const saved = await saveWeb(form);
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.body.web.WEB_SEARCH_ENGINE, 'yacy');
    assert.equal(saved.body.web.WEB_SEARCH_RESULT_COUNT, 4);
    assert.equal(saved.body.CHUNK_SIZE, initial.body.CHUNK_SIZE, 'the Documents settings are untouched');
    const again = await app.http.get('/api/v1/retrieval/config', { token: cast.admin.token });
    assert.equal(again.body.web.YACY_QUERY_URL, 'http://yacy.internal:8090');
    assert.deepEqual(again.body.web.WEB_SEARCH_DOMAIN_FILTER_LIST, ['wikipedia.org', '!spam.example']);
    assert.equal(again.body.web.YOUTUBE_LOADER_PROXY_URL, '', 'null leaves a setting as it is');
    const features = (await app.http.get('/api/config', { cookie: `token=${cast.user.token}` })).body.features;
    assert.equal(features.enable_web_search, true);

    // Another instance on the same database reads the saved settings.
    const peer = await app.peer();
    try {
      const seen = await peer.http.get('/api/v1/retrieval/config', { token: cast.admin.token });
      assert.equal(seen.body.web.WEB_SEARCH_ENGINE, 'yacy');
      assert.equal(
        (await peer.http.get('/api/config', { cookie: `token=${cast.user.token}` })).body.features.enable_web_search,
        true,
      );
    } finally {
      await peer.stop();
    }

    const badCount = await saveWeb({ WEB_SEARCH_RESULT_COUNT: 'many' });
    assert.equal(badCount.status, 422);
    assert.match(JSON.stringify(badCount.body.detail), /WEB_SEARCH_RESULT_COUNT/);
    const badEngine = await saveWeb({ WEB_SEARCH_ENGINE: 'altavista' });
    assert.equal(badEngine.status, 422);
    assert.match(JSON.stringify(badEngine.body.detail), /WEB_SEARCH_ENGINE/);
    assert.equal((await saveWeb({ ENABLE_WEB_SEARCH: 'yes' })).status, 422);
    assert.equal((await saveWeb({ ENABLE_WEB_SEARCH: true }, cast.user.token)).status, 401);

    await saveWeb({ ENABLE_WEB_SEARCH: false });
    assert.equal(
      (await app.http.get('/api/config', { cookie: `token=${cast.user.token}` })).body.features.enable_web_search,
      false,
    );
  });

  it('answers a 400 naming what is missing: an engine, its settings, or one this server does not run', async () => {
    const refused = async (settings: Record<string, unknown>, pattern: RegExp) => {
      assert.equal((await saveWeb({ ...searxng(), ...settings })).status, 200);
      const response = await search(['freedonia']);
      assert.equal(response.status, 400, response.text);
      assert.match(response.body.detail, pattern);
    };
    await refused({ WEB_SEARCH_ENGINE: '' }, /No web search engine is chosen.*WEB_SEARCH_ENGINE/);
    await refused({ SEARXNG_QUERY_URL: '' }, /"searxng" needs SEARXNG_QUERY_URL/);
    await refused({ WEB_SEARCH_ENGINE: 'brave', BRAVE_SEARCH_API_KEY: '' }, /"brave" needs BRAVE_SEARCH_API_KEY/);
    await refused(
      { WEB_SEARCH_ENGINE: 'google_pse', GOOGLE_PSE_API_KEY: 'k', GOOGLE_PSE_ENGINE_ID: '' },
      /"google_pse" needs GOOGLE_PSE_ENGINE_ID/,
    );
    await refused({ WEB_SEARCH_ENGINE: 'duckduckgo' }, /"duckduckgo" is not run by this server/);
    await refused({ WEB_SEARCH_ENGINE: 'yacy', YACY_QUERY_URL: 'http://yacy' }, /"yacy" is not run by this server/);
    await refused(
      { WEB_LOADER_ENGINE: 'playwright' },
      /web loader engine "playwright" is not run.*BYPASS_WEB_SEARCH_WEB_LOADER/,
    );
    await refused(
      { WEB_SEARCH_ENGINE: 'firecrawl', FIRECRAWL_API_KEY: 'fk', FIRECRAWL_API_BASE_URL: 'not a url' },
      /Web search with firecrawl failed/,
    );
    await refused(
      { SEARXNG_QUERY_URL: 'ftp://searx.internal/' },
      /Web search with searxng failed: .*not an http\(s\) URL/,
    );
    assert.equal(web.searches.length, 0, 'no engine was asked');

    await refused({ ENABLE_WEB_SEARCH: false }, /Web search is turned off/);
    // Without the features.web_search permission: 403 (admins keep it).
    await saveWeb(searxng());
    const defaults = (await app.http.get('/api/v1/users/default/permissions', { token: cast.admin.token })).body;
    defaults.features.web_search = false;
    await app.http.post('/api/v1/users/default/permissions', defaults, { token: cast.admin.token });
    try {
      assert.equal((await search(['freedonia'])).status, 403);
      assert.equal((await search(['freedonia'], cast.admin.token)).status, 200);
    } finally {
      defaults.features.web_search = true;
      await app.http.post('/api/v1/users/default/permissions', defaults, { token: cast.admin.token });
    }
    const tooMany = await search(Array.from({ length: 11 }, (_, i) => `q${i}`));
    assert.equal(tooMany.status, 422);
  });

  it('searches every query, loads only public pages, and keeps them readable by the caller alone', async () => {
    await saveWeb(searxng());
    const response = await search(['capital of freedonia', 'freedonia neighbours']);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(
      web.searches.map((request) => [request.query, request.params.format]),
      [
        ['capital of freedonia', 'json'],
        ['freedonia neighbours', 'json'],
      ],
    );
    const body = response.body;
    assert.equal(body.status, true);
    assert.deepEqual(
      body.items.map((item: { link: string }) => item.link),
      [freedonia(), sylvania(), web.internalUrl, `${web.siteUrl}/missing`],
      'links deduplicated across queries; the filtered domain left out',
    );
    assert.deepEqual(body.items[0], { link: freedonia(), title: 'Freedonia', snippet: 'Freedonia, a small country.' });
    assert.deepEqual(body.filenames, [freedonia(), sylvania()], 'only the pages that loaded');
    assert.equal(body.loaded_count, 2);
    assert.equal(web.internalHits, 0, 'the internal address was never fetched');
    assert.equal(body.collection_names.length, 2);
    for (const name of body.collection_names) assert.match(name, /^file-[0-9a-f-]{36}$/);

    const ask = (token: string) =>
      app.http.post(
        '/api/v1/retrieval/query/doc',
        { collection_name: body.collection_names[0], query: 'capital' },
        { token },
      );
    const mine = await ask(cast.user.token);
    assert.equal(mine.status, 200);
    assert.match(mine.body.documents[0][0], /The capital of Freedonia is Fredville\./);
    assert.doesNotMatch(mine.body.documents[0][0], /Menu|<h1>/);
    assert.equal(mine.body.metadatas[0][0].source, freedonia());
    assert.equal((await ask(cast.other.token)).status, 404, 'another user cannot read the page');
    const fileId = body.collection_names[0].slice('file-'.length);
    assert.equal((await app.http.get(`/api/v1/files/${fileId}`, { token: cast.other.token })).status, 404);
    assert.equal((await app.http.get(`/api/v1/files/${fileId}`, { token: cast.user.token })).status, 200);
  });

  it('speaks key-based engines’ wire formats (Bing, External) and reports their failures without the key', async () => {
    await saveWeb({
      ...searxng(),
      WEB_SEARCH_ENGINE: 'bing',
      BING_SEARCH_V7_ENDPOINT: `${web.engineUrl}/bing/search`,
      BING_SEARCH_V7_SUBSCRIPTION_KEY: BING_KEY,
      WEB_SEARCH_RESULT_COUNT: 2,
    });
    const viaBing = await search(['freedonia']);
    assert.equal(viaBing.status, 200, viaBing.text);
    assert.deepEqual(viaBing.body.filenames, [freedonia(), sylvania()], 'WEB_SEARCH_RESULT_COUNT results');
    assert.equal(web.searches[0].params.count, '2');
    assert.equal(web.searches[0].params.q, 'freedonia');

    await saveWeb({
      WEB_SEARCH_ENGINE: 'external',
      EXTERNAL_WEB_SEARCH_URL: `${web.engineUrl}/external`,
      EXTERNAL_WEB_SEARCH_API_KEY: EXTERNAL_KEY,
    });
    const viaExternal = await search(['freedonia']);
    assert.equal(viaExternal.status, 200, viaExternal.text);
    assert.deepEqual(web.searches.at(-1)?.body, { query: 'freedonia', count: 2 });
    assert.equal(viaExternal.body.items[1].link, sylvania());

    web.failWith = 401;
    const failed = await search(['freedonia']);
    assert.equal(failed.status, 400);
    assert.match(failed.body.detail, /Web search with external failed: the engine answered 401/);
    assert.doesNotMatch(failed.body.detail, new RegExp(`${EXTERNAL_KEY}|${BING_KEY}`));
    web.failWith = undefined;

    web.hang = true;
    const started = Date.now();
    const timedOut = await search(['freedonia']);
    assert.equal(timedOut.status, 400);
    assert.match(timedOut.body.detail, /no answer within 1 s/);
    assert.ok(Date.now() - started < 5000, 'bounded by WEB_SEARCH_ENGINE_TIMEOUT');
  });

  it('uses the snippets with BYPASS_WEB_SEARCH_WEB_LOADER and answers docs with BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL', async () => {
    await saveWeb({
      ...searxng(),
      BYPASS_WEB_SEARCH_WEB_LOADER: true,
      BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL: true,
    });
    const files = async () => (await app.http.get('/api/v1/files/', { token: cast.user.token })).body.length as number;
    const before = await files();
    const response = await search(['freedonia']);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(web.siteHits, [], 'no page was loaded');
    assert.equal(response.body.collection_names, undefined);
    assert.equal(response.body.loaded_count, 4);
    assert.deepEqual(response.body.docs[0], {
      content: 'Freedonia, a small country.',
      metadata: { source: freedonia(), title: 'Freedonia', link: freedonia(), snippet: 'Freedonia, a small country.' },
    });
    assert.equal(await files(), before, 'nothing stored');

    await saveWeb({ BYPASS_WEB_SEARCH_WEB_LOADER: false });
    const loaded = await search(['freedonia']);
    assert.match(loaded.body.docs[0].content, /The capital of Freedonia is Fredville\./);
    assert.equal(await files(), before, 'still nothing stored');
  });

  describe('in completions (features.web_search)', () => {
    const lastPrompt = () => lastPromptSent(providers.openai.requests, 'gpt-test');
    const ask = (token: string, extra: Record<string, unknown> = {}) =>
      app.http.post(
        '/api/chat/completions',
        {
          model: 'gpt-test',
          stream: true,
          messages: [{ role: 'user', content: 'What is the capital of Freedonia?' }],
          features: { web_search: true },
          ...extra,
        },
        { token },
      );
    const useTaskModel = async (enabled: boolean) => {
      const current = (await app.http.get('/api/v1/tasks/config', { token: cast.admin.token })).body;
      return app.http.post(
        '/api/v1/tasks/config/update',
        { ...current, TASK_MODEL_EXTERNAL: 'gpt-task', ENABLE_SEARCH_QUERY_GENERATION: enabled },
        { token: cast.admin.token },
      );
    };

    it('searches with the task model’s queries and answers from the pages, citing them (HTTP stream)', async () => {
      await saveWeb(searxng());
      assert.equal((await useTaskModel(true)).status, 200);
      providers.openai.script('gpt-task', { chunks: ['{"queries": ["freedonia capital city"]}'] });
      providers.openai.script('gpt-test', { chunks: ['Fredville [1].'] });
      const response = await ask(cast.user.token);
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(
        web.searches.map((request) => request.query),
        ['freedonia capital city'],
      );
      const prompt = lastPrompt();
      assert.match(prompt, /<source id="1" name="[^"]*freedonia">[^<]*The capital of Freedonia is Fredville\./);
      assert.match(prompt, /What is the capital of Freedonia\?/);
      const [first] = sseData(response.text) as Record<string, any>[];
      const sources = first.sources as { source: Record<string, unknown>; metadata: { source: string }[] }[];
      assert.ok(sources.length >= 1);
      assert.equal(sources[0].metadata[0].source, freedonia(), 'the citation is the page’s address');
      assert.equal(web.internalHits, 0);
    });

    it('puts the whole pages in the prompt with BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL', async () => {
      await saveWeb({ ...searxng(), BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL: true });
      await useTaskModel(false);
      providers.openai.script('gpt-test', { chunks: ['Fredville.'] });
      const response = await ask(cast.user.token);
      assert.equal(response.status, 200, response.text);
      const prompt = lastPrompt();
      assert.match(prompt, /The capital of Freedonia is Fredville\./);
      assert.match(prompt, /Sylvania borders Freedonia/);
      const [first] = sseData(response.text) as Record<string, any>[];
      assert.equal(first.sources[0].source.type, 'web_search');
      assert.deepEqual(first.sources[0].source.queries, ['What is the capital of Freedonia?']);
      assert.deepEqual(
        first.sources[0].metadata.map((metadata: { source: string }) => metadata.source),
        [freedonia(), sylvania()],
      );
    });

    it('searches the user’s message when query generation is off, and not at all without the permission', async () => {
      await saveWeb(searxng());
      await useTaskModel(false);
      providers.openai.script('gpt-test', { chunks: ['Fredville.'] });
      assert.equal((await ask(cast.user.token)).status, 200);
      assert.deepEqual(
        web.searches.map((request) => request.query),
        ['What is the capital of Freedonia?'],
      );

      web.searches = [];
      const defaults = (await app.http.get('/api/v1/users/default/permissions', { token: cast.admin.token })).body;
      defaults.features.web_search = false;
      await app.http.post('/api/v1/users/default/permissions', defaults, { token: cast.admin.token });
      try {
        const response = await ask(cast.user.token);
        assert.equal(response.status, 200);
        assert.equal(lastPrompt(), 'What is the capital of Freedonia?');
        assert.equal(web.searches.length, 0);
      } finally {
        defaults.features.web_search = true;
        await app.http.post('/api/v1/users/default/permissions', defaults, { token: cast.admin.token });
      }

      await saveWeb({ ENABLE_WEB_SEARCH: false });
      assert.equal((await ask(cast.user.token)).status, 200);
      assert.equal(web.searches.length, 0, 'web search turned off: no search');
    });

    it('tells the user’s tabs how the search goes and stores the sources and statuses on the answer (socket mode)', async () => {
      await saveWeb(searxng());
      await useTaskModel(false);
      providers.openai.script('gpt-test', { chunks: ['Fredville.'] });
      const chatId = await emptyChat(app, cast.user.token);
      const recorder = recordChatEvents(app);
      try {
        const started = await startSocketCompletion(app, cast.user.token, chatId, 'answer-web', {
          messages: [{ role: 'user', content: 'What is the capital of Freedonia?' }],
          features: { web_search: true },
        });
        assert.equal(started.status, 200, started.text);
        assert.ok(await recorder.seen((event) => event.data.data?.done === true && 'content' in event.data.data));
      } finally {
        recorder.stop();
      }
      const mine = recorder.events.filter((event) => event.chatId === chatId);
      const statuses = mine.filter((event) => event.data.type === 'status').map((event) => event.data.data);
      assert.deepEqual(statuses[0], { action: 'web_search', description: 'Searching the web', done: false });
      assert.deepEqual(statuses[1], {
        action: 'web_search_queries_generated',
        queries: ['What is the capital of Freedonia?'],
        done: false,
      });
      assert.equal(statuses[2].description, 'Searched {{count}} sites');
      assert.equal(statuses[2].done, true);
      assert.deepEqual(statuses[2].urls, [freedonia(), sylvania()]);
      const order = mine.map((event) =>
        event.data.type === 'status' ? 'status' : event.data.data?.sources ? 'sources' : 'other',
      );
      assert.ok(order.lastIndexOf('status') < order.indexOf('sources'), 'statuses come before the sources');

      const chat = (await app.http.get(`/api/v1/chats/${chatId}`, { token: cast.user.token })).body;
      const message = chat.chat.history.messages['answer-web'];
      assert.equal(message.content, 'Fredville.');
      assert.equal(message.sources[0].metadata[0].source, freedonia());
      assert.deepEqual(
        message.statusHistory.map((status: { action: string }) => status.action),
        ['web_search', 'web_search_queries_generated', 'web_search'],
      );
    });

    it('answers without sources, with an error status, when the engine fails', async () => {
      await saveWeb({ ...searxng(), SEARXNG_QUERY_URL: '' });
      await useTaskModel(false);
      providers.openai.script('gpt-test', { chunks: ['I could not search.'] });
      const chatId = await emptyChat(app, cast.user.token);
      const recorder = recordChatEvents(app);
      try {
        await startSocketCompletion(app, cast.user.token, chatId, 'answer-failed', {
          messages: [{ role: 'user', content: 'What is the capital of Freedonia?' }],
          features: { web_search: true },
        });
        assert.ok(await recorder.seen((event) => event.data.data?.done === true && 'content' in event.data.data));
        const last = recorder.events.filter((event) => event.data.type === 'status').at(-1)?.data.data;
        assert.equal(last.description, 'An error occurred while searching the web');
        assert.equal(last.error, true);
      } finally {
        recorder.stop();
      }
      assert.equal(lastPrompt(), 'What is the capital of Freedonia?');
    });
  });
});
