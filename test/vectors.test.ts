import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp } from './support/app.js';
import { usingPostgres } from './support/database.js';
import { seedUsers, type TestUser } from './support/factories.js';
import { followStatus, uploadFile } from './support/files.js';
import {
  cosine,
  type MockEmbeddings,
  mockEmbedding,
  startMockEmbeddings,
  synonymOf,
} from './support/mock-embeddings.js';
import { type MockReranker, rerankScore, startMockReranker } from './support/mock-reranker.js';

/**
 * Embeddings, the vector store and hybrid search, through the HTTP routes. The mock embedding server's
 * vectors are hashed bags of words, so `synonymOf(word)` is a different word with the same vector
 * component: a query made of synonyms shares no word with its answer, and only vectors can find it.
 * Runs on SQLite, on PostgreSQL with pgvector, and on PostgreSQL without it (TEST_VECTOR_DB=chroma).
 */
const expectedStore = usingPostgres() && process.env.TEST_VECTOR_DB !== 'chroma' ? 'pgvector' : 'in_process';

const PARAGRAPHS = {
  aardvark: 'The aardvark digs burrows at night.',
  penguin: 'Penguins swim fast in cold water.',
  volcano: 'Volcanoes erupt rivers of lava.',
};
const ANIMALS = Object.values(PARAGRAPHS).join('\n\n');

const engineEnv = (mock: MockEmbeddings, model = 'hash'): Record<string, string> => ({
  RAG_EMBEDDING_ENGINE: 'openai',
  RAG_EMBEDDING_MODEL: model,
  RAG_OPENAI_API_BASE_URL: mock.openaiBaseUrl,
  RAG_OPENAI_API_KEY: 'sk-embed',
  RAG_EMBEDDING_BATCH_SIZE: '2',
  CHUNK_SIZE: '60',
  CHUNK_OVERLAP: '0',
});

async function processed(app: TestApp, token: string, name: string, content: string): Promise<string> {
  const upload = await uploadFile(app, { name, content, token });
  assert.equal(upload.status, 200, upload.text);
  const events = await followStatus(app, upload.body.id, token);
  assert.equal(events.at(-1)?.status, 'completed', JSON.stringify(events));
  return upload.body.id as string;
}

async function waitForMode(app: TestApp, mode: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await app.http.get('/api/v1/retrieval/');
    if (status.body.search_mode === mode) return;
    if (Date.now() > deadline) assert.fail(`search_mode stayed ${status.body.search_mode}, wanted ${mode}`);
    await sleep(50);
  }
}

const query = (app: TestApp, user: TestUser, fileId: string, words: string, extra: Record<string, unknown> = {}) =>
  app.http.post(
    '/api/v1/retrieval/query/doc',
    { collection_name: `file-${fileId}`, query: words, k: 5, ...extra },
    { token: user.token },
  );

async function count(app: TestApp, sql: string, ...params: unknown[]): Promise<number> {
  let index = 0;
  const text = app.config.database.type === 'postgres' ? sql.replace(/\?/g, () => `$${++index}`) : sql;
  const rows: { n: number | string }[] = await app.dataSource.query(text, params);
  return Number(rows[0].n);
}

/** The vector score the API reports for a chunk: (1 + cosine) / 2 of the mock's vectors. */
const vectorScore = (question: string, chunk: string, dimensions?: number) =>
  (1 + cosine(mockEmbedding(question, dimensions), mockEmbedding(chunk, dimensions))) / 2;

