import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deltaText,
  LineSplitter,
  OllamaToOpenAi,
  parseSseLine,
  SSE_DONE,
  sseEvent,
} from '../../src/providers/stream-codecs.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('LineSplitter', () => {
  it('joins a line split across chunks and strips CR', () => {
    const lines = new LineSplitter();
    assert.deepEqual(lines.push(bytes('data: a\r\nda')), ['data: a']);
    assert.deepEqual(lines.push(bytes('ta: b')), []);
    assert.deepEqual(lines.push(bytes('\n\n')), ['data: b', '']);
    assert.deepEqual(lines.flush(), []);
  });

  it('decodes a multi-byte character split between chunks', () => {
    const encoded = bytes('{"c":"€👋"}\n');
    const lines = new LineSplitter();
    // Byte 7 falls inside "€" (bytes 6-8), byte 11 inside "👋" (bytes 9-12).
    const out = [
      ...lines.push(encoded.slice(0, 7)),
      ...lines.push(encoded.slice(7, 11)),
      ...lines.push(encoded.slice(11)),
    ];
    assert.deepEqual(out, ['{"c":"€👋"}']);
  });

  it('gives the last line without a newline on flush, once', () => {
    const lines = new LineSplitter();
    assert.deepEqual(lines.push(bytes('{"done":true}')), []);
    assert.deepEqual(lines.flush(), ['{"done":true}']);
    assert.deepEqual(lines.flush(), []);
  });
});

describe('parseSseLine', () => {
  it('parses data lines with or without the space', () => {
    assert.deepEqual(parseSseLine('data: {"a":1}'), { a: 1 });
    assert.deepEqual(parseSseLine('data:{"a":"ü"}'), { a: 'ü' });
  });

  it('skips comments, other fields, blank data, [DONE] and broken JSON', () => {
    for (const line of [
      ': ping',
      'event: x',
      'id: 1',
      '',
      'data:',
      'data: ',
      'data: [DONE]',
      'data: {"a":',
      'Data: {}',
    ]) {
      assert.equal(parseSseLine(line), undefined, line);
    }
  });

  it('writes events and the end marker as SSE frames', () => {
    assert.equal(sseEvent({ a: 'b' }), 'data: {"a":"b"}\n\n');
    assert.equal(SSE_DONE, 'data: [DONE]\n\n');
    assert.deepEqual(parseSseLine(sseEvent({ x: [1] }).trimEnd()), { x: [1] });
  });
});

describe('deltaText', () => {
  it('reads the first choice delta text, and nothing else', () => {
    assert.equal(deltaText({ choices: [{ delta: { content: 'Hi' } }, { delta: { content: 'no' } }] }), 'Hi');
    assert.equal(deltaText({ choices: [{ delta: { content: null } }] }), '');
    assert.equal(deltaText({ choices: [{ delta: { content: ['x'] } }] }), '');
    assert.equal(deltaText({ choices: [] }), '');
    assert.equal(deltaText({}), '');
  });
});

describe('OllamaToOpenAi', () => {
  it('turns content and thinking into one delta, with one id for the whole answer', () => {
    const codec = new OllamaToOpenAi('llama3:8b');
    const first = codec.chunk({ message: { role: 'assistant', content: 'Hel', thinking: 'hmm' }, done: false });
    const second = codec.chunk({ message: { content: 'lo' }, done: false });
    assert.deepEqual(first.choices, [
      { index: 0, delta: { content: 'Hel', reasoning_content: 'hmm' }, finish_reason: null },
    ]);
    assert.equal(first.object, 'chat.completion.chunk');
    assert.equal(first.model, 'llama3:8b');
    assert.match(first.id, /^chatcmpl-/);
    assert.equal(second.id, first.id);
    assert.equal(second.created, first.created);
    assert.equal('usage' in first, false);
  });

  it('leaves empty or missing text out of the delta', () => {
    const codec = new OllamaToOpenAi('m');
    assert.deepEqual(codec.chunk({ message: { content: '', thinking: '' } }).choices[0].delta, {});
    assert.deepEqual(codec.chunk({}).choices[0].delta, {});
  });

  it('ends with the done reason (stop by default) and the token usage', () => {
    const codec = new OllamaToOpenAi('m');
    const last = codec.chunk({
      message: { content: '' },
      done: true,
      done_reason: 'length',
      prompt_eval_count: 7,
      eval_count: 5,
    });
    assert.equal(last.choices[0].finish_reason, 'length');
    assert.deepEqual(last.usage, { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 });
    const plain = codec.chunk({ done: true });
    assert.equal(plain.choices[0].finish_reason, 'stop');
    assert.deepEqual(plain.usage, { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
  });

  it('turns a whole answer into a chat.completion', () => {
    const whole = new OllamaToOpenAi('m').completion({
      message: { role: 'assistant', content: 'Grüße' },
      done: true,
      prompt_eval_count: 1,
      eval_count: 2,
    });
    assert.equal(whole.object, 'chat.completion');
    assert.deepEqual(whole.choices, [
      { index: 0, message: { role: 'assistant', content: 'Grüße' }, finish_reason: 'stop' },
    ]);
    assert.deepEqual(whole.usage, { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
    assert.equal(new OllamaToOpenAi('m').completion({}).choices[0].message.content, '');
  });
});
