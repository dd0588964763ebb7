import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from './support/app.js';
import { emptyChat, recordChatEvents, startSocketCompletion } from './support/completions.js';
import { followStatus, uploadFile } from './support/files.js';
import { startWithProviders } from './support/fixture.js';
import type { seedUsers } from './support/factories.js';
import { lastPromptSent, sseData, type Providers } from './support/providers.js';

const REPORT = [
  'Freedonia exports cheese and wool.',
  'The capital of Freedonia is Fredville, founded in 1802.',
  'Its currency is the Freedonian crown.',
].join('\n\n');

describe('answers from attached files (RAG in completions)', () => {
  let providers: Providers;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;
  let close: () => Promise<void>;
  let fileId: string;

  before(async () => {
    ({ providers, app, cast, close } = await startWithProviders({
      publish: ['gpt-test'],
      env: { CHUNK_SIZE: '60', CHUNK_OVERLAP: '0', RAG_TOP_K: '1' },
    }));
    const upload = await uploadFile(app, { name: 'freedonia.txt', content: REPORT, token: cast.user.token });
    fileId = upload.body.id as string;
    assert.equal((await followStatus(app, fileId, cast.user.token)).at(-1)?.status, 'completed');
  });
  after(() => close());

  const lastPrompt = () => lastPromptSent(providers.openai.requests);
  const ask = (token: string, extra: Record<string, unknown> = {}) =>
    app.http.post(
      '/api/chat/completions',
      {
        model: 'gpt-test',
        stream: true,
        messages: [{ role: 'user', content: 'What is the capital?' }],
        files: [{ type: 'file', id: fileId, name: 'freedonia.txt' }],
        ...extra,
      },
      { token },
    );

  it('puts the best chunk in the prompt through RAG_TEMPLATE and sends the sources first (HTTP stream)', async () => {
    providers.openai.script('gpt-test', { chunks: ['Fredville', ' [1].'] });
    const response = await ask(cast.user.token);
    assert.equal(response.status, 200, response.text);
    const prompt = lastPrompt();
    assert.match(
      prompt,
      /<source id="1" name="freedonia.txt">The capital of Freedonia is Fredville, founded in 1802.<\/source>/,
    );
    assert.doesNotMatch(prompt, /cheese|crown/, 'only the top chunk (RAG_TOP_K=1)');
    assert.match(prompt, /<user_query>\nWhat is the capital\?\n<\/user_query>/);
    const [first] = sseData(response.text) as Record<string, any>[];
    assert.equal(first.sources.length, 1);
    assert.equal(first.sources[0].source.id, fileId);
    assert.equal(first.sources[0].source.name, 'freedonia.txt');
    assert.match(first.sources[0].document[0], /Fredville/);
    assert.equal(first.sources[0].metadata[0].file_id, fileId);
  });

  it('leaves out files the caller may not read: a file id from a client proves nothing', async () => {
    providers.openai.script('gpt-test', { chunks: ['I do not know.'] });
    const response = await ask(cast.other.token);
    assert.equal(response.status, 200);
    assert.equal(lastPrompt(), 'What is the capital?');
    assert.equal((sseData(response.text)[0] as Record<string, any>).sources, undefined);
  });

  it('stores the sources on the answer in socket mode and tells the user’s tabs', async () => {
    providers.openai.script('gpt-test', { chunks: ['Fredville.'] });
    const chatId = await emptyChat(app, cast.user.token);
    const recorder = recordChatEvents(app);
    try {
      const started = await startSocketCompletion(app, cast.user.token, chatId, 'answer-1', {
        messages: [{ role: 'user', content: 'What is the capital?' }],
        files: [{ type: 'file', id: fileId }],
      });
      assert.equal(started.status, 200, started.text);
      assert.ok(await recorder.seen((event) => Array.isArray(event.data.data?.sources)));
      assert.ok(await recorder.seen((event) => event.data.data?.done === true && 'content' in event.data.data));
    } finally {
      recorder.stop();
    }
    const chat = (await app.http.get(`/api/v1/chats/${chatId}`, { token: cast.user.token })).body;
    const message = chat.chat.history.messages['answer-1'];
    assert.equal(message.content, 'Fredville.');
    assert.equal(message.sources[0].source.id, fileId);
  });

  it('draws on the files of the chat’s folder, still checked against the caller', async () => {
    const notTheirs = await uploadFile(app, {
      name: 'other.txt',
      content: 'The capital is Elsewhere.',
      token: cast.other.token,
    });
    const folder = await app.http.post(
      '/api/v1/folders/',
      {
        name: 'Freedonia',
        data: {
          files: [
            { type: 'file', id: fileId },
            { type: 'file', id: notTheirs.body.id },
          ],
        },
      },
      { token: cast.user.token },
    );
    const chat = await app.http.post(
      '/api/v1/chats/new',
      { chat: { title: 'In the project' }, folder_id: folder.body.id },
      { token: cast.user.token },
    );
    providers.openai.script('gpt-test', { chunks: ['Fredville.'] });
    const response = await app.http.post(
      '/api/chat/completions',
      {
        model: 'gpt-test',
        stream: true,
        chat_id: chat.body.id,
        messages: [{ role: 'user', content: 'What is the capital?' }],
      },
      { token: cast.user.token },
    );
    assert.equal(response.status, 200, response.text);
    assert.match(lastPrompt(), /<source id="1" name="freedonia.txt">The capital of Freedonia is Fredville/);
    assert.doesNotMatch(lastPrompt(), /Elsewhere/);
    const [first] = sseData(response.text) as Record<string, any>[];
    assert.deepEqual(
      first.sources.map((source: any) => source.source.id),
      [fileId],
    );
  });
});