describe('vector search', () => {
  let mock: MockEmbeddings;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;
  let fileId: string;

  before(async () => {
    mock = await startMockEmbeddings();
    app = await startApp(engineEnv(mock));
    cast = await seedUsers(app);
    await waitForMode(app, 'vector');
    mock.reset();
    fileId = await processed(app, cast.user.token, 'animals.md', ANIMALS);
  });
  after(async () => {
    await app.close();
    await mock.close();
  });

  it('embeds every chunk at indexing, in batches of RAG_EMBEDDING_BATCH_SIZE, and says where vectors live', async () => {
    const embedded = mock.requests.flatMap((request) => request.body.input as string[]);
    assert.deepEqual(embedded.sort(), Object.values(PARAGRAPHS).sort());
    assert.ok(mock.requests.every((request) => request.batchSize <= 2 && request.body.model === 'hash'));
    assert.equal(
      await count(app, 'SELECT COUNT(*) AS n FROM chunk_vector WHERE collection_name = ?', `file-${fileId}`),
      3,
    );
    const embedding = await app.http.get('/api/v1/retrieval/embedding', { token: cast.admin.token });
    assert.equal(embedding.body.vector_store, expectedStore);
    assert.deepEqual(embedding.body.embedding_index, {
      state: 'ready',
      dimensions: 384,
      embedded_chunks: 3,
      total_chunks: 3,
    });
    assert.equal((await app.http.get('/api/v1/retrieval/embedding', { token: cast.user.token })).status, 401);
  });

  it('finds the right chunk by meaning where full text finds nothing, scored by cosine', async () => {
    const question = `${synonymOf('aardvark')} ${synonymOf('burrows')}`;
    mock.reset();
    const answer = await query(app, cast.user, fileId, question);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.documents[0][0], PARAGRAPHS.aardvark);
    assert.ok(Math.abs(answer.body.distances[0][0] - vectorScore(question, PARAGRAPHS.aardvark)) < 1e-5);
    assert.deepEqual(
      [...answer.body.distances[0]].sort((a: number, b: number) => b - a),
      answer.body.distances[0],
    );
    assert.equal(answer.body.metadatas[0][0].file_id, fileId);
    // The query was embedded once, as a query.
    assert.deepEqual(
      mock.requests.map((request) => request.body.input),
      [[question]],
    );
  });

  it('falls back to full text when the provider cannot embed the query', async () => {
    mock.failNext(1, 400);
    const answer = await query(app, cast.user, fileId, 'penguins water');
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.documents[0][0], PARAGRAPHS.penguin);
  });

  it('a file whose chunks cannot be embedded ends failed, with no chunks left behind', async () => {
    mock.failNext(1, 400);
    const upload = await uploadFile(app, {
      name: 'doomed.txt',
      content: 'Nothing to see here.',
      token: cast.user.token,
    });
    const events = await followStatus(app, upload.body.id, cast.user.token);
    assert.equal(events.at(-1)?.status, 'failed');
    assert.match(events.at(-1)?.error ?? '', /Embedding request to openai/);
    mock.reset();
    assert.equal(await count(app, 'SELECT COUNT(*) AS n FROM document_chunk WHERE file_id = ?', upload.body.id), 0);
  });

  it('embeds a file of more chunks than one group a group at a time, and removes its chunks if that fails', async () => {
    // 70 paragraphs, one chunk each: more than the 64 texts of a group, so chunks are written first.
    const long = Array.from({ length: 70 }, (_, i) => `Paragraph number ${i} tells of topic ${i % 9}.`).join('\n\n');
    const id = await processed(app, cast.user.token, 'long.md', long);
    const collection = `file-${id}`;
    assert.equal(
      await count(app, 'SELECT COUNT(*) AS n FROM document_chunk WHERE collection_name = ?', collection),
      70,
    );
    assert.equal(await count(app, 'SELECT COUNT(*) AS n FROM chunk_vector WHERE collection_name = ?', collection), 70);

    mock.failNext(1, 400);
    const upload = await uploadFile(app, { name: 'long-doomed.md', content: long, token: cast.user.token });
    assert.equal((await followStatus(app, upload.body.id, cast.user.token)).at(-1)?.status, 'failed');
    mock.reset();
    assert.equal(await count(app, 'SELECT COUNT(*) AS n FROM document_chunk WHERE file_id = ?', upload.body.id), 0);
  });

  it('replaces a file of more chunks than one write batch whole: readers see the old chunks or the new, never a mix', async () => {
    // On SQLite more than 500 chunks are written in batches, hidden until the last one is in.
    const version = (tag: string, n: number) =>
      Array.from({ length: n }, (_, i) => `Entry ${i} of version ${tag} about topic ${i % 7}.`).join('\n\n');
    const id = await processed(app, cast.user.token, 'big.md', version('alpha', 1200));
    const visible = () =>
      count(app, 'SELECT COUNT(*) AS n FROM document_chunk WHERE file_id = ? AND position >= 0', id);
    assert.equal(await visible(), 1200);
    assert.equal(
      await count(
        app,
        'SELECT COUNT(DISTINCT position) AS n FROM document_chunk WHERE file_id = ? AND position < 1200',
        id,
      ),
      1200,
    );
    const update = await app.http.post(
      `/api/v1/files/${id}/data/content/update`,
      { content: version('beta', 1100) },
      { token: cast.user.token },
    );
    assert.equal(update.status, 200, update.text);
    const seen = new Set<number>();
    for (;;) {
      seen.add(await visible());
      const status = await app.http.get(`/api/v1/files/${id}/process/status`, { token: cast.user.token });
      if (status.body.status !== 'pending') break;
      await sleep(5);
    }
    seen.add(await visible());
    assert.deepEqual(
      [...seen].filter((n) => n !== 1200 && n !== 1100),
      [],
    );
    assert.equal(await visible(), 1100);
    assert.equal(await count(app, 'SELECT COUNT(*) AS n FROM document_chunk WHERE file_id = ?', id), 1100);
    const answer = await query(app, cast.user, id, 'Entry 17 of version beta');
    assert.equal(answer.status, 200, answer.text);
    assert.ok(answer.body.documents[0].every((text: string) => text.includes('version beta')));
  });

  it('re-embeds everything when the model changes: full text meanwhile, never two models mixed', async () => {
    mock.reset();
    mock.setDelay(300);
    const changed = await app.http.post(
      '/api/v1/retrieval/embedding/update',
      { RAG_EMBEDDING_ENGINE: 'openai', RAG_EMBEDDING_MODEL: 'hash-256d', openai_config: { url: mock.openaiBaseUrl } },
      { token: cast.admin.token },
    );
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.embedding_index.state, 'building');
    assert.equal((await app.http.get('/api/v1/retrieval/')).body.search_mode, 'full_text');
    // Meanwhile queries answer from full text: the synonyms find nothing, the words themselves do.
    const meanwhile = await query(app, cast.user, fileId, 'volcanoes lava');
    assert.equal(meanwhile.body.documents[0][0], PARAGRAPHS.volcano);
    assert.deepEqual((await query(app, cast.user, fileId, synonymOf('aardvark'))).body.documents, [[]]);
    mock.setDelay(0);
    await waitForMode(app, 'vector');

    const reembedded = mock.requests.filter((request) => request.body.model === 'hash-256d');
    const texts = reembedded.flatMap((request) => request.body.input as string[]);
    for (const paragraph of Object.values(PARAGRAPHS)) assert.ok(texts.includes(paragraph), paragraph);
    // One space is left, the new model's, with every chunk's vector.
    assert.equal(await count(app, 'SELECT COUNT(*) AS n FROM embedding_space'), 1);
    assert.equal(await count(app, 'SELECT COUNT(DISTINCT space_id) AS n FROM chunk_vector'), 1);
    assert.equal(
      await count(app, 'SELECT COUNT(*) AS n FROM chunk_vector'),
      await count(app, 'SELECT COUNT(*) AS n FROM document_chunk'),
    );
    const embedding = await app.http.get('/api/v1/retrieval/embedding', { token: cast.admin.token });
    const index = embedding.body.embedding_index;
    assert.equal(index.state, 'ready');
    assert.equal(index.dimensions, 256);
    assert.equal(index.embedded_chunks, index.total_chunks);
    if (expectedStore === 'pgvector') {
      const indexes: { indexname: string }[] = await app.dataSource.query(
        "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'chunk_vector_hnsw_%'",
      );
      assert.equal(indexes.length, 1, 'the old model’s index is dropped with its vectors');
    }
    const question = synonymOf('lava', 256);
    const answer = await query(app, cast.user, fileId, question);
    assert.equal(answer.body.documents[0][0], PARAGRAPHS.volcano);
    assert.ok(Math.abs(answer.body.distances[0][0] - vectorScore(question, PARAGRAPHS.volcano, 256)) < 1e-5);
  });
});

