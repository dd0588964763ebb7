import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../src/common/errors.js';
import type { AppConfig } from '../../src/config/app-config.js';
import type { Connection } from '../../src/providers/connections.service.js';
import { ProviderClient } from '../../src/providers/provider-client.js';

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** Against a loopback server that records each request and answers with `reply` (status, body). */
describe('ProviderClient', () => {
  const client = new ProviderClient({ models: { requestTimeoutSeconds: 5 } } as AppConfig);
  const target = (connection: Connection) => ({ base: { connection }, item: { id: 'm' } });
  let server: Server;
  let baseUrl: string;
  let seen: Seen[] = [];
  let reply: { status: number; body: string } = { status: 200, body: '{"ok":true}' };

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const connection = (kind: 'openai' | 'ollama', apiKey = ''): Connection => ({
    kind,
    index: 0,
    baseUrl: kind === 'openai' ? `${baseUrl}/v1` : baseUrl,
    apiKey,
    options: {},
  });
  const open = async (kind: 'openai' | 'ollama', payload: Record<string, unknown>, apiKey = '') => {
    seen = [];
    reply = { status: 200, body: '{"ok":true}' };
    const answer = await client.complete(target(connection(kind, apiKey)), payload);
    if (kind === 'openai') assert.deepEqual(answer, { ok: true });
    assert.equal(seen.length, 1);
    return seen[0];
  };

  it('sends an OpenAI payload as it is to /chat/completions, with the key as bearer', async () => {
    const payload = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Grüße 👋' }], stream: true, max_tokens: 5 };
    const request = await open('openai', payload, 'sk-test');
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.headers.authorization, 'Bearer sk-test');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(request.body, payload);
  });

  it('sends no authorization header without a key', async () => {
    const request = await open('ollama', { model: 'llama3', messages: [] });
    assert.equal(request.headers.authorization, undefined);
  });

  it('translates to Ollama /api/chat: sampling params into options, max tokens as num_predict', async () => {
    const request = await open('ollama', {
      model: 'llama3:8b',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: false,
      temperature: 0,
      max_completion_tokens: 64,
      stop: ['\n'],
      seed: 7,
      tools: [{ type: 'function' }],
    });
    assert.equal(request.path, '/api/chat');
    assert.deepEqual(request.body, {
      model: 'llama3:8b',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: false,
      options: { temperature: 0, num_predict: 64, stop: ['\n'], seed: 7 },
    });
  });

  it('streams from Ollama unless stream is false', async () => {
    assert.equal((await open('ollama', { model: 'm', messages: [] })).body.stream, true);
    assert.equal((await open('ollama', { model: 'm', messages: [], stream: true })).body.stream, true);
  });

  it('joins multi-part text for Ollama and passes data-URL images as base64, other image URLs not', async () => {
    const request = await open('ollama', {
      model: 'llava',
      messages: [
        { role: 'system', content: 'Describe.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is ' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
            { type: 'text', text: 'this?' },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'Only text' }] },
      ],
    });
    assert.deepEqual(request.body.messages, [
      { role: 'system', content: 'Describe.' },
      { role: 'user', content: 'What is this?', images: ['iVBORw0KGgo='] },
      { role: 'user', content: 'Only text' },
    ]);
  });

  it("maps the provider's errors: its message as detail, caller errors kept, the rest a bad gateway", async () => {
    const cases: [number, string, string, string][] = [
      [400, '{"error":{"message":"context too long"}}', 'bad_request', 'context too long'],
      [404, '{"error":"no such model"}', 'not_found', 'no such model'],
      [429, '{"detail":"slow down"}', 'too_many_requests', 'slow down'],
      [401, '{"message":"bad key"}', 'bad_gateway', 'bad key'],
      [500, 'upstream exploded', 'bad_gateway', 'upstream exploded'],
      [503, '', 'bad_gateway', 'The model provider answered 503.'],
    ];
    for (const [status, body, kind, detail] of cases) {
      reply = { status, body };
      await assert.rejects(
        client.complete(target(connection('openai')), { model: 'm', messages: [] }),
        (error: unknown) => error instanceof AppError && error.kind === kind && error.detail === detail,
        `${status} ${body}`,
      );
    }
  });

  it('answers a bad gateway when the provider cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = { ...connection('openai'), baseUrl: `http://127.0.0.1:${port}` };
    await assert.rejects(
      client.complete(target(unreachable), { model: 'm', messages: [] }),
      (error: unknown) => error instanceof AppError && error.kind === 'bad_gateway',
    );
  });

  it('reads the whole answer, multi-byte characters included', async () => {
    reply = { status: 200, body: '{"text":"€"}' };
    seen = [];
    assert.deepEqual(await client.complete(target(connection('openai')), { model: 'm', messages: [] }), { text: '€' });
  });
});
