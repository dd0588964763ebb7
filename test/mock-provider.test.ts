import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type MockProvider, startMockProvider } from './support/mock-provider.js';

interface Frame {
  text: string;
  at: number;
}

/** Reads a streamed body frame by frame (split on `separator`), stamping each frame with its arrival time. */
async function readFrames(
  response: Response,
  separator: string,
  limit = Infinity,
): Promise<{ frames: Frame[]; error?: unknown }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const frames: Frame[] = [];
  let buffer = '';
  try {
    while (frames.length < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf(separator)) !== -1) {
        frames.push({ text: buffer.slice(0, end), at: performance.now() });
        buffer = buffer.slice(end + separator.length);
      }
    }
  } catch (error) {
    return { frames, error };
  }
  return { frames };
}

/** SSE `data:` payloads, JSON-parsed except the [DONE] terminator. */
const sseData = (frames: Frame[]) => frames.map((f) => f.text.replace(/^data: /, '')).map(parseUnlessDone);
const parseUnlessDone = (data: string): any => (data === '[DONE]' ? data : JSON.parse(data));

const chatBody = (model: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model, messages: [{ role: 'user', content: 'say hello to me' }], ...extra });

function post(url: string, body: string, init: RequestInit = {}) {
  return fetch(url, { ...init, method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

/** The server sees disconnects asynchronously, so abort records are polled for. */
async function waitFor(check: () => boolean, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

describe('mock provider', () => {
  let mock: MockProvider;

  before(async () => {
    mock = await startMockProvider();
  });
  after(() => mock.close());

  it('lists models on both APIs and reports the Ollama version', async () => {
    assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(mock.openaiBaseUrl, `${mock.url}/v1`);
    assert.equal(mock.ollamaBaseUrl, mock.url);
    mock.setModels([{ id: 'gpt-mock', name: 'GPT Mock' }, { id: 'llama3:8b' }]);

    const openai: any = await (await fetch(`${mock.openaiBaseUrl}/models`)).json();
    assert.equal(openai.object, 'list');
    assert.deepEqual(
      openai.data.map((m: any) => [m.id, m.object, m.owned_by, m.name]),
      [
        ['gpt-mock', 'model', 'mock', 'GPT Mock'],
        ['llama3:8b', 'model', 'mock', undefined],
      ],
    );
    assert.equal(typeof openai.data[0].created, 'number');

    const tags: any = await (await fetch(`${mock.ollamaBaseUrl}/api/tags`)).json();
    assert.deepEqual(
      tags.models.map((m: any) => [m.name, m.model]),
      [
        ['gpt-mock', 'gpt-mock'],
        ['llama3:8b', 'llama3:8b'],
      ],
    );
    assert.deepEqual(tags.models[0].details, {
      format: 'gguf',
      family: 'llama',
      parameter_size: '8B',
      quantization_level: 'Q4_0',
    });
    assert.match(tags.models[0].digest, /^[0-9a-f]{64}$/);
    assert.equal(typeof tags.models[0].size, 'number');

    assert.deepEqual(await (await fetch(`${mock.url}/api/version`)).json(), { version: '0.5.0' });
  });

  it('streams OpenAI SSE chunks as scripted, paced by the delays, ending in [DONE]', async () => {
    mock.script('gpt-mock', { chunks: ['Hel', 'lo', ' world'], firstChunkDelayMs: 40, chunkDelayMs: 30 });
    const started = performance.now();
    const response = await post(
      `${mock.openaiBaseUrl}/chat/completions`,
      chatBody('gpt-mock', { stream: true, stream_options: { include_usage: true } }),
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(mock.openStreams(), 1);

    const { frames, error } = await readFrames(response, '\n\n');
    assert.equal(error, undefined);
    assert.ok(
      frames.every((f) => f.text.startsWith('data: ')),
      'every event is a data: line',
    );
    const events = sseData(frames);
    assert.equal(events.length, 5, 'three content chunks, the stop chunk, [DONE]');
    assert.equal(events[4], '[DONE]');

    const [first, second, third, stop] = events;
    assert.deepEqual(first.choices, [{ index: 0, delta: { role: 'assistant', content: 'Hel' }, finish_reason: null }]);
    assert.deepEqual(second.choices[0].delta, { content: 'lo' });
    assert.deepEqual(third.choices[0].delta, { content: ' world' });
    assert.deepEqual(stop.choices, [{ index: 0, delta: {}, finish_reason: 'stop' }]);
    assert.deepEqual(stop.usage, { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 }, 'computed usage');
    for (const event of [first, second, third, stop]) {
      assert.match(event.id, /^chatcmpl-/);
      assert.equal(event.id, first.id, 'one id per completion');
      assert.equal(event.object, 'chat.completion.chunk');
      assert.equal(event.model, 'gpt-mock');
      assert.equal(typeof event.created, 'number');
    }

    // Each chunk leaves when its delay passes: nothing arrives early (bounds from the start, which a busy
    // machine can only push later), and nothing is held back to the end (the first arrives well before the last).
    for (const [index, earliest] of [35, 65, 95].entries()) {
      const at = frames[index].at - started;
      assert.ok(at >= earliest, `chunk ${index + 1} after ~${earliest + 5} ms, got ${at}`);
    }
    assert.ok(frames[2].at - frames[0].at >= 40, 'the chunks were not sent together at the end');
    assert.equal(mock.openStreams(), 0);
    assert.deepEqual(mock.aborted, []);

    const recorded = mock.requests.at(-1)!;
    assert.equal(recorded.method, 'POST');
    assert.equal(recorded.path, '/v1/chat/completions');
    assert.equal(recorded.headers['content-type'], 'application/json');
    assert.deepEqual((recorded.body as any).stream_options, { include_usage: true });
    assert.ok(recorded.receivedAt >= Date.now() - 1000);
  });

  it('leaves usage out of the stream unless include_usage is asked for', async () => {
    const response = await post(`${mock.openaiBaseUrl}/chat/completions`, chatBody('gpt-mock', { stream: true }));
    const events = sseData((await readFrames(response, '\n\n')).frames);
    assert.equal(events.at(-2).choices[0].finish_reason, 'stop');
    assert.equal(events.at(-2).usage, undefined);
  });

  it('answers stream:false with one chat.completion carrying the joined text and scripted usage', async () => {
    const usage = { prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 };
    mock.script('whole', { chunks: ['All ', 'at once'], usage });
    const response = await post(`${mock.openaiBaseUrl}/chat/completions`, chatBody('whole', { stream: false }));
    assert.equal(response.status, 200);
    const body: any = await response.json();
    assert.match(body.id, /^chatcmpl-/);
    assert.equal(body.object, 'chat.completion');
    assert.equal(body.model, 'whole');
    assert.deepEqual(body.choices, [
      { index: 0, message: { role: 'assistant', content: 'All at once' }, finish_reason: 'stop' },
    ]);
    assert.deepEqual(body.usage, usage);
  });

  it('falls back to the * script, then to "Hello from mock"', async () => {
    const ask = async (model: string) => {
      const response = await post(`${mock.openaiBaseUrl}/chat/completions`, chatBody(model));
      return ((await response.json()) as any).choices[0].message.content;
    };
    assert.equal(await ask('unscripted'), 'Hello from mock');
    mock.script('*', { chunks: ['wild', 'card'] });
    assert.equal(await ask('unscripted'), 'wildcard');
    assert.equal(await ask('whole'), 'All at once', 'an exact script still wins');
  });

  it('streams Ollama NDJSON by default and answers stream:false with one object', async () => {
    mock.script('llama3:8b', { chunks: ['Hi', ' there'] });
    const response = await post(`${mock.url}/api/chat`, chatBody('llama3:8b'));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/x-ndjson/);
    const lines = (await readFrames(response, '\n')).frames.map((f) => JSON.parse(f.text));
    assert.equal(lines.length, 3);
    for (const [i, content] of ['Hi', ' there'].entries()) {
      assert.deepEqual(
        { ...lines[i], created_at: undefined },
        {
          model: 'llama3:8b',
          created_at: undefined,
          message: { role: 'assistant', content },
          done: false,
        },
      );
      assert.ok(!Number.isNaN(Date.parse(lines[i].created_at)));
    }
    const last = lines[2];
    assert.deepEqual(last.message, { role: 'assistant', content: '' });
    assert.equal(last.done, true);
    assert.equal(last.done_reason, 'stop');
    assert.equal(last.prompt_eval_count, 4);
    assert.equal(last.eval_count, 2);
    assert.ok(Number.isInteger(last.total_duration));

    const whole = await post(`${mock.url}/api/chat`, chatBody('llama3:8b', { stream: false }));
    assert.match(whole.headers.get('content-type') ?? '', /^application\/json/);
    const body: any = await whole.json();
    assert.deepEqual(body.message, { role: 'assistant', content: 'Hi there' });
    assert.equal(body.done, true);
    assert.equal(body.done_reason, 'stop');
    assert.equal(body.eval_count, 2);
  });

  it('fails with the scripted status and JSON body before streaming', async () => {
    mock.script('limited', { chunks: ['x'], failure: { kind: 'status', status: 429, body: { error: 'slow down' } } });
    const limited = await post(`${mock.openaiBaseUrl}/chat/completions`, chatBody('limited', { stream: true }));
    assert.equal(limited.status, 429);
    assert.deepEqual(await limited.json(), { error: 'slow down' });

    mock.script('broken', { chunks: ['x'], failure: { kind: 'status', status: 500 } });
    const broken = await post(`${mock.url}/api/chat`, chatBody('broken'));
    assert.equal(broken.status, 500);
    assert.deepEqual(await broken.json(), { error: { message: 'mock failure' } });
    assert.equal(mock.openStreams(), 0);
  });

  it('kills the socket mid-stream after the scripted number of chunks', async () => {
    mock.script('dies', { chunks: ['one', 'two', 'three', 'four'], failure: { kind: 'mid-stream', afterChunks: 2 } });
    const response = await post(`${mock.openaiBaseUrl}/chat/completions`, chatBody('dies', { stream: true }));
    assert.equal(response.status, 200);
    const { frames, error } = await readFrames(response, '\n\n');
    assert.ok(error instanceof Error, 'reading the body fails once the socket dies');
    assert.deepEqual(
      sseData(frames).map((e) => e.choices[0].delta.content),
      ['one', 'two'],
    );
    await waitFor(() => mock.openStreams() === 0);
    assert.deepEqual(mock.aborted, [], 'an upstream death is not a client abort');

    const ollama = await post(`${mock.url}/api/chat`, chatBody('dies'));
    const lines = await readFrames(ollama, '\n');
    assert.ok(lines.error instanceof Error);
    assert.equal(lines.frames.length, 2);
  });

  it('records a client abort at once, with fewer chunks sent than scripted, and stops streaming', async () => {
    mock.script('long', { chunks: Array.from({ length: 10 }, (_, i) => `c${i} `), chunkDelayMs: 20 });
    const controller = new AbortController();
    const response = await post(`${mock.openaiBaseUrl}/chat/completions`, chatBody('long', { stream: true }), {
      signal: controller.signal,
    });
    const { frames } = await readFrames(response, '\n\n', 2);
    assert.equal(frames.length, 2);
    const abortedAt = Date.now();
    controller.abort();

    await waitFor(() => mock.aborted.length === 1);
    const [record] = mock.aborted;
    assert.equal(record.path, '/v1/chat/completions');
    assert.equal(record.model, 'long');
    assert.ok(record.chunksSent >= 2 && record.chunksSent < 10, `chunksSent ${record.chunksSent}`);
    assert.ok(record.at - abortedAt < 100, `abort seen within 100 ms, took ${record.at - abortedAt}`);
    assert.equal(mock.openStreams(), 0);
    mock.aborted.length = 0;
  });

  it('never answers a hanging chat or model list, and records the client giving up', async () => {
    mock.script('stuck', { chunks: ['x'], failure: { kind: 'hang' } });
    await assert.rejects(
      post(`${mock.openaiBaseUrl}/chat/completions`, chatBody('stuck', { stream: true }), {
        signal: AbortSignal.timeout(50),
      }),
      { name: 'TimeoutError' },
    );
    await waitFor(() => mock.aborted.length === 1);
    assert.deepEqual(
      { ...mock.aborted[0], at: 0 },
      { path: '/v1/chat/completions', model: 'stuck', at: 0, chunksSent: 0 },
    );
    assert.equal(mock.openStreams(), 0, 'a hung request is not an open stream');
    mock.aborted.length = 0;

    mock.setModelListDelay(60);
    const started = performance.now();
    assert.equal((await fetch(`${mock.url}/api/tags`)).status, 200);
    assert.ok(performance.now() - started >= 55, 'the model list waited');

    mock.setModelListDelay('hang');
    await assert.rejects(fetch(`${mock.openaiBaseUrl}/models`, { signal: AbortSignal.timeout(50) }), {
      name: 'TimeoutError',
    });
    mock.setModelListDelay(0);
  });

  it('returns deterministic 8-float embeddings for a string or a list of strings', async () => {
    const embed = async (input: unknown): Promise<any> =>
      (await post(`${mock.openaiBaseUrl}/embeddings`, JSON.stringify({ model: 'embedder', input }))).json();
    const one = await embed('the quick brown fox');
    assert.equal(one.object, 'list');
    assert.equal(one.model, 'embedder');
    assert.deepEqual(one.usage, { prompt_tokens: 4, total_tokens: 4 });
    assert.equal(one.data[0].object, 'embedding');
    assert.equal(one.data[0].index, 0);
    const vector: number[] = one.data[0].embedding;
    assert.equal(vector.length, 8);
    assert.ok(vector.every((x) => x >= -1 && x < 1));

    const many = await embed(['the quick brown fox', 'something else']);
    assert.deepEqual(
      many.data.map((d: any) => d.index),
      [0, 1],
    );
    assert.deepEqual(many.data[0].embedding, vector, 'same text, same vector');
    assert.notDeepEqual(many.data[1].embedding, vector);

    const bad = await post(`${mock.openaiBaseUrl}/embeddings`, JSON.stringify({ input: 42 }));
    assert.equal(bad.status, 400);
  });

  it('answers unknown paths with a JSON 404 and records every request', async () => {
    const before = mock.requests.length;
    const response = await fetch(`${mock.url}/nope?x=1`);
    assert.equal(response.status, 404);
    assert.match(((await response.json()) as any).error.message, /No route for GET \/nope/);
    assert.equal(mock.requests.length, before + 1);
    assert.deepEqual(
      { ...mock.requests.at(-1), headers: undefined, receivedAt: undefined },
      {
        method: 'GET',
        path: '/nope?x=1',
        headers: undefined,
        body: undefined,
        receivedAt: undefined,
      },
    );
  });

  it('keeps 120 concurrent streams apart and counts them while open', async () => {
    // Opening 120 cold connections alone can outlast a short first-chunk delay on a small CI box, so warm the
    // client's pool first: the streams below then all overlap and the count is about the mock, not connect time.
    await Promise.all(Array.from({ length: 120 }, async () => (await fetch(`${mock.url}/api/version`)).text()));
    mock.script('many', { chunks: ['a', 'b', 'c'], firstChunkDelayMs: 300, chunkDelayMs: 5 });
    const responses = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        post(`${mock.openaiBaseUrl}/chat/completions`, chatBody('many', { stream: true, user: `u${i}` })),
      ),
    );
    await waitFor(() => mock.openStreams() === 120, 250);
    const texts = await Promise.all(
      responses.map(async (response) => {
        const events = sseData((await readFrames(response, '\n\n')).frames);
        assert.equal(events.at(-1), '[DONE]');
        return events
          .slice(0, -2)
          .map((e) => e.choices[0].delta.content)
          .join('');
      }),
    );
    assert.ok(texts.every((text) => text === 'abc'));
    assert.equal(mock.openStreams(), 0);
    assert.deepEqual(mock.aborted, []);
  });
});

describe('mock provider with an API key', () => {
  let mock: MockProvider;

  before(async () => {
    mock = await startMockProvider({ apiKey: 'sk-mock' });
  });
  after(() => mock.close());

  it('requires the bearer key on /v1 routes only', async () => {
    const invalid = { error: { message: 'Invalid API key', type: 'invalid_request_error' } };
    const missing = await fetch(`${mock.openaiBaseUrl}/models`);
    assert.equal(missing.status, 401);
    assert.deepEqual(await missing.json(), invalid);

    const wrong = await post(`${mock.openaiBaseUrl}/chat/completions`, chatBody('m'), {
      headers: { authorization: 'Bearer nope' },
    });
    assert.equal(wrong.status, 401);
    assert.deepEqual(await wrong.json(), invalid);

    const right = await fetch(`${mock.openaiBaseUrl}/models`, { headers: { authorization: 'Bearer sk-mock' } });
    assert.equal(right.status, 200);
    assert.equal(mock.requests.at(-1)!.headers.authorization, 'Bearer sk-mock');

    assert.equal((await fetch(`${mock.url}/api/tags`)).status, 200, 'Ollama has no auth');
  });
});

describe('mock provider close()', () => {
  it('resolves promptly with streams and hung requests still open, without calling them aborts', async () => {
    const mock = await startMockProvider();
    mock.script('hang', { chunks: [], failure: { kind: 'hang' } });
    mock.script('slow', { chunks: ['a', 'b'], chunkDelayMs: 10_000 });
    const hung = post(`${mock.openaiBaseUrl}/chat/completions`, chatBody('hang'));
    const stream = await post(`${mock.openaiBaseUrl}/chat/completions`, chatBody('slow', { stream: true }));
    const reading = readFrames(stream, '\n\n');
    await waitFor(() => mock.requests.length === 2);

    const started = performance.now();
    await mock.close();
    assert.ok(performance.now() - started < 200, 'close() did not wait for open requests');
    await assert.rejects(hung);
    const { frames, error } = await reading;
    assert.ok(error instanceof Error);
    assert.equal(frames.length, 1, 'the first chunk went out, the second never did');
    assert.equal(mock.openStreams(), 0);
    assert.deepEqual(mock.aborted, []);
  });
});