describe('hybrid search', () => {
  let mock: MockEmbeddings;
  let reranker: MockReranker;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;
  let fileId: string;
  // Full text finds only TEXT (it has the word kiwi); vectors put VECTOR first (it is all mango,
  // under another name) and TEXT second; OTHER shares nothing with the question.
  const TEXT = 'kiwi alpha beta gamma';
  const VECTOR = Array(3).fill(synonymOf('mango')).join(' ');
  const OTHER = 'volcanoes erupt lava rivers';
  const question = 'kiwi mango';

  before(async () => {
    mock = await startMockEmbeddings();
    reranker = await startMockReranker('volcanoes');
    // Chunks of 30 characters at most: each of the three paragraphs is a chunk of its own.
    app = await startApp({
      ...engineEnv(mock),
      CHUNK_SIZE: '30',
      ENABLE_RAG_HYBRID_SEARCH: 'true',
      RAG_TOP_K_RERANKER: '5',
    });
    cast = await seedUsers(app);
    await waitForMode(app, 'hybrid');
    fileId = await processed(app, cast.user.token, 'fruit.md', [TEXT, VECTOR, OTHER].join('\n\n'));
  });
  after(async () => {
    await app.close();
    await reranker.close();
    await mock.close();
  });

  it('fuses the full-text and vector rankings, weighted by HYBRID_BM25_WEIGHT', async () => {
    const byText = await query(app, cast.user, fileId, question, { hybrid_bm25_weight: 1 });
    assert.deepEqual(byText.body.documents[0].slice(0, 2), [TEXT, VECTOR]);
    assert.ok(Math.abs(byText.body.distances[0][0] - 1) < 1e-9, 'first in the only ranking that counts');
    const byVector = await query(app, cast.user, fileId, question, { hybrid_bm25_weight: 0 });
    assert.deepEqual(byVector.body.documents[0].slice(0, 2), [VECTOR, TEXT]);
    // Even weights: TEXT is first in one list and second in the other, VECTOR first in one only.
    const even = await query(app, cast.user, fileId, question);
    assert.deepEqual(even.body.documents[0].slice(0, 2), [TEXT, VECTOR]);
    assert.ok(Math.abs(even.body.distances[0][0] - (0.5 + (0.5 * 61) / 62)) < 1e-9);
    // The saved weight applies when the query names none; hybrid=false is plain vector search.
    await app.http.post('/api/v1/retrieval/config/update', { HYBRID_BM25_WEIGHT: 0 }, { token: cast.admin.token });
    assert.deepEqual((await query(app, cast.user, fileId, question)).body.documents[0].slice(0, 2), [VECTOR, TEXT]);
    await app.http.post('/api/v1/retrieval/config/update', { HYBRID_BM25_WEIGHT: 0.5 }, { token: cast.admin.token });
    const plain = await query(app, cast.user, fileId, question, { hybrid: false });
    assert.deepEqual(plain.body.documents[0].slice(0, 2), [VECTOR, TEXT]);
    assert.ok(Math.abs(plain.body.distances[0][0] - vectorScore(question, VECTOR)) < 1e-5);
    // At most min(k, k_reranker); the relevance threshold drops what scores below it.
    assert.equal((await query(app, cast.user, fileId, question, { k_reranker: 1 })).body.documents[0].length, 1);
    assert.equal((await query(app, cast.user, fileId, question, { k: 2 })).body.documents[0].length, 2);
    const strict = await query(app, cast.user, fileId, question, { r: 0.99 });
    assert.deepEqual(strict.body.documents, [[TEXT]]);
    const refused = await query(app, cast.user, fileId, question, { r: 2 });
    assert.ok(refused.status >= 400 && refused.status < 500, refused.text);
  });

  it('reorders by the external reranker in Open WebUI’s wire format, and keeps the fusion when it fails', async () => {
    const saved = await app.http.post(
      '/api/v1/retrieval/config/update',
      {
        RAG_RERANKING_ENGINE: 'external',
        RAG_RERANKING_MODEL: 'rerank-mock',
        RAG_EXTERNAL_RERANKER_URL: reranker.url,
        RAG_EXTERNAL_RERANKER_API_KEY: 'rk-secret',
      },
      { token: cast.admin.token },
    );
    assert.equal(saved.status, 200, saved.text);
    const answer = await query(app, cast.user, fileId, question);
    assert.equal(answer.body.documents[0][0], OTHER);
    assert.equal(answer.body.distances[0][0], rerankScore(OTHER, 'volcanoes'));
    const [request] = reranker.requests;
    assert.equal(request.headers.authorization, 'Bearer rk-secret');
    assert.equal(request.body.model, 'rerank-mock');
    assert.equal(request.body.query, question);
    const documents = request.body.documents as string[];
    assert.deepEqual([...documents].sort(), [TEXT, VECTOR, OTHER].sort());
    assert.equal(request.body.top_n, documents.length);
    // The threshold applies to the reranker's scores.
    assert.deepEqual((await query(app, cast.user, fileId, question, { r: 0.2 })).body.documents, [[OTHER]]);

    reranker.failNext(1);
    const fallback = await query(app, cast.user, fileId, question);
    assert.equal(fallback.status, 200);
    assert.deepEqual(fallback.body.documents[0].slice(0, 2), [TEXT, VECTOR]);
  });
});

