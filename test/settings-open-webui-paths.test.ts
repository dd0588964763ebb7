import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startApp, type TestApp } from './support/app.js';
import { seedUsers } from './support/factories.js';
import { appFixture } from './support/fixture.js';

/**
 * A config as Open WebUI 0.6.40 exports it (Admin → Settings → Database → Export): every
 * PersistentConfig at its dotted path, nested. Only the task, Documents and Web Search parts.
 */
const OPEN_WEBUI_EXPORT = {
  version: 0,
  task: {
    model: { default: 'llama3:8b', external: 'gpt-task' },
    title: { enable: false, prompt_template: 'Title for {{MESSAGES:END:2}}' },
    tags: { enable: false, prompt_template: '' },
    follow_up: { enable: false, prompt_template: 'Follow-ups for {{MESSAGES:END:6}}' },
    autocomplete: { enable: true, input_max_length: 200 },
    query: { search: { enable: false }, retrieval: { enable: false }, prompt_template: 'Queries please' },
    image: { prompt_template: '' },
    tools: { prompt_template: '' },
    voice: { prompt_template: 'Speak briefly.' },
  },
  rag: {
    top_k: 7,
    top_k_reranker: 4,
    relevance_threshold: 0.25,
    enable_hybrid_search: true,
    hybrid_bm25_weight: 0.3,
    full_context: false,
    bypass_embedding_and_retrieval: false,
    chunk_size: 640,
    chunk_overlap: 64,
    text_splitter: 'token',
    template: 'Use this: {{CONTEXT}}',
    embedding_engine: 'ollama',
    embedding_model: 'nomic-embed-text',
    embedding_batch_size: 8,
    enable_async_embedding: false,
    ollama: { url: 'http://127.0.0.1:9', key: 'ollama-key' },
    openai_api_base_url: 'https://api.openai.com/v1',
    openai_api_key: 'sk-rag',
    azure_openai: { base_url: '', api_key: '', api_version: '2024-02-01' },
    reranking_engine: 'external',
    reranking_model: 'rerank-lite',
    external_reranker_url: 'http://127.0.0.1:9/rerank',
    external_reranker_api_key: 'rerank-key',
    CONTENT_EXTRACTION_ENGINE: '',
    pdf_extract_images: true,
    file: { max_size: 20, max_count: 4, allowed_extensions: ['pdf', 'md'] },
    youtube_loader_language: ['de', 'en'],
    youtube_loader_proxy_url: 'http://proxy.example:3128',
    web: {
      search: {
        enable: true,
        engine: 'searxng',
        result_count: 5,
        concurrent_requests: 2,
        trust_env: true,
        domain: { filter_list: ['wikipedia.org', '!example.com'] },
        bypass_embedding_and_retrieval: true,
        bypass_web_loader: false,
        searxng_query_url: 'http://searx.example/search?q=<query>',
        brave_search_api_key: 'brave-key',
        tavily_extract_depth: 'advanced',
      },
      loader: { engine: '', concurrent_requests: 4, ssl_verification: false, playwright_timeout: 5000 },
    },
  },
  file: { image_compression_width: 800, image_compression_height: null },
  google_drive: { enable: true },
  onedrive: { enable: false },
};

