import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyPatches,
  type MessagePatch,
  messageText,
  searchDocuments,
  tagsOf,
  titleOf,
} from '../../src/chats/chat-document.js';
import type { JsonObject } from '../../src/database/columns.js';

const patch = (message_id: string, data: JsonObject, updated_ms: number): MessagePatch => ({
  message_id,
  data,
  updated_ms,
});

const stored = (): JsonObject => ({
  title: 'Kept',
  models: ['m'],
  history: {
    currentId: 'a1',
    messages: {
      u1: { id: 'u1', role: 'user', content: 'Hi', childrenIds: ['a1'] },
      a1: { id: 'a1', role: 'assistant', content: 'Hello', parentId: 'u1', done: false },
    },
  },
});

describe('applyPatches', () => {
  it('returns the document itself when there is nothing to apply', () => {
    const chat = stored();
    assert.equal(applyPatches(chat, []), chat);
  });

  it('merges into an existing message, keeping the fields the patch does not name', () => {
    const result = applyPatches(stored(), [patch('a1', { content: 'Hello there', done: true }, 1)]);
    const history = result.history;
    assert.deepEqual(history.messages.a1, {
      id: 'a1',
      role: 'assistant',
      content: 'Hello there',
      parentId: 'u1',
      done: true,
    });
    assert.deepEqual(history.messages.u1, stored().history.messages.u1);
    assert.equal(result.title, 'Kept');
    assert.deepEqual(result.models, ['m']);
  });

  it('creates a missing message with its id, and makes the newest patch the current message', () => {
    const result = applyPatches(stored(), [patch('a2', { role: 'assistant', content: 'New' }, 5)]);
    const history = result.history;
    assert.deepEqual(history.messages.a2, { id: 'a2', role: 'assistant', content: 'New' });
    assert.equal(history.currentId, 'a2');
    assert.deepEqual(Object.keys(history.messages).sort(), ['a1', 'a2', 'u1']);
  });

  it('applies overlapping patches of one message in time order, not in list order', () => {
    const result = applyPatches(stored(), [
      patch('a1', { content: 'newest' }, 30),
      patch('a1', { content: 'oldest', done: true, model: 'x' }, 10),
      patch('a1', { content: 'middle', model: 'y' }, 20),
    ]);
    const a1 = result.history.messages.a1;
    assert.equal(a1.content, 'newest');
    assert.equal(a1.model, 'y', 'a later patch overrides only what it names');
    assert.equal(a1.done, true);
  });

  it('points currentId at the message of the newest patch even when it comes first in the list', () => {
    const result = applyPatches(stored(), [patch('u1', { content: 'edited' }, 9), patch('a1', { content: 'x' }, 3)]);
    assert.equal(result.history.currentId, 'u1');
  });

  it('keeps the list order for patches with the same time (the last one is current)', () => {
    const result = applyPatches(stored(), [
      patch('a1', { content: 'first' }, 7),
      patch('b1', { content: 'second' }, 7),
    ]);
    assert.equal(result.history.currentId, 'b1');
  });

  it('leaves the stored document untouched', () => {
    const chat = stored();
    const before = structuredClone(chat);
    applyPatches(chat, [patch('a1', { content: 'changed' }, 1), patch('n1', { content: 'new' }, 2)]);
    assert.deepEqual(chat, before);
  });

  it('builds a history for a document without one, or with messages that are not an object', () => {
    for (const chat of [{ title: 't' }, { history: 'broken' }, { history: { messages: ['x'] } }] as JsonObject[]) {
      const history = applyPatches(chat, [patch('m1', { content: 'c' }, 1)]).history;
      assert.deepEqual(history.messages, { m1: { id: 'm1', content: 'c' } }, JSON.stringify(chat));
      assert.equal(history.currentId, 'm1');
    }
  });

  it('lets a patch set a field to null (a cleared error) instead of dropping it', () => {
    const chat = applyPatches(stored(), [patch('a1', { error: { content: 'boom' } }, 1)]);
    const cleared = applyPatches(chat, [patch('a1', { error: null }, 2)]);
    const a1 = cleared.history.messages.a1;
    assert.ok('error' in a1);
    assert.equal(a1.error, null);
  });
});

describe('searchDocuments', () => {
  it('indexes the title under the empty message id, then every message with text', () => {
    const chat: JsonObject = {
      history: {
        messages: {
          u1: { content: 'Where to?' },
          a1: {
            content: [
              { type: 'text', text: 'Rome' },
              { type: 'image_url', image_url: { url: 'x' } },
              { text: 'or Paris' },
            ],
          },
          e1: { content: '' },
          n1: null,
          s1: 'not a message',
        },
      },
    };
    assert.deepEqual(searchDocuments('Trip', chat), [
      { messageId: '', content: 'Trip' },
      { messageId: 'u1', content: 'Where to?' },
      { messageId: 'a1', content: 'Rome\nor Paris' },
    ]);
  });

  it('falls back to the flat messages list (ids, else positions) only when there is no history map', () => {
    const flat: JsonObject = { messages: [{ id: 'x', content: 'one' }, { content: 'two' }, { content: '' }] };
    assert.deepEqual(searchDocuments('T', flat), [
      { messageId: '', content: 'T' },
      { messageId: 'x', content: 'one' },
      { messageId: '1', content: 'two' },
    ]);
    const both: JsonObject = { history: { messages: {} }, messages: [{ id: 'x', content: 'stale' }] };
    assert.deepEqual(searchDocuments('T', both), [{ messageId: '', content: 'T' }]);
  });

  it('keeps non-ASCII text as it is', () => {
    const chat: JsonObject = { history: { messages: { m: { content: 'Grüße 👋 日本' } } } };
    assert.equal(searchDocuments('', chat)[1].content, 'Grüße 👋 日本');
  });
});

describe('titleOf, messageText, tagsOf', () => {
  it('gives "New Chat" for a missing, blank or non-string title', () => {
    assert.equal(titleOf({ title: 'Plans' }), 'Plans');
    assert.equal(titleOf({ title: '  Plans ' }), '  Plans ', 'a title is kept as written');
    for (const title of [undefined, '', '   ', 42, null]) assert.equal(titleOf({ title }), 'New Chat');
  });

  it('reads message text from a string or the text parts of a list, and nothing else', () => {
    assert.equal(messageText({ content: 'plain' }), 'plain');
    assert.equal(messageText({ content: [{ text: 'a' }, { text: '' }, 'b', { text: 3 }, { text: 'c' }] }), 'a\nc');
    assert.equal(messageText({ content: { text: 'object' } }), '');
    assert.equal(messageText({}), '');
  });

  it('keeps only string tags', () => {
    assert.deepEqual(tagsOf({ tags: ['a', 1, null, 'b'] }), ['a', 'b']);
    assert.deepEqual(tagsOf({ tags: 'a' }), []);
    assert.deepEqual(tagsOf(null), []);
    assert.deepEqual(tagsOf(undefined), []);
  });
});
