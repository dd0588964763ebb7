import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from './support/app.js';
import { emptyChat, recordChatEvents, startSocketCompletion } from './support/completions.js';
import type { seedUsers } from './support/factories.js';
import { startWithProviders } from './support/fixture.js';
import { processedFile } from './support/knowledge.js';
import { lastPromptSent, publishModel, sseData, type Providers } from './support/providers.js';

const REPORT = [
  'Freedonia exports cheese and wool.',
  'The capital of Freedonia is Fredville, founded in 1802.',
  'Its currency is the Freedonian crown.',
].join('\n\n');
/** A question that shares no searchable word with the report: only generated queries find anything. */
const VAGUE = 'Tell me more about it';

/**
 * Retrieval queries from the task model for the attached documents (Open WebUI's generate_queries with
 * type "retrieval"): each query searched, the results merged; the user's message when generation is
 * off, fails or proposes nothing. The task model is `gpt-task`, so its calls are told from the answer's.
 */
describe('retrieval queries from the task model', () => {
  let providers: Providers;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;
  let close: () => Promise<void>;
  let fileId: string;

  before(async () => {
    ({ providers, app, cast, close } = await startWithProviders({
      publish: ['gpt-test'],
      env: { CHUNK_SIZE: '60', CHUNK_OVERLAP: '0', RAG_TOP_K: '2', TASK_MODEL_EXTERNAL: 'gpt-task' },
    }));
    providers.openai.setModels([{ id: 'gpt-test' }, { id: 'gpt-task' }]);
    await publishModel(app, cast.admin.token, 'gpt-task');
    fileId = await processedFile(app, cast.user, 'freedonia.txt', REPORT);
  });
  after(() => close());

  const taskCalls = () =>
    providers.openai.requests.filter((request) => (request.body as { model?: string })?.model === 'gpt-task');
  const answerPrompt = () => lastPromptSent(providers.openai.requests, 'gpt-test');
  const setTasks = async (changes: Record<string, unknown>) => {
    const current = (await app.http.get('/api/v1/tasks/config', { token: cast.admin.token })).body;
    const saved = await app.http.post(
      '/api/v1/tasks/config/update',
      { ...current, ...changes },
      {
        token: cast.admin.token,
      },
    );
    assert.equal(saved.status, 200, saved.text);
  };
  const ask = async (content: string) => {
    const response = await app.http.post(
      '/api/chat/completions',
      {
        model: 'gpt-test',
        stream: true,
        messages: [{ role: 'user', content }],
        files: [{ type: 'file', id: fileId }],
      },
      { token: cast.user.token },
    );
    assert.equal(response.status, 200, response.text);
    return response;
  };

  it('searches each generated query and merges the chunks (the template is the admin’s)', async () => {
    await setTasks({
      ENABLE_RETRIEVAL_QUERY_GENERATION: true,
      QUERY_GENERATION_PROMPT_TEMPLATE: 'Queries, please, for:\n{{MESSAGES:END:1}}',
    });
    providers.openai.script('gpt-task', {
      chunks: ['{"queries": ["Fredville founded", "Freedonian crown", "Fredville"]}'],
    });
    providers.openai.script('gpt-test', { chunks: ['Fredville, 1802 [1].'] });
    const before = taskCalls().length;
    const response = await ask(VAGUE);
    const calls = taskCalls().slice(before);
    assert.equal(calls.length, 1, 'one query-generation call');
    const asked = (calls[0].body as { messages: { content: string }[] }).messages[0].content;
    assert.equal(asked, `Queries, please, for:\nUSER: ${VAGUE}`);
    const prompt = answerPrompt();
    assert.match(prompt, /<source id="1" name="freedonia.txt">The capital of Freedonia is Fredville/);
    assert.match(prompt, /Its currency is the Freedonian crown\./);
    assert.doesNotMatch(prompt, /cheese/, 'only the generated queries’ chunks');
    assert.equal(prompt.match(/Fredville, founded/g)?.length, 1, 'a chunk two queries found appears once');
    const [first] = sseData(response.text) as Record<string, any>[];
    assert.equal(first.sources[0].document.length, 2);
  });

  it('falls back to the user’s message when generation fails, proposes nothing, or is off', async () => {
    await setTasks({ QUERY_GENERATION_PROMPT_TEMPLATE: '' });
    providers.openai.script('gpt-test', { chunks: ['ok'] });
    for (const reply of [
      { chunks: [], failure: { kind: 'status' as const, status: 500 } },
      { chunks: ['{"queries": []}'] },
    ]) {
      providers.openai.script('gpt-task', reply);
      const before = taskCalls().length;
      await ask('What is the currency?');
      assert.equal(taskCalls().length, before + 1);
      assert.match(answerPrompt(), /<source id="1" name="freedonia.txt">Its currency is the Freedonian crown/);
    }
    await setTasks({ ENABLE_RETRIEVAL_QUERY_GENERATION: false });
    providers.openai.script('gpt-task', { chunks: ['{"queries": ["cheese"]}'] });
    const before = taskCalls().length;
    await ask('What is the currency?');
    assert.equal(taskCalls().length, before, 'no call when it is off');
    assert.doesNotMatch(answerPrompt(), /cheese/);
    assert.match(answerPrompt(), /Freedonian crown/);
    await setTasks({ ENABLE_RETRIEVAL_QUERY_GENERATION: true });
  });

  it('tells the user’s tabs the queries and the sources found, and keeps them on the message (socket mode)', async () => {
    providers.openai.script('gpt-task', { chunks: ['{"queries": ["Freedonian crown"]}'] });
    providers.openai.script('gpt-test', { chunks: ['The crown.'] });
    const chatId = await emptyChat(app, cast.user.token);
    const recorder = recordChatEvents(app);
    try {
      const started = await startSocketCompletion(app, cast.user.token, chatId, 'answer-1', {
        messages: [{ role: 'user', content: VAGUE }],
        files: [{ type: 'file', id: fileId }],
      });
      assert.equal(started.status, 200, started.text);
      assert.ok(await recorder.seen((event) => event.data.data?.done === true && 'content' in event.data.data));
      const statuses = recorder.events.filter((event) => event.data.type === 'status').map((event) => event.data.data);
      assert.deepEqual(statuses, [
        { action: 'queries_generated', queries: ['Freedonian crown'], done: false },
        { action: 'sources_retrieved', count: 1, done: true },
      ]);
    } finally {
      recorder.stop();
    }
    assert.match(answerPrompt(), /Freedonian crown/);
    const chat = (await app.http.get(`/api/v1/chats/${chatId}`, { token: cast.user.token })).body;
    const message = chat.chat.history.messages['answer-1'];
    assert.equal(message.content, 'The crown.');
    assert.equal(message.sources[0].source.id, fileId);
    assert.deepEqual(
      message.statusHistory.map((status: { action: string }) => status.action),
      ['queries_generated', 'sources_retrieved'],
    );
  });
});