/** What those values read as through our routes. */
const EXPECTED_TASKS = {
  TASK_MODEL: 'llama3:8b',
  TASK_MODEL_EXTERNAL: 'gpt-task',
  ENABLE_TITLE_GENERATION: false,
  TITLE_GENERATION_PROMPT_TEMPLATE: 'Title for {{MESSAGES:END:2}}',
  ENABLE_TAGS_GENERATION: false,
  ENABLE_FOLLOW_UP_GENERATION: false,
  FOLLOW_UP_GENERATION_PROMPT_TEMPLATE: 'Follow-ups for {{MESSAGES:END:6}}',
  ENABLE_AUTOCOMPLETE_GENERATION: true,
  AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH: 200,
  ENABLE_SEARCH_QUERY_GENERATION: false,
  ENABLE_RETRIEVAL_QUERY_GENERATION: false,
  QUERY_GENERATION_PROMPT_TEMPLATE: 'Queries please',
  VOICE_MODE_PROMPT_TEMPLATE: 'Speak briefly.',
};
const EXPECTED_RAG = {
  TOP_K: 7,
  TOP_K_RERANKER: 4,
  RELEVANCE_THRESHOLD: 0.25,
  ENABLE_RAG_HYBRID_SEARCH: true,
  HYBRID_BM25_WEIGHT: 0.3,
  CHUNK_SIZE: 640,
  CHUNK_OVERLAP: 64,
  TEXT_SPLITTER: 'token',
  RAG_TEMPLATE: 'Use this: {{CONTEXT}}',
  RAG_EMBEDDING_ENGINE: 'ollama',
  RAG_EMBEDDING_MODEL: 'nomic-embed-text',
  RAG_EMBEDDING_BATCH_SIZE: 8,
  ENABLE_ASYNC_EMBEDDING: false,
  RAG_OLLAMA_BASE_URL: 'http://127.0.0.1:9',
  RAG_OLLAMA_API_KEY: 'ollama-key',
  RAG_OPENAI_API_KEY: 'sk-rag',
  RAG_AZURE_OPENAI_API_VERSION: '2024-02-01',
  RAG_RERANKING_ENGINE: 'external',
  RAG_RERANKING_MODEL: 'rerank-lite',
  RAG_EXTERNAL_RERANKER_URL: 'http://127.0.0.1:9/rerank',
  RAG_EXTERNAL_RERANKER_API_KEY: 'rerank-key',
  PDF_EXTRACT_IMAGES: true,
  FILE_MAX_SIZE: 20,
  FILE_MAX_COUNT: 4,
  ALLOWED_FILE_EXTENSIONS: ['pdf', 'md'],
  FILE_IMAGE_COMPRESSION_WIDTH: 800,
  FILE_IMAGE_COMPRESSION_HEIGHT: null,
  ENABLE_GOOGLE_DRIVE_INTEGRATION: true,
  ENABLE_ONEDRIVE_INTEGRATION: false,
};
const EXPECTED_WEB = {
  ENABLE_WEB_SEARCH: true,
  WEB_SEARCH_ENGINE: 'searxng',
  WEB_SEARCH_RESULT_COUNT: 5,
  WEB_SEARCH_CONCURRENT_REQUESTS: 2,
  WEB_SEARCH_TRUST_ENV: true,
  WEB_SEARCH_DOMAIN_FILTER_LIST: ['wikipedia.org', '!example.com'],
  BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL: true,
  SEARXNG_QUERY_URL: 'http://searx.example/search?q=<query>',
  BRAVE_SEARCH_API_KEY: 'brave-key',
  TAVILY_EXTRACT_DEPTH: 'advanced',
  WEB_LOADER_CONCURRENT_REQUESTS: 4,
  ENABLE_WEB_LOADER_SSL_VERIFICATION: false,
  PLAYWRIGHT_TIMEOUT: 5000,
  YOUTUBE_LOADER_LANGUAGE: ['de', 'en'],
  YOUTUBE_LOADER_PROXY_URL: 'http://proxy.example:3128',
};

/** `expected`'s keys, as `actual` has them. */
const picked = (actual: Record<string, unknown>, expected: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(expected).map((key) => [key, actual[key]]));

async function assertReadsBack(app: TestApp, token: string, label: string): Promise<void> {
  const tasks = await app.http.get('/api/v1/tasks/config', { token });
  assert.equal(tasks.status, 200, tasks.text);
  assert.deepEqual(picked(tasks.body, EXPECTED_TASKS), EXPECTED_TASKS, `${label}: task settings`);
  const config = await app.http.get('/api/v1/retrieval/config', { token });
  assert.equal(config.status, 200, config.text);
  assert.deepEqual(picked(config.body, EXPECTED_RAG), EXPECTED_RAG, `${label}: Documents settings`);
  assert.deepEqual(picked(config.body.web, EXPECTED_WEB), EXPECTED_WEB, `${label}: Web Search settings`);
  const summary = await app.http.get('/api/v1/retrieval/', { token });
  assert.equal(summary.body.CHUNK_SIZE, 640);
  assert.equal(summary.body.RAG_EMBEDDING_MODEL, 'nomic-embed-text');
}

