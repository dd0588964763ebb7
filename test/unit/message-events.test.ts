import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../../src/database/columns.js';
import { messageChanges, needsStoredMessage } from '../../src/chats/message-events.js';

const message = (): JsonObject => ({
  id: 'a1',
  role: 'assistant',
  content: 'Hello',
  statusHistory: [{ description: 'searching' }],
  embeds: ['<e1>'],
  sources: [{ source: { name: 'doc' } }],
  files: [{ id: 'old' }],
});

describe('messageChanges', () => {
  it('appends deltas to the stored content, under both event names', () => {
    for (const type of ['message', 'chat:message:delta']) {
      assert.deepEqual(messageChanges(message(), type, { content: ' there' }), { content: 'Hello there' }, type);
    }
    assert.deepEqual(messageChanges({ content: null }, 'message', { content: 'x' }), { content: 'x' });
    assert.deepEqual(messageChanges(message(), 'message', {}), { content: 'Hello' }, 'no content adds nothing');
    assert.deepEqual(messageChanges(message(), 'message', { content: 5 }), { content: 'Hello5' });
  });

  it('replaces the content, under both event names; no content means empty', () => {
    for (const type of ['replace', 'chat:message']) {
      assert.deepEqual(messageChanges(message(), type, { content: 'Über' }), { content: 'Über' }, type);
    }
    assert.deepEqual(messageChanges(message(), 'replace', {}), { content: '' });
  });

  it('appends status and source events to their lists, and starts a list that is missing or broken', () => {
    const status = { description: 'done', done: true };
    assert.deepEqual(messageChanges(message(), 'status', status), {
      statusHistory: [{ description: 'searching' }, status],
    });
    assert.deepEqual(messageChanges({ statusHistory: 'x' }, 'status', status), { statusHistory: [status] });
    for (const type of ['source', 'citation']) {
      const source = { source: { name: 'web' } };
      assert.deepEqual(messageChanges(message(), type, source), { sources: [{ source: { name: 'doc' } }, source] });
    }
  });

  it('does not store code-execution sources', () => {
    assert.equal(messageChanges(message(), 'source', { type: 'code_execution', id: 'c' }), null);
    assert.equal(messageChanges(message(), 'citation', { type: 'code_execution' }), null);
  });

  it('appends embeds but replaces files; a value that is not a list counts as none', () => {
    assert.deepEqual(messageChanges(message(), 'chat:message:embeds', { embeds: ['<e2>'] }), {
      embeds: ['<e1>', '<e2>'],
    });
    assert.deepEqual(messageChanges(message(), 'embeds', { embeds: 'x' }), { embeds: ['<e1>'] });
    assert.deepEqual(messageChanges(message(), 'chat:message:files', { files: [{ id: 'new' }] }), {
      files: [{ id: 'new' }],
    });
    assert.deepEqual(messageChanges(message(), 'files', { files: null }), { files: [] });
  });

  it('stores follow-ups and errors; a text error becomes {content}', () => {
    assert.deepEqual(messageChanges(message(), 'chat:message:follow_ups', { follow_ups: ['Why?'] }), {
      followUps: ['Why?'],
    });
    assert.deepEqual(messageChanges(message(), 'chat:message:follow_ups', {}), { followUps: [] });
    assert.deepEqual(messageChanges(message(), 'chat:message:error', { error: { content: 'boom', code: 1 } }), {
      error: { content: 'boom', code: 1 },
    });
    assert.deepEqual(messageChanges(message(), 'chat:message:error', { error: 'boom' }), {
      error: { content: 'boom' },
    });
    assert.deepEqual(messageChanges(message(), 'chat:message:error', {}), { error: { content: '' } });
  });

  it('changes nothing for events that are only forwarded', () => {
    for (const type of ['chat:title', 'chat:tags', 'chat:completion', 'unknown', '']) {
      assert.equal(messageChanges(message(), type, { content: 'x' }), null, type);
    }
  });

  it('never changes the stored message or the event in place', () => {
    const stored = message();
    const before = structuredClone(stored);
    const data = { description: 'x', embeds: ['<e2>'], content: 'y' };
    const dataBefore = structuredClone(data);
    for (const type of ['status', 'message', 'embeds', 'source', 'replace']) messageChanges(stored, type, data);
    assert.deepEqual(stored, before);
    assert.deepEqual(data, dataBefore);
  });
});

describe('needsStoredMessage', () => {
  const types = [
    'status',
    'message',
    'chat:message:delta',
    'replace',
    'chat:message',
    'files',
    'chat:message:files',
    'embeds',
    'chat:message:embeds',
    'chat:message:follow_ups',
    'chat:message:error',
    'source',
    'citation',
  ];
  const data: JsonObject = { content: 'x', files: [], embeds: ['e'], follow_ups: [], error: 'e', description: 'd' };

  it('is true exactly for the events whose change depends on the stored message', () => {
    for (const type of types) {
      const fromEmpty = messageChanges({}, type, data);
      const fromStored = messageChanges(message(), type, data);
      const dependsOnStored = JSON.stringify(fromEmpty) !== JSON.stringify(fromStored);
      assert.equal(needsStoredMessage(type), dependsOnStored, type);
    }
  });

  it('is false for forwarded-only events', () => {
    assert.equal(needsStoredMessage('chat:title'), false);
    assert.equal(needsStoredMessage(''), false);
  });
});