describe('retrieval without an embedding engine', () => {
  let mock: MockEmbeddings;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  before(async () => {
    mock = await startMockEmbeddings();
    app = await startApp({ CHUNK_SIZE: '60', CHUNK_OVERLAP: '0' });
    cast = await seedUsers(app);
  });
  after(async () => {
    await app.close();
    await mock.close();
  });

  it('searches full text alone, says so, stores no vectors; turning an engine on embeds what is there', async () => {
    const id = await processed(app, cast.user.token, 'animals.md', ANIMALS);
    assert.equal((await app.http.get('/api/v1/retrieval/')).body.search_mode, 'full_text');
    const embedding = await app.http.get('/api/v1/retrieval/embedding', { token: cast.admin.token });
    assert.equal(embedding.body.embedding_index, null);
    const answer = await query(app, cast.user, id, 'penguins');
    assert.equal(answer.body.documents[0][0], PARAGRAPHS.penguin);
    assert.deepEqual((await query(app, cast.user, id, synonymOf('penguins'))).body.documents, [[]]);
    assert.equal(await count(app, 'SELECT COUNT(*) AS n FROM chunk_vector'), 0);
    assert.equal(mock.requests.length, 0);

    const on = await app.http.post(
      '/api/v1/retrieval/embedding/update',
      { RAG_EMBEDDING_ENGINE: 'ollama', RAG_EMBEDDING_MODEL: 'hash', ollama_config: { url: mock.url } },
      { token: cast.admin.token },
    );
    assert.equal(on.status, 200, on.text);
    await waitForMode(app, 'vector');
    assert.ok(mock.requests.every((request) => request.api === 'ollama'));
    assert.equal(await count(app, 'SELECT COUNT(*) AS n FROM chunk_vector'), 3);
    const found = await query(app, cast.user, id, synonymOf('penguins'));
    assert.equal(found.body.documents[0][0], PARAGRAPHS.penguin);

    // Off again: back to full text at once; the vectors stay, marked incomplete (new chunks get none).
    await app.http.post(
      '/api/v1/retrieval/embedding/update',
      { RAG_EMBEDDING_ENGINE: '' },
      { token: cast.admin.token },
    );
    assert.equal((await app.http.get('/api/v1/retrieval/')).body.search_mode, 'full_text');
    assert.deepEqual((await query(app, cast.user, id, synonymOf('penguins'))).body.documents, [[]]);
  });
});

