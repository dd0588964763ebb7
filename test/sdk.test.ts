import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createWebuiClient, type Schemas, type WebuiClient } from '../sdk/index.js';
import { startApp, type TestApp } from './support/app.js';
import { contentOf, sseData, startProviders, type Providers } from './support/providers.js';

/** The main flows through the generated SDK only: every call below is typed by sdk/schema.ts. */
describe('typed SDK (sdk/): sign up, API key, models, streamed completion, chats', () => {
  let providers: Providers;
  let app: TestApp;
  let session: WebuiClient;
  let admin: Schemas['SessionUserDto'];
  let apiKey: string;
  let keyed: WebuiClient;

  before(async () => {
    providers = await startProviders();
    app = await startApp(providers.env);
  });
  after(async () => {
    await app.close();
    await providers.close();
  });

  it('signs the first account up as admin', async () => {
    const { data, error, response } = await createWebuiClient(app.url).POST('/api/v1/auths/signup', {
      body: { name: 'SDK Admin', email: 'sdk-admin@example.com', password: 'sdk-admin-secret' },
    });
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.ok(data);
    admin = data;
    assert.equal(admin.role, 'admin');
    assert.equal(admin.email, 'sdk-admin@example.com');
    assert.equal(admin.token_type, 'Bearer');
    assert.equal(typeof admin.permissions.chat, 'object');
    session = createWebuiClient(app.url, admin.token);

    const me = await session.GET('/api/v1/auths');
    assert.equal(me.data?.id, admin.id);
  });

  it('turns API keys on and creates a scoped sk- key', async () => {
    const config = await session.GET('/api/v1/auths/admin/config');
    assert.ok(config.data);
    assert.equal(config.data.ENABLE_API_KEYS, false);
    const updated = await session.POST('/api/v1/auths/admin/config', {
      body: { ...config.data, ENABLE_API_KEYS: true },
    });
    assert.equal(updated.data?.ENABLE_API_KEYS, true);

    const defaults = await session.GET('/api/v1/users/default/permissions');
    assert.ok(defaults.data);
    const permissions = await session.POST('/api/v1/users/default/permissions', {
      body: { ...defaults.data, features: { ...defaults.data.features, api_keys: true } },
    });
    assert.equal(permissions.data?.features.api_keys, true);

    const created = await session.POST('/api/v1/auths/api_key', {
      body: { scopes: ['models:read', 'completions', 'chats:read', 'chats:write'] },
    });
    assert.equal(created.response.status, 200, JSON.stringify(created.error));
    assert.ok(created.data);
    assert.match(created.data.api_key, /^sk-\w+$/);
    assert.deepEqual([...created.data.scopes].sort(), ['chats:read', 'chats:write', 'completions', 'models:read']);
    apiKey = created.data.api_key;
    keyed = createWebuiClient(app.url, apiKey);

    const shown = await session.GET('/api/v1/auths/api_key');
    assert.ok(shown.data);
    assert.notEqual(shown.data.api_key, apiKey, 'the key is shown masked afterwards');
  });

  it('answers a route outside the key scopes with a typed 403', async () => {
    const { data, error, response } = await keyed.GET('/api/v1/users');
    assert.equal(data, undefined);
    assert.equal(response.status, 403);
    assert.equal(typeof error?.detail, 'string');
  });

  it('lists the provider models with the key', async () => {
    const { data, response } = await keyed.GET('/api/models');
    assert.equal(response.status, 200);
    assert.ok(data);
    const ids = data.data.map((model) => model.id).sort();
    assert.deepEqual(ids, ['gpt-test', 'llama3:8b']);
    const gpt = data.data.find((model) => model.id === 'gpt-test');
    assert.equal(gpt?.name, 'GPT Test');
    assert.equal(gpt?.owned_by, 'openai');
  });

  it('streams a completion as SSE with the key', async () => {
    providers.openai.script('gpt-test', { chunks: ['Typed', ' SDK', ' stream'] });
    const { data, response } = await keyed.POST('/api/chat/completions', {
      body: { model: 'gpt-test', messages: [{ role: 'user', content: 'Hi' }], stream: true },
      parseAs: 'stream',
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    assert.ok(data, 'a readable body');
    const decoder = new TextDecoder();
    let text = '';
    for await (const chunk of data) text += decoder.decode(chunk, { stream: true });
    const events = sseData(text);
    assert.equal(contentOf(events), 'Typed SDK stream');
    assert.equal(events.at(-1), '[DONE]');
    const sent = providers.openai.requests.at(-1);
    assert.equal(sent?.path, '/v1/chat/completions');
  });

  it('creates chats and searches them with the key', async () => {
    const titles = ['Lisbon itinerary', 'Porto food guide', 'Quarterly taxes'];
    const created: Schemas['ChatResponseDto'][] = [];
    for (const title of titles) {
      const { data, error, response } = await keyed.POST('/api/v1/chats/new', {
        body: { chat: { title, models: ['gpt-test'], messages: [], history: { messages: {}, currentId: null } } },
      });
      assert.equal(response.status, 200, JSON.stringify(error));
      assert.ok(data);
      created.push(data);
    }
    for (const [index, chat] of created.entries()) {
      assert.equal(chat.title, titles[index]);
      assert.equal(chat.user_id, admin.id);
      assert.equal(chat.archived, false);
      assert.equal(typeof chat.created_at, 'number');
    }

    const found = await keyed.GET('/api/v1/chats/search', { params: { query: { text: 'guide' } } });
    assert.equal(found.response.status, 200);
    assert.deepEqual(
      found.data?.map((chat) => chat.title),
      ['Porto food guide'],
    );
    assert.equal(found.data?.[0].id, created[1].id);

    const listed = await keyed.GET('/api/v1/chats', { params: { query: { page: 1 } } });
    assert.deepEqual(listed.data?.map((chat) => chat.title).sort(), [...titles].sort());

    const fetched = await keyed.GET('/api/v1/chats/{id}', { params: { path: { id: created[0].id } } });
    assert.equal(fetched.data?.chat.title, 'Lisbon itinerary');
  });
});
