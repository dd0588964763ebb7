import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from './support/app.js';
import { newGroup, newUser, type seedUsers, type TestUser } from './support/factories.js';
import { startWithProviders } from './support/fixture.js';
import { addFile, createKnowledge, processedFile } from './support/knowledge.js';
import { lastPromptSent, sseData, type Providers } from './support/providers.js';

const CAPITAL = 'The capital of Freedonia is Fredville, founded in 1802.';
const ATLAS = ['Freedonia exports cheese and wool.', CAPITAL, 'Its currency is the Freedonian crown.'].join('\n\n');
const RIVERS = 'The longest river of Sylvania is the Sylva.';

/** Knowledge bases in completions: attached by the user, or carried by a model's `meta.knowledge`. */
describe('answers from knowledge bases (RAG in completions)', () => {
  let providers: Providers;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;
  let close: () => Promise<void>;
  let owner: TestUser;
  let reader: TestUser;
  let kb: Record<string, any>;
  let atlasId: string;

  before(async () => {
    ({ providers, app, cast, close } = await startWithProviders({
      publish: ['gpt-test'],
      env: { CHUNK_SIZE: '60', CHUNK_OVERLAP: '0', RAG_TOP_K: '1' },
    }));
    owner = await newUser(app, cast.admin);
    reader = await newUser(app, cast.admin);
    const readers = await newGroup(app, cast.admin, [reader]);
    await newGroup(app, cast.admin, [owner], { workspace: { knowledge: true }, sharing: { knowledge: true } });
    kb = await createKnowledge(app, owner, 'Freedonia facts', { read: { group_ids: [readers], user_ids: [] } });
    atlasId = await processedFile(app, owner, 'atlas.txt', ATLAS);
    await addFile(app, owner, kb.id, atlasId);
    await addFile(app, owner, kb.id, await processedFile(app, owner, 'rivers.txt', RIVERS));
  });
  after(() => close());

  const lastPrompt = () => lastPromptSent(providers.openai.requests);
  const ask = (who: TestUser, extra: Record<string, unknown>) => {
    providers.openai.script('gpt-test', { chunks: ['Fredville [1].'] });
    return app.http.post(
      '/api/chat/completions',
      { model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'What is the capital?' }], ...extra },
      { token: who.token },
    );
  };
  const sourcesOf = (text: string) => (sseData(text)[0] as Record<string, any>).sources as Record<string, any>[];

  it('puts the knowledge base’s best chunk in the prompt, named after the file, with the knowledge base as source', async () => {
    const response = await ask(reader, { files: [{ type: 'collection', id: kb.id, name: kb.name }] });
    assert.equal(response.status, 200, response.text);
    assert.match(
      lastPrompt(),
      /<source id="1" name="Freedonia facts">The capital of Freedonia is Fredville, founded in 1802.<\/source>/,
    );
    assert.doesNotMatch(lastPrompt(), /cheese|crown|Sylva/, 'only the best chunk (RAG_TOP_K=1)');
    const sources = sourcesOf(response.text);
    assert.equal(sources.length, 1);
    assert.equal(sources[0].source.type, 'collection');
    assert.equal(sources[0].source.id, kb.id);
    assert.equal(sources[0].source.name, 'Freedonia facts');
    assert.deepEqual(sources[0].document, [CAPITAL]);
    assert.equal(sources[0].metadata[0].file_id, atlasId);
    assert.equal(sources[0].metadata[0].name, 'atlas.txt');
  });

  it('leaves out a knowledge base the caller may not read, and its files', async () => {
    const stranger = await newUser(app, cast.admin);
    const response = await ask(stranger, {
      files: [
        { type: 'collection', id: kb.id },
        { type: 'file', id: atlasId },
      ],
    });
    assert.equal(response.status, 200);
    assert.equal(lastPrompt(), 'What is the capital?');
    assert.equal(sourcesOf(response.text), undefined);
  });

  it('lets a reader attach one of its files on its own (the web app’s knowledge file item)', async () => {
    const response = await ask(reader, { files: [{ type: 'file', id: atlasId, knowledge: true }] });
    const sources = sourcesOf(response.text);
    assert.equal(sources[0].source.id, atlasId);
    assert.equal(sources[0].source.name, 'atlas.txt');
    assert.match(lastPrompt(), /<source id="1" name="atlas.txt">The capital of Freedonia is Fredville/);
  });

  it('puts its files’ whole text in the prompt when retrieval is bypassed', async () => {
    const bypass = (value: boolean) =>
      app.http.post(
        '/api/v1/retrieval/config/update',
        { BYPASS_EMBEDDING_AND_RETRIEVAL: value },
        { token: cast.admin.token },
      );
    assert.equal((await bypass(true)).status, 200);
    try {
      const response = await ask(reader, { files: [{ type: 'collection', id: kb.id }] });
      assert.match(lastPrompt(), /<source id="1" name="Freedonia facts">Freedonia exports cheese[^<]*crown.<\/source>/);
      assert.match(lastPrompt(), /<source id="2" name="Freedonia facts">The longest river of Sylvania/);
      const [source] = sourcesOf(response.text);
      assert.equal(source.source.id, kb.id);
      assert.deepEqual(source.document, [ATLAS, RIVERS]);
      assert.deepEqual(
        source.metadata.map((item: { name: string }) => item.name),
        ['atlas.txt', 'rivers.txt'],
      );
    } finally {
      await bypass(false);
    }
  });

  it('searches a model’s meta.knowledge for its readers only; deleting the knowledge base strips it from the model', async () => {
    const other = await createKnowledge(app, cast.admin, 'Unrelated', null);
    const created = await app.http.post(
      '/api/v1/models/create',
      {
        id: 'atlas-bot',
        base_model_id: 'gpt-test',
        name: 'Atlas bot',
        meta: {
          knowledge: [
            { ...kb, type: 'collection' },
            { ...other, type: 'collection' },
          ],
        },
        params: {},
        access_control: null,
      },
      { token: cast.admin.token },
    );
    assert.equal(created.status, 200, created.text);

    const answered = await ask(reader, { model: 'atlas-bot' });
    assert.equal(answered.status, 200, answered.text);
    assert.match(lastPrompt(), /Fredville, founded in 1802/);
    assert.equal(sourcesOf(answered.text)[0].source.id, kb.id);

    const stranger = await newUser(app, cast.admin);
    const unread = await ask(stranger, { model: 'atlas-bot' });
    assert.equal(unread.status, 200);
    assert.equal(lastPrompt(), 'What is the capital?', 'the model’s author cannot share what the caller may not read');

    const deleted = await app.http.delete(`/api/v1/knowledge/${kb.id}/delete`, { token: owner.token });
    assert.equal(deleted.status, 200);
    const model = await app.http.get('/api/v1/models/model?id=atlas-bot', { token: cast.admin.token });
    assert.deepEqual(
      model.body.meta.knowledge.map((item: { id: string }) => item.id),
      [other.id],
      'only the deleted knowledge base left the model',
    );
    const after = await ask(reader, { model: 'atlas-bot' });
    assert.equal(sourcesOf(after.text), undefined);
    assert.equal(lastPrompt(), 'What is the capital?');
  });
});
