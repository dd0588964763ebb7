import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from './support/app.js';
import { emptyChat, startSocketCompletion } from './support/completions.js';
import { startWithProviders } from './support/fixture.js';
import { UUID } from './support/chats.js';
import { newUser, seedUsers, type TestUser } from './support/factories.js';
import { contentOf, sseData, type Providers } from './support/providers.js';
import { eventually } from './support/sockets.js';

const MEMORY_KEYS = ['content', 'created_at', 'id', 'updated_at', 'user_id'];
const today = () => new Date().toISOString().slice(0, 10);

describe('memories', () => {
  let providers: Providers;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  let close: () => Promise<void>;

  before(async () => {
    ({ providers, app, cast, close } = await startWithProviders({ publish: ['gpt-test'] }));
  });
  after(() => close());

  const add = async (who: TestUser, content: string) => {
    const response = await app.http.post('/api/v1/memories/add', { content }, { token: who.token });
    assert.equal(response.status, 200, response.text);
    return response.body as { id: string; content: string; created_at: number; updated_at: number };
  };
  const list = async (who: TestUser) =>
    (await app.http.get('/api/v1/memories/', { token: who.token })).body as { id: string; content: string }[];

  it('adds, lists, updates and deletes the caller’s memories', async () => {
    const owner = await newUser(app, cast.admin);
    const first = await add(owner, 'I live in Lisbon.');
    assert.deepEqual(Object.keys(first).sort(), MEMORY_KEYS);
    assert.match(first.id, UUID);
    assert.ok(Math.abs(first.created_at - Date.now() / 1000) < 60, 'epoch seconds');
    const second = await add(owner, 'I prefer short answers.');
    assert.deepEqual((await list(owner)).map((memory) => memory.content).sort(), [
      'I live in Lisbon.',
      'I prefer short answers.',
    ]);
    const updated = await app.http.post(
      `/api/v1/memories/${first.id}/update`,
      { content: 'I live in Porto.' },
      { token: owner.token },
    );
    assert.equal(updated.status, 200);
    assert.equal(updated.body.content, 'I live in Porto.');
    assert.equal(updated.body.created_at, first.created_at);
    const deleted = await app.http.delete(`/api/v1/memories/${second.id}`, { token: owner.token });
    assert.equal(deleted.body, true);
    assert.deepEqual(
      (await list(owner)).map((memory) => memory.content),
      ['I live in Porto.'],
    );
    const reset = await app.http.post('/api/v1/memories/reset', undefined, { token: owner.token });
    assert.equal(reset.body, true);
    const cleared = await app.http.delete('/api/v1/memories/delete/user', { token: owner.token });
    assert.equal(cleared.body, true);
    assert.deepEqual(await list(owner), []);
  });

  it('keeps users apart: another user’s memory answers like a missing one', async () => {
    const [alice, bob] = [await newUser(app, cast.admin), await newUser(app, cast.admin)];
    const secret = await add(alice, 'My locker code is 4512.');
    await add(bob, 'Bob likes tea.');
    assert.deepEqual(
      (await list(bob)).map((memory) => memory.content),
      ['Bob likes tea.'],
    );
    assert.deepEqual(
      (await list(cast.admin)).map((memory) => memory.content),
      [],
      'admins see only their own',
    );
    for (const id of [secret.id, '00000000-0000-4000-8000-000000000000']) {
      const update = await app.http.post(
        `/api/v1/memories/${id}/update`,
        { content: 'hijacked' },
        { token: bob.token },
      );
      assert.equal(update.status, 404);
      assert.equal(update.body.detail, 'Memory not found');
      const del = await app.http.delete(`/api/v1/memories/${id}`, { token: bob.token });
      assert.equal(del.status, 200);
      assert.equal(del.body, false);
    }
    await app.http.delete('/api/v1/memories/delete/user', { token: bob.token });
    const query = await app.http.post('/api/v1/memories/query', { content: 'locker code' }, { token: bob.token });
    assert.equal(query.status, 404, 'bob has none left, and never sees alice’s');
    assert.equal(query.body.detail, 'No memories found for user');
    assert.deepEqual(
      (await list(alice)).map((memory) => memory.content),
      ['My locker code is 4512.'],
    );
  });

  it('refuses malformed bodies with 422 and detail', async () => {
    for (const [path, body] of [
      ['/api/v1/memories/add', {}],
      ['/api/v1/memories/add', { content: 5 }],
      ['/api/v1/memories/query', { content: 'x', k: 0 }],
      ['/api/v1/memories/query', { content: 'x', k: 'many' }],
      ['/api/v1/memories/00000000-0000-4000-8000-000000000000/update', { content: null }],
    ] as const) {
      const response = await app.http.post(path, body, { token: cast.user.token });
      assert.equal(response.status, 422, `${path} ${JSON.stringify(body)}`);
      assert.ok(response.body.detail);
    }
  });

  it('ranks memories by word overlap for /query, in upstream’s result shape', async () => {
    const who = await newUser(app, cast.admin);
    const dog = await add(who, 'My dog is named Rex and he is a beagle.');
    await add(who, 'I work as a nurse in Berlin.');
    const coffee = await add(who, 'I drink my coffee black.');
    const response = await app.http.post(
      '/api/v1/memories/query',
      { content: 'What is the name of my dog?', k: 2 },
      { token: who.token },
    );
    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(response.body).sort(), ['distances', 'documents', 'ids', 'metadatas']);
    assert.equal(response.body.ids[0].length, 2);
    assert.equal(response.body.ids[0][0], dog.id);
    assert.equal(response.body.documents[0][0], dog.content);
    assert.equal(response.body.metadatas[0][0].created_at, dog.created_at);
    assert.ok(response.body.distances[0][0] > response.body.distances[0][1]);
    const single = await app.http.post('/api/v1/memories/query', { content: 'coffee please' }, { token: who.token });
    assert.deepEqual(single.body.ids, [[coffee.id]], 'k defaults to 1');
    const vectors: { n: number | string }[] = await app.dataSource.query('SELECT COUNT(*) AS n FROM chunk_vector');
    assert.equal(Number(vectors[0].n), 0, 'no embedding engine: no vector is made up');
  });

  describe('as completion context', () => {
    let who: TestUser;
    const user = (content: string) => [{ role: 'user', content }];
    const lastSent = () => providers.openai.requests.filter((r) => r.path.includes('/chat/completions')).at(-1)!;

    before(async () => {
      who = await newUser(app, cast.admin);
      await add(who, 'My favourite colour is teal.');
      await add(who, 'I am allergic to peanuts.');
    });

    it('adds the relevant memories to the system message when features.memory is on', async () => {
      providers.openai.script('gpt-test', { chunks: ['ok'] });
      const response = await app.http.post(
        '/api/chat/completions',
        {
          model: 'gpt-test',
          messages: [{ role: 'system', content: 'Be kind.' }, ...user('Suggest a snack without peanuts')],
          features: { memory: true },
          stream: true,
        },
        { token: who.token },
      );
      assert.equal(contentOf(sseData(response.text)), 'ok');
      const sent = lastSent().body as { messages: { role: string; content: string }[]; features?: unknown };
      assert.equal(sent.messages[0].role, 'system');
      assert.equal(
        sent.messages[0].content,
        `Be kind.\nUser Context:\n1. [${today()}] I am allergic to peanuts.\n` +
          `2. [${today()}] My favourite colour is teal.\n\n`,
      );
      assert.equal(sent.messages.length, 2);
      assert.equal(sent.features, undefined, 'features stay ours');
    });

    it('leaves the messages alone without the feature', async () => {
      providers.openai.script('gpt-test', { chunks: ['ok'] });
      await app.http.post(
        '/api/chat/completions',
        { model: 'gpt-test', messages: user('Suggest a snack'), features: { memory: false } },
        { token: who.token },
      );
      const sent = lastSent().body as { messages: { role: string; content: string }[] };
      assert.deepEqual(sent.messages, user('Suggest a snack'));
    });

    it('adds them in socket mode too', async () => {
      const chatId = await emptyChat(app, who.token, 'Memory chat');
      providers.openai.script('gpt-test', { chunks: ['ok'] });
      const response = await startSocketCompletion(app, who.token, chatId, 'assistant-1', {
        messages: user('What colour should my bike be?'),
        features: { memory: true },
      });
      assert.equal(response.body.status, true);
      const asked = () =>
        providers.openai.requests.find((r) => JSON.stringify(r.body ?? '').includes('What colour should my bike'));
      await eventually(() => asked() !== undefined, 3000, 5);
      const sent = asked()!.body as { messages: { role: string; content: string }[] };
      assert.equal(sent.messages[0].role, 'system');
      assert.match(
        sent.messages[0].content,
        /^User Context:\n1\. \[\d{4}-\d{2}-\d{2}\] My favourite colour is teal\.\n/,
      );
    });
  });

  it('deletes a user’s memories with the user', async () => {
    const doomed = await newUser(app, cast.admin);
    const memory = await add(doomed, 'Soon gone.');
    assert.equal((await app.http.delete(`/api/v1/users/${doomed.id}`, { token: cast.admin.token })).status, 200);
    const revived = await app.http.post(
      `/api/v1/memories/${memory.id}/update`,
      { content: 'x' },
      { token: cast.admin.token },
    );
    assert.equal(revived.status, 404);
    const { MemoryEntity } = await import('../src/memories/memory.entity.js');
    const { DataSource } = await import('typeorm');
    const rows = await app.nest.get(DataSource).getRepository(MemoryEntity).countBy({ user_id: doomed.id });
    assert.equal(rows, 0);
  });
});