describe('a new embedding space and the filtered index search', () => {
  let mock: MockEmbeddings;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  before(async () => {
    mock = await startMockEmbeddings();
    // Every search goes through the HNSW index (pgvector), which keeps only 10 candidates at a time.
    app = await startApp({ ...engineEnv(mock), VECTOR_EXACT_SCAN_MAX: '0', VECTOR_HNSW_EF_SEARCH: '10' });
    cast = await seedUsers(app);
    await waitForMode(app, 'vector');
  });
  after(async () => {
    await app.close();
    await mock.close();
  });

  it('files processed at once all store the first vectors of the space, which gets one index', async () => {
    // Each upload's first vectors settle the space's dimension, and with pgvector each would build its index.
    const ids = await Promise.all(
      Object.entries(PARAGRAPHS).flatMap(([name, text]) =>
        [1, 2].map((n) => processed(app, cast.user.token, `${name}-${n}.txt`, text)),
      ),
    );
    assert.equal(ids.length, 6);
    assert.equal(await count(app, 'SELECT COUNT(*) AS n FROM chunk_vector'), 6);
    if (expectedStore === 'pgvector') {
      const indexes: { valid: boolean }[] = await app.dataSource.query(
        `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE c.relname LIKE 'chunk_vector_hnsw_%'`,
      );
      assert.deepEqual(indexes, [{ valid: true }]);
    }
  });

  it('finds a collection’s chunks even when other collections hold all the nearest vectors', async () => {
    // 40 copies of the penguin paragraph elsewhere: the index's first candidates all belong to another file.
    await processed(app, cast.user.token, 'penguins.md', Array(40).fill(PARAGRAPHS.penguin).join('\n\n'));
    const id = await processed(app, cast.user.token, 'animals.md', ANIMALS);
    const answer = await query(app, cast.user, id, synonymOf('penguins'));
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.documents[0].length, 3, JSON.stringify(answer.body.documents));
    assert.equal(answer.body.documents[0][0], PARAGRAPHS.penguin);
  });
});