/** The `config` row's document as stored (TEXT on SQLite, json on PostgreSQL). */
async function storedDocument(app: TestApp): Promise<Record<string, any>> {
  const rows = await app.dataSource.query<{ data: unknown }[]>('SELECT "data" FROM "config" ORDER BY "id" DESC');
  const data = rows[0].data;
  return (typeof data === 'string' ? JSON.parse(data) : data) as Record<string, any>;
}

const placeholder = (app: TestApp, n: number) => (app.dataSource.options.type === 'postgres' ? `$${n}` : '?');

describe('task, Documents and Web Search settings at Open WebUI’s config paths', () => {
  const t = appFixture();

  it('imports an Open WebUI 0.6.40 export: the routes read its values', async () => {
    const admin = t.cast.admin.token;
    const imported = await t.app.http.post('/api/v1/configs/import', { config: OPEN_WEBUI_EXPORT }, { token: admin });
    assert.equal(imported.status, 200, imported.text);
    await assertReadsBack(t.app, admin, 'after the import');
  });

  it('exports and stores them at those paths, and saves from the admin pages land there too', async () => {
    const admin = t.cast.admin.token;
    const exported = (await t.app.http.get('/api/v1/configs/export', { token: admin })).body;
    assert.equal(exported.task.model.external, 'gpt-task');
    assert.equal(exported.task.title.enable, false);
    assert.equal(exported.task.autocomplete.input_max_length, 200);
    assert.equal(exported.rag.top_k, 7);
    assert.equal(exported.rag.embedding_engine, 'ollama');
    assert.equal(exported.rag.ollama.url, 'http://127.0.0.1:9');
    assert.deepEqual(exported.rag.file, { max_size: 20, max_count: 4, allowed_extensions: ['pdf', 'md'] });
    assert.equal(exported.file.image_compression_width, 800);
    assert.equal(exported.google_drive.enable, true);
    assert.equal(exported.rag.web.search.engine, 'searxng');
    assert.deepEqual(exported.rag.web.search.domain.filter_list, ['wikipedia.org', '!example.com']);
    assert.equal(exported.rag.web.loader.ssl_verification, false);
    assert.deepEqual(exported.rag.youtube_loader_language, ['de', 'en']);
    assert.equal(exported.rag.youtube_loader_translation, '', 'ours, beside its siblings');
    for (const legacy of [exported.task.config, exported.rag.config, exported.rag.web.config]) {
      assert.equal(legacy, undefined, 'no whole-object groups');
    }

    // The admin pages' saves write the same paths.
    const tasks = (await t.app.http.get('/api/v1/tasks/config', { token: admin })).body;
    const savedTasks = await t.app.http.post(
      '/api/v1/tasks/config/update',
      { ...tasks, TASK_MODEL_EXTERNAL: 'gpt-other', ENABLE_TAGS_GENERATION: true },
      { token: admin },
    );
    assert.equal(savedTasks.status, 200, savedTasks.text);
    const savedRag = await t.app.http.post(
      '/api/v1/retrieval/config/update',
      { TOP_K: 9, web: { WEB_SEARCH_RESULT_COUNT: 2 } },
      { token: admin },
    );
    assert.equal(savedRag.status, 200, savedRag.text);
    const stored = await storedDocument(t.app);
    assert.equal(stored.task.model.external, 'gpt-other');
    assert.equal(stored.task.tags.enable, true);
    assert.equal(stored.rag.top_k, 9);
    assert.equal(stored.rag.chunk_size, 640, 'the rest kept');
    assert.equal(stored.rag.web.search.result_count, 2);
    assert.equal(stored.rag.web.search.engine, 'searxng');
    assert.equal(stored.task.config ?? stored.rag.config ?? stored.rag.web.config, undefined);
  });

  it('imports a document exported by an earlier build of webui-nest (whole-object groups)', async () => {
    const admin = t.cast.admin.token;
    const earlier = {
      task: { config: { TASK_MODEL_EXTERNAL: 'gpt-earlier' } },
      rag: { config: { TOP_K: 3 }, web: { config: { WEB_SEARCH_ENGINE: 'brave' } } },
    };
    const imported = await t.app.http.post('/api/v1/configs/import', { config: earlier }, { token: admin });
    assert.equal(imported.status, 200, imported.text);
    assert.equal(imported.body.task.model.external, 'gpt-earlier');
    assert.equal(imported.body.rag.config, undefined);
    assert.equal(
      (await t.app.http.get('/api/v1/tasks/config', { token: admin })).body.TASK_MODEL_EXTERNAL,
      'gpt-earlier',
    );
    const config = (await t.app.http.get('/api/v1/retrieval/config', { token: admin })).body;
    assert.equal(config.TOP_K, 3);
    assert.equal(config.web.WEB_SEARCH_ENGINE, 'brave');
    assert.equal(config.CHUNK_SIZE, 640, 'left out of the import: kept');
  });

  it('reads a choice this server does not offer as the default, like a value of the wrong type', async () => {
    const admin = t.cast.admin.token;
    const newer = { rag: { text_splitter: 'markdown_header', embedding_engine: 'sentence_transformers', top_k: 'x' } };
    assert.equal((await t.app.http.post('/api/v1/configs/import', { config: newer }, { token: admin })).status, 200);
    const config = (await t.app.http.get('/api/v1/retrieval/config', { token: admin })).body;
    assert.deepEqual([config.TEXT_SPLITTER, config.RAG_EMBEDDING_ENGINE, config.TOP_K], ['', '', 3]);
    const stored = await storedDocument(t.app);
    assert.equal(stored.rag.text_splitter, 'markdown_header', 'kept as imported, for Open WebUI to read');
  });
});

