import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from './support/app.js';
import { startWithProviders } from './support/fixture.js';
import { newUser, type seedUsers, type TestUser } from './support/factories.js';
import {
  cosine,
  type MockEmbeddings,
  mockEmbedding,
  startMockEmbeddings,
  synonymOf,
} from './support/mock-embeddings.js';
import { type Providers } from './support/providers.js';
import { eventually } from './support/sockets.js';

/**
 * Memories ranked by their vectors when an embedding engine is configured. The mock's vectors are hashed
 * bags of words and `synonymOf(word)` shares a vector component with `word` but no letters, so a question
 * written in synonyms finds a memory only through vectors (word overlap would rank it last).
 */
const DOG = 'My dog is named Rex.';
const JOB = 'I work as a nurse in Berlin.';
const TEA = 'I drink green tea every morning.';
const synonyms = (...words: string[]) => words.map((word) => synonymOf(word)).join(' ');
const score = (question: string, memory: string) =>
  Math.round(((1 + cosine(mockEmbedding(question), mockEmbedding(memory))) / 2) * 1e6) / 1e6;

describe('memories with embeddings', () => {
  let mock: MockEmbeddings;
  let providers: Providers;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;
  let close: () => Promise<void>;

  before(async () => {
    mock = await startMockEmbeddings();
    ({ providers, app, cast, close } = await startWithProviders({
      publish: ['gpt-test'],
      env: {
        RAG_EMBEDDING_ENGINE: 'openai',
        RAG_EMBEDDING_MODEL: 'hash',
        RAG_OPENAI_API_BASE_URL: mock.openaiBaseUrl,
        RAG_OPENAI_API_KEY: 'sk-embed',
      },
    }));
    const ready = async () => (await app.http.get('/api/v1/retrieval/')).body.search_mode === 'vector';
    assert.ok(await eventually(ready, 20_000), 'the embedding space becomes searchable');
  });
  after(async () => {
    await close();
    await mock.close();
  });

  const add = async (who: TestUser, content: string) => {
    const response = await app.http.post('/api/v1/memories/add', { content }, { token: who.token });
    assert.equal(response.status, 200, response.text);
    return response.body as { id: string; content: string };
  };
  const query = async (who: TestUser, content: string, k = 1) => {
    const response = await app.http.post('/api/v1/memories/query', { content, k }, { token: who.token });
    assert.equal(response.status, 200, response.text);
    return response.body as { ids: string[][]; documents: string[][]; distances: number[][] };
  };
  const vectorCount = async (userId: string) => {
    const sql = 'SELECT COUNT(*) AS n FROM chunk_vector WHERE collection_name = ?';
    const text = app.config.database.type === 'postgres' ? sql.replace('?', '$1') : sql;
    const rows: { n: number | string }[] = await app.dataSource.query(text, [`user-memory-${userId}`]);
    return Number(rows[0].n);
  };
  const embeddedTexts = () => mock.requests.flatMap((request) => request.body.input as string[]);

  it('embeds each memory as it is added and ranks /query by vector similarity', async () => {
    const who = await newUser(app, cast.admin);
    mock.reset();
    const dog = await add(who, DOG);
    await add(who, JOB);
    await add(who, TEA);
    assert.deepEqual(embeddedTexts(), [DOG, JOB, TEA], 'one embedding per memory, at once');
    assert.equal(await vectorCount(who.id), 3);
    const question = synonyms('dog', 'named');
    const found = await query(who, question, 2);
    assert.equal(found.ids[0][0], dog.id, 'found by meaning, with no word in common');
    assert.equal(found.documents[0][0], DOG);
    assert.equal(found.distances[0][0], score(question, DOG));
    assert.ok(found.distances[0][0] > found.distances[0][1]);
  });

  it('keeps the vector in step on update and delete', async () => {
    const who = await newUser(app, cast.admin);
    const memory = await add(who, DOG);
    const other = await add(who, JOB);
    const updated = await app.http.post(`/api/v1/memories/${memory.id}/update`, { content: TEA }, { token: who.token });
    assert.equal(updated.status, 200);
    assert.equal(await vectorCount(who.id), 2);
    assert.deepEqual((await query(who, synonyms('green', 'tea'))).ids, [[memory.id]]);
    assert.ok(!(await query(who, synonyms('dog', 'named'), 2)).documents[0].includes(DOG), 'the old text is gone');
    assert.equal((await app.http.delete(`/api/v1/memories/${memory.id}`, { token: who.token })).body, true);
    assert.equal(await vectorCount(who.id), 1);
    assert.deepEqual((await query(who, synonyms('green', 'tea'), 5)).ids, [[other.id]], 'the deleted one is gone');
    await app.http.delete('/api/v1/memories/delete/user', { token: who.token });
    assert.equal(await vectorCount(who.id), 0);
  });

  it('only ever ranks the caller’s own memories; no retrieval route reads a memory collection', async () => {
    const [alice, bob] = [await newUser(app, cast.admin), await newUser(app, cast.admin)];
    await add(alice, DOG);
    const bobs = await add(bob, TEA);
    const found = await query(bob, DOG, 5);
    assert.deepEqual(found.ids, [[bobs.id]], 'alice’s memory, exact words and all, never reaches bob');
    for (const who of [bob, alice, cast.admin]) {
      const response = await app.http.post(
        '/api/v1/retrieval/query/collection',
        { collection_names: [`user-memory-${alice.id}`], query: DOG },
        { token: who.token },
      );
      assert.equal(response.status, 404, `${who.email}: ${response.text}`);
    }
  });

  it('gives a memory its vector later when the provider failed at the time, ranking by words meanwhile', async () => {
    const who = await newUser(app, cast.admin);
    const job = await add(who, JOB);
    mock.failNext(1, 400);
    const dog = await add(who, DOG);
    assert.equal(await vectorCount(who.id), 1, 'the memory is kept, its vector is not made up');
    mock.failNext(1, 400);
    assert.deepEqual((await query(who, 'named dog')).ids, [[dog.id]], 'by words while vectors cannot rank');
    mock.reset();
    assert.deepEqual((await query(who, synonyms('dog', 'named'))).ids, [[dog.id]]);
    assert.deepEqual(embeddedTexts().sort(), [DOG, synonyms('dog', 'named')].sort(), 'the missing one, then the query');
    assert.equal(await vectorCount(who.id), 2);
    assert.notEqual(job.id, dog.id);
  });

  it('reset makes every vector of the caller again', async () => {
    const who = await newUser(app, cast.admin);
    await add(who, DOG);
    await add(who, JOB);
    mock.reset();
    const reset = await app.http.post('/api/v1/memories/reset', undefined, { token: who.token });
    assert.equal(reset.body, true);
    assert.deepEqual(embeddedTexts().sort(), [DOG, JOB].sort());
    assert.equal(await vectorCount(who.id), 2);
  });

  it('puts the nearest memories in a completion’s system message', async () => {
    const who = await newUser(app, cast.admin);
    await add(who, JOB);
    await add(who, DOG);
    await add(who, TEA);
    await add(who, 'My car is a red hatchback.');
    providers.openai.script('gpt-test', { chunks: ['ok'] });
    const response = await app.http.post(
      '/api/chat/completions',
      {
        model: 'gpt-test',
        messages: [{ role: 'user', content: synonyms('dog', 'named', 'morning', 'tea', 'green') }],
        features: { memory: true },
      },
      { token: who.token },
    );
    assert.equal(response.status, 200, response.text);
    const sent = providers.openai.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
    const system = (sent.body as { messages: { role: string; content: string }[] }).messages[0];
    assert.equal(system.role, 'system');
    const lines = system.content.split('\n').filter((line) => /^\d\. /.test(line));
    assert.equal(lines.length, 3);
    assert.match(lines[0], /green tea/);
    assert.match(lines[1], /dog is named Rex/);
  });
});