describe('vectors shared by two instances', () => {
  let mock: MockEmbeddings;
  let first: TestApp;
  let second: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  before(async () => {
    mock = await startMockEmbeddings();
    first = await startApp(engineEnv(mock));
    // The second ranks through the HNSW index even for a small collection (pgvector); in-process it is the same scan.
    second = await first.peer({ ...engineEnv(mock), VECTOR_EXACT_SCAN_MAX: '0' });
    cast = await seedUsers(first);
    await waitForMode(first, 'vector');
  });
  after(async () => {
    await second.stop();
    await first.close();
    await mock.close();
  });

  it('sees each other’s vectors at once, and never answers from a stale copy', async () => {
    const id = await processed(first, cast.user.token, 'animals.md', ANIMALS);
    const question = synonymOf('penguins');
    assert.equal((await query(second, cast.user, id, question)).body.documents[0][0], PARAGRAPHS.penguin);
    assert.equal((await query(first, cast.user, id, question)).body.documents[0][0], PARAGRAPHS.penguin);

    // The second instance replaces the file's text; the first, which holds the old vectors, must notice.
    const replaced = 'Ostriches run across the savanna.';
    const redo = await second.http.post(
      '/api/v1/retrieval/process/file',
      { file_id: id, content: replaced },
      { token: cast.user.token },
    );
    assert.equal(redo.status, 200, redo.text);
    const ostrich = `${synonymOf('ostriches')} ${synonymOf('savanna')}`;
    assert.deepEqual((await query(first, cast.user, id, ostrich)).body.documents[0], [replaced]);
    assert.deepEqual((await query(second, cast.user, id, ostrich)).body.documents[0], [replaced]);

    // A file uploaded through the second is found by the first at once.
    const other = await processed(second, cast.user.token, 'volcano.txt', PARAGRAPHS.volcano);
    const lava = await query(first, cast.user, other, synonymOf('lava'));
    assert.deepEqual(lava.body.documents[0], [PARAGRAPHS.volcano]);
  });
});
