import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildProviderPayload,
  type CompletionRequest,
  parseCompletionRequest,
  wantsMemory,
} from '../../src/completions/completion-request.js';
import type { ResolvedModel } from '../../src/models/models.service.js';

/** A model known upstream as `gpt-4o` behind our prefixed id, with a preset's params. */
function model(params: Record<string, unknown> = {}): ResolvedModel {
  const item = { id: 'work.gpt-4o', openai: { id: 'gpt-4o' } };
  return { item, base: { item }, row: { params } } as unknown as ResolvedModel;
}

function request(body: Record<string, unknown>, extra: Partial<CompletionRequest> = {}): CompletionRequest {
  return {
    ...parseCompletionRequest({ model: 'work.gpt-4o', messages: [{ role: 'user', content: 'Hi' }], ...body }),
    ...extra,
  };
}

describe('parseCompletionRequest', () => {
  it('refuses a missing or empty model, an empty or missing message list, and a message without a role', () => {
    const messages = [{ role: 'user', content: 'Hi' }];
    for (const body of [
      { messages },
      { model: '', messages },
      { model: 5, messages },
      { model: 'm' },
      { model: 'm', messages: [] },
      { model: 'm', messages: 'Hi' },
      { model: 'm', messages: [{ content: 'Hi' }] },
      { model: 'm', messages: [...messages, null] },
      { model: 'm', messages: [[]] },
    ]) {
      assert.throws(() => parseCompletionRequest(body), JSON.stringify(body));
    }
  });

  it('reads socket mode from non-empty chat_id, id and session_id, and keeps the whole body', () => {
    const body = {
      model: 'm',
      messages: [{ role: 'user', content: 'Hi' }],
      chat_id: 'c',
      id: 'a',
      session_id: 's',
      x: 1,
    };
    const parsed = parseCompletionRequest(body);
    assert.equal(parsed.chatId, 'c');
    assert.equal(parsed.messageId, 'a');
    assert.equal(parsed.sessionId, 's');
    assert.equal(parsed.body, body);
    const blank = parseCompletionRequest({ ...body, chat_id: '', id: 7, session_id: null });
    assert.equal(blank.chatId, undefined);
    assert.equal(blank.messageId, undefined);
    assert.equal(blank.sessionId, undefined);
  });

  it('streams when asked and not when stream is false', () => {
    assert.equal(parseCompletionRequest({ model: 'm', messages: [{ role: 'user' }], stream: true }).stream, true);
    assert.equal(parseCompletionRequest({ model: 'm', messages: [{ role: 'user' }], stream: false }).stream, false);
  });

  it('wants memories only for features.memory === true', () => {
    assert.equal(wantsMemory(request({ features: { memory: true } })), true);
    for (const features of [{ memory: 'true' }, { memory: false }, {}, null, [true]]) {
      assert.equal(wantsMemory(request({ features })), false, JSON.stringify(features));
    }
  });
});

/** The payload with its parameters readable (the function's type names only what it always sets). */
const build = (...args: Parameters<typeof buildProviderPayload>): Record<string, any> => buildProviderPayload(...args);

describe('buildProviderPayload', () => {
  it('sends the upstream model id, the messages and the stream flag it is given', () => {
    const payload = build(request({ stream: true }), model(), false);
    assert.deepEqual(payload, { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: false });
  });

  it('layers params: preset, then the request params, then the body; null never overrides', () => {
    const preset = model({ temperature: 0.1, seed: 1, top_p: 0.3, max_tokens: 10 });
    const payload = build(
      request({ params: { temperature: 0.5, max_tokens: 20 }, temperature: 0.9, top_p: null }),
      preset,
      true,
    );
    assert.equal(payload.temperature, 0.9);
    assert.equal(payload.max_tokens, 20);
    assert.equal(payload.seed, 1);
    assert.equal(payload.top_p, 0.3);
  });

  it('passes only OpenAI parameters, not our own request fields', () => {
    const payload = build(
      request({
        chat_id: 'c',
        id: 'a',
        session_id: 's',
        features: { memory: true },
        background_tasks: {},
        params: { system: 'S', custom: 1 },
        tools: [{ type: 'function' }],
      }),
      model({ unknown_param: 2 }),
      true,
    );
    assert.deepEqual(Object.keys(payload).sort(), ['messages', 'model', 'stream', 'tools']);
  });

  it('drops stream_options unless streaming', () => {
    const body = { stream_options: { include_usage: true } };
    assert.deepEqual(build(request(body), model(), true).stream_options, { include_usage: true });
    assert.equal('stream_options' in build(request(body), model(), false), false);
  });

  it('puts the system prompt first: the request params over the preset, then the folder prompt', () => {
    const asked = request({ params: { system: 'Be brief.' } }, { folderSystem: 'Project: Rome.' });
    const payload = build(asked, model({ system: 'Preset system' }), true);
    assert.deepEqual(payload.messages, [
      { role: 'system', content: 'Be brief.\n\nProject: Rome.' },
      { role: 'user', content: 'Hi' },
    ]);
    const presetOnly = build(request({ params: { system: '' } }), model({ system: 'Preset' }), true);
    assert.equal(presetOnly.messages[0].content, 'Preset', 'an empty request system does not blank the preset');
  });

  it("replaces the conversation's own system message instead of adding a second one", () => {
    const messages = [
      { role: 'system', content: 'Old' },
      { role: 'user', content: 'Hi' },
    ];
    const payload = build(request({ messages }), model({ system: 'New' }), true);
    assert.deepEqual(payload.messages, [
      { role: 'system', content: 'New' },
      { role: 'user', content: 'Hi' },
    ]);
    assert.equal(messages[0].content, 'Old', 'the request is not changed in place');
  });

  it('keeps a system message as it is when no prompt applies', () => {
    const messages = [
      { role: 'system', content: 'Mine' },
      { role: 'user', content: 'Hi' },
    ];
    assert.deepEqual(build(request({ messages }), model(), true).messages, messages);
  });

  it('appends the memory context to the system message, or adds one', () => {
    const memory = 'User Context:\n1. Likes tea.';
    const withSystem = build(request({}, { memoryContext: memory }), model({ system: 'Sys' }), true);
    assert.deepEqual(withSystem.messages[0], { role: 'system', content: `Sys\n${memory}` });
    const without = build(request({}, { memoryContext: memory }), model(), true);
    assert.deepEqual(without.messages, [
      { role: 'system', content: memory },
      { role: 'user', content: 'Hi' },
    ]);
    const parts = [{ type: 'text', text: 'Part' }];
    const multipart = build(
      request(
        {
          messages: [
            { role: 'system', content: parts },
            { role: 'user', content: 'Hi' },
          ],
        },
        { memoryContext: memory },
      ),
      model(),
      true,
    );
    assert.deepEqual(multipart.messages[0].content, [...parts, { type: 'text', text: memory }]);
    assert.equal(parts.length, 1, 'the request is not changed in place');
  });
});
