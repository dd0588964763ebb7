// The bench's embedding provider: OpenAI's POST /v1/embeddings on loopback, answering dense vectors
// (384 dimensions, embedding.ts) after a modelled service time, as a real embedding
// server would: every request holds one of `slots` devices for `requestMs + texts × textMs`, and
// requests beyond the free devices wait their turn. A client can then go no faster than the devices,
// which is what makes "the server keeps the provider busy" measurable: ingest through the server is
// compared with the same batches sent straight here.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchEmbedding } from './embedding.js';

export interface ServiceTime {
  requestMs: number;
  textMs: number;
  slots: number;
}

export interface BenchProvider {
  openaiBaseUrl: string;
  /** Each request's texts, in arrival order. */
  batches: string[][];
  peakInFlight(): number;
  setServiceTime(time: ServiceTime): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startBenchProvider(initial: ServiceTime): Promise<BenchProvider> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  let time = initial;
  let inFlight = 0;
  let peak = 0;
  let busy = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    if (busy < time.slots) {
      busy++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else busy--;
  };
  const provider: BenchProvider = {
    openaiBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    batches: [],
    peakInFlight: () => peak,
    setServiceTime: (next) => void (time = next),
    reset: () => {
      provider.batches.length = 0;
      peak = inFlight;
    },
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    res.on('close', () => inFlight--);
    void answer(req, res).catch(() => res.destroy());
  });
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { input: string[] | string };
    const texts = typeof body.input === 'string' ? [body.input] : body.input;
    provider.batches.push(texts);
    await acquire();
    try {
      const started = performance.now();
      const data = texts.map((text, index) => ({ object: 'embedding', index, embedding: benchEmbedding(text) }));
      const payload = JSON.stringify({ object: 'list', data, model: 'bench' });
      const left = time.requestMs + texts.length * time.textMs - (performance.now() - started);
      if (left > 0) await sleep(left);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
      res.end(payload);
    } finally {
      release();
    }
  }
  return provider;
}

/** Sends `batches` straight to the provider, `concurrency` at a time, as the server would; resolves when all are answered. */
export async function replay(provider: BenchProvider, batches: string[][], concurrency: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const input = batches[next++];
      const res = await fetch(`${provider.openaiBaseUrl}/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'bench', input }),
      });
      // The server reads every answer whole; so does the baseline.
      const answer = (await res.json()) as { data: unknown[] };
      if (answer.data.length !== input.length) throw new Error('the provider lost a vector');
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return performance.now() - started;
}