describe('migration of settings saved by an earlier build', () => {
  it('moves task.config, rag.config and rag.web.config to their paths and removes them', async () => {
    let app = await startApp();
    try {
      const { admin } = await seedUsers(app);
      // The row as an earlier build left it: Open WebUI's value at rag.top_k (a copied database)
      // beside our whole objects, which win since they are what the earlier build was using.
      const earlier = {
        ...(await storedDocument(app)),
        task: { config: { ...EXPECTED_TASKS } },
        rag: {
          top_k: 1,
          config: { ...EXPECTED_RAG, DROPPED_KEY: 'no path' },
          web: { config: { ...EXPECTED_WEB } },
        },
      };
      await app.dataSource.query(`UPDATE "config" SET "data" = ${placeholder(app, 1)}`, [JSON.stringify(earlier)]);
      // Run the migration again on the next start, as on a database migrated before it shipped.
      await app.dataSource.query(`DELETE FROM "migrations" WHERE "name" = ${placeholder(app, 1)}`, [
        'ConfigOpenWebuiPaths1765210000000',
      ]);
      app = await app.restart();

      await assertReadsBack(app, admin.token, 'after the migration');
      const stored = await storedDocument(app);
      assert.equal(stored.task.config, undefined);
      assert.equal(stored.rag.config, undefined);
      assert.equal(stored.rag.web.config, undefined);
      assert.equal(stored.rag.top_k, 7);
      assert.equal(stored.task.model.default, 'llama3:8b');
      assert.equal(stored.rag.web.search.engine, 'searxng');
      assert.equal(stored.file.image_compression_width, 800);
      assert.equal(JSON.stringify(stored).includes('DROPPED_KEY'), false);
    } finally {
      await app.close();
    }
  });
});
