import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AppError } from '../src/common/errors.js';
import {
  createEmbeddingClient,
  type EmbeddingClientOptions,
  type EmbeddingSettings,
} from '../src/retrieval/embeddings/embedding-client.js';
import { EmbeddingError } from '../src/retrieval/embeddings/embedding-error.js';
import { cosine, type MockEmbeddings, mockEmbedding, startMockEmbeddings } from './support/mock-embeddings.js';

const OPENAI_KEY = 'sk-embed-secret';
const AZURE_KEY = 'azure-secret';
/** Retries without the production pauses, so failure tests take milliseconds. */
const FAST: EmbeddingClientOptions = { baseDelayMs: 1, maxDelayMs: 4 };
const texts = (n: number) => Array.from({ length: n }, (_, i) => `text number ${i} about topic ${i % 7}`);

describe('embedding client', () => {
  let mock: MockEmbeddings;
  before(async () => {
    mock = await startMockEmbeddings();
  });
  after(() => mock.close());
  beforeEach(() => mock.reset());

  const settings = (overrides: Partial<EmbeddingSettings> = {}): EmbeddingSettings => ({
    RAG_EMBEDDING_ENGINE: 'openai',
    RAG_EMBEDDING_MODEL: 'text-embedding-3-small',
    RAG_EMBEDDING_BATCH_SIZE: 100,
    RAG_OPENAI_API_BASE_URL: `${mock.openaiBaseUrl}/`,
    RAG_OPENAI_API_KEY: OPENAI_KEY,
    RAG_OLLAMA_BASE_URL: mock.url,
    RAG_OLLAMA_API_KEY: '',
    RAG_AZURE_OPENAI_BASE_URL: mock.url,
    RAG_AZURE_OPENAI_API_KEY: AZURE_KEY,
    RAG_AZURE_OPENAI_API_VERSION: '2024-02-01',
    ...overrides,
  });
  const client = (overrides: Partial<EmbeddingSettings> = {}, options: EmbeddingClientOptions = FAST) =>
    createEmbeddingClient(settings(overrides), options)!;
  /** Rejects with an EmbeddingError whose message names engine, URL and status and never the key. */
  const rejection = async (promise: Promise<unknown>): Promise<EmbeddingError> => {
    const error = await promise.then(
      () => assert.fail('expected a rejection'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof EmbeddingError, String(error));
    assert.ok(error.message.includes(error.engine) && error.message.includes(error.url), error.message);
    assert.ok(!error.message.includes(OPENAI_KEY) && !error.message.includes(AZURE_KEY), error.message);
    return error;
  };

  it('gives no client when RAG_EMBEDDING_ENGINE is empty', () => {
    assert.equal(createEmbeddingClient(settings({ RAG_EMBEDDING_ENGINE: '' })), null);
  });

  it('openai: POST {base}/embeddings with the bearer key, vectors put back in index order', async () => {
    const input = ['the cat sat', 'a dog barked', 'the cat slept'];
    const vectors = await client().embed(input, 'document');
    assert.deepEqual(
      vectors,
      input.map((text) => mockEmbedding(text)),
    );
    const [request] = mock.requests;
    assert.equal(request.path, '/v1/embeddings');
    assert.equal(request.headers.authorization, `Bearer ${OPENAI_KEY}`);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(request.body, { model: 'text-embedding-3-small', input });
    // The mock's hashed bags of words make shared words close: the two cat sentences beat cat vs dog.
    assert.ok(cosine(vectors[0], vectors[2]) > cosine(vectors[0], vectors[1]));
  });

  it('ollama: POST {base}/api/embed, bearer only when RAG_OLLAMA_API_KEY is set', async () => {
    const ollama = { RAG_EMBEDDING_ENGINE: 'ollama', RAG_EMBEDDING_MODEL: 'nomic-embed-text' } as const;
    assert.deepEqual(await client(ollama).embed(['hello there'], 'query'), [mockEmbedding('hello there')]);
    await client({ ...ollama, RAG_OLLAMA_API_KEY: 'ollama-key' }).embed(['x'], 'query');
    const [plain, keyed] = mock.requests;
    assert.equal(plain.path, '/api/embed');
    assert.deepEqual(plain.body, { model: 'nomic-embed-text', input: ['hello there'] });
    assert.equal(plain.headers.authorization, undefined);
    assert.equal(keyed.headers.authorization, 'Bearer ollama-key');
  });

  it('azure_openai: POST the deployment URL with api-version and the api-key header', async () => {
    const azure = client({ RAG_EMBEDDING_ENGINE: 'azure_openai', RAG_EMBEDDING_MODEL: 'my embed' });
    assert.deepEqual(await azure.embed(['one', 'two'], 'document'), [mockEmbedding('one'), mockEmbedding('two')]);
    const [request] = mock.requests;
    assert.equal(request.path, '/openai/deployments/my%20embed/embeddings?api-version=2024-02-01');
    assert.equal(request.headers['api-key'], AZURE_KEY);
    assert.equal(request.headers.authorization, undefined);
    assert.deepEqual(request.body, { input: ['one', 'two'] });
  });

  it('sends ceil(N / RAG_EMBEDDING_BATCH_SIZE) batches, a bounded number at once, answers in input order', async () => {
    mock.setDelay(40);
    try {
      const input = texts(23);
      const vectors = await client({ RAG_EMBEDDING_BATCH_SIZE: 3 }, { ...FAST, concurrency: 2 }).embed(
        input,
        'document',
      );
      assert.deepEqual(
        vectors,
        input.map((text) => mockEmbedding(text)),
      );
      assert.deepEqual(mock.requests.map((r) => r.batchSize).sort(), [2, 3, 3, 3, 3, 3, 3, 3]);
      assert.equal(mock.peakInFlight(), 2);
      mock.reset();
      assert.deepEqual(await client().embed([], 'document'), []);
      assert.equal(mock.requests.length, 0);
    } finally {
      mock.setDelay(0);
    }
  });

  it('puts the configured prefix before each text of that purpose', async () => {
    const prefixed = client({}, { ...FAST, prefixes: { query: 'search_query: ' } });
    await prefixed.embed(['where'], 'query');
    await prefixed.embed(['there'], 'document');
    assert.deepEqual(
      mock.requests.map((r) => r.body.input),
      [['search_query: where'], ['there']],
    );
  });

  it("retries a 429 after the server's Retry-After, then succeeds", async () => {
    mock.failNext(1, { kind: 'status', status: 429, retryAfter: '1' });
    assert.deepEqual(await client().embed(['retry me'], 'document'), [mockEmbedding('retry me')]);
    const [first, second] = mock.requests;
    assert.equal(mock.requests.length, 2);
    assert.ok(second.receivedAt - first.receivedAt >= 900, `waited ${second.receivedAt - first.receivedAt} ms`);
  });

  it('retries 5xx answers and dropped connections with backoff, then succeeds', async () => {
    mock.failNext(2, 500);
    mock.failNext(1, { kind: 'reset' });
    assert.deepEqual(await client().embed(['flaky'], 'document'), [mockEmbedding('flaky')]);
    assert.equal(mock.requests.length, 4);
  });

  it('gives up after the last attempt with an error naming engine, URL and status', async () => {
    mock.failNext(3, 503);
    const error = await rejection(client({}, { ...FAST, attempts: 3 }).embed(['down'], 'document'));
    assert.equal(mock.requests.length, 3);
    assert.equal(error.status, 503);
    assert.equal(error.url, `${mock.openaiBaseUrl}/embeddings`);
    assert.match(
      error.message,
      /^Embedding request to openai at http:\/\/127\.0\.0\.1:\d+\/v1\/embeddings failed: HTTP 503/,
    );
  });

  it("does not retry other 4xx, and shows the provider's message without the key", async () => {
    mock.failNext(1, { kind: 'status', status: 400, body: { error: { message: `bad input for key ${OPENAI_KEY}` } } });
    const error = await rejection(client().embed(['bad'], 'document'));
    assert.equal(mock.requests.length, 1);
    assert.equal(error.status, 400);
    assert.match(error.message, /HTTP 400: bad input for key \*\*\*$/);
  });

  it('times out a request that never answers, once, as a gateway timeout', async () => {
    mock.failNext(1, { kind: 'hang' });
    const started = Date.now();
    const error = await rejection(client({}, { ...FAST, timeoutMs: 300 }).embed(['slow'], 'document'));
    assert.ok(Date.now() - started < 3000);
    assert.equal(mock.requests.length, 1);
    assert.equal(error.kind, 'gateway_timeout');
    assert.match(error.message, /no answer within 0\.3 s/);
  });

  it('rejects answers with a wrong count or vectors of different dimensions', async () => {
    mock.failNext(1, { kind: 'missing-vector' });
    assert.match(
      (await rejection(client().embed(['a', 'b', 'c'], 'document'))).message,
      /2 embeddings came back for 3 texts/,
    );
    // One text per batch: the first batch's vector is one short, so the second disagrees with it.
    mock.failNext(1, { kind: 'short-vector' });
    const batches = client({ RAG_EMBEDDING_BATCH_SIZE: 1 }, { ...FAST, concurrency: 1 });
    const error = await rejection(batches.embed(['first', 'second'], 'document'));
    assert.equal(mock.requests.length, 3);
    assert.match(error.message, /embeddings of different dimensions came back \(383 and 384\)/);
  });

  it('maps to a 502 AppError, and rejects with the caller’s reason when aborted', async () => {
    assert.ok(new EmbeddingError('openai', 'http://x/embeddings', 500, 'boom') instanceof AppError);
    mock.failNext(1, { kind: 'hang' });
    const controller = new AbortController();
    const pending = client().embed(['wait'], 'document', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 50);
    await assert.rejects(pending, /user left/);
    // The same while waiting to retry.
    mock.failNext(1, 500);
    const waiting = new AbortController();
    const retrying = client({}, { baseDelayMs: 5_000 }).embed(['wait'], 'document', { signal: waiting.signal });
    setTimeout(() => waiting.abort(new Error('user left again')), 50);
    await assert.rejects(retrying, /user left again/);
  });

  it('costs little over posting the same batches by hand (1,000 texts; reported)', async (t) => {
    const input = texts(1000);
    const expected = input.map((text) => mockEmbedding(text));
    for (const batchSize of [1, 100]) {
      const embedder = client({ RAG_EMBEDDING_BATCH_SIZE: batchSize });
      const batches = Array.from({ length: 1000 / batchSize }, (_, i) =>
        input.slice(i * batchSize, (i + 1) * batchSize),
      );
      const best = { client: Infinity, direct: Infinity };
      for (let round = 0; round < 2; round++) {
        let started = performance.now();
        assert.deepEqual(await embedder.embed(input, 'document'), expected);
        best.client = Math.min(best.client, performance.now() - started);
        started = performance.now();
        assert.deepEqual(await postByHand(`${mock.openaiBaseUrl}/embeddings`, batches, 4), expected);
        best.direct = Math.min(best.direct, performance.now() - started);
      }
      t.diagnostic(
        `batch size ${batchSize}: client ${best.client.toFixed(0)} ms, by hand ${best.direct.toFixed(0)} ms ` +
          `(${(best.client / best.direct).toFixed(2)}×)`,
      );
    }
  });
});

/** The bare minimum: fetch each batch, four at a time, and read `data` in index order. */
async function postByHand(url: string, batches: string[][], concurrency: number): Promise<number[][]> {
  const results: number[][][] = [];
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const index = next++;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${OPENAI_KEY}` },
        body: JSON.stringify({ model: 'text-embedding-3-small', input: batches[index] }),
      });
      const { data } = (await response.json()) as { data: { index: number; embedding: number[] }[] };
      results[index] = data.sort((a, b) => a.index - b.index).map((item) => item.embedding);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results.flat();
}
