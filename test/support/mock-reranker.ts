/**
 * A loopback stand-in for an external reranker as Open WebUI calls it (`POST {url}` with
 * `{model, query, documents, top_n}`, answered `{results: [{index, relevance_score}]}`). Its score is
 * deterministic: the share of the document's words that are `favourite` (so a test can make any
 * document win), listed best first as Cohere and Jina do. `failNext` makes the next answers 500.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RerankRequest {
  headers: Record<string, string | string[] | undefined>;
  body: { model?: unknown; query?: unknown; documents?: unknown; top_n?: unknown };
}

export interface MockReranker {
  /** The endpoint to put in RAG_EXTERNAL_RERANKER_URL. */
  url: string;
  requests: RerankRequest[];
  favourite: string;
  failNext(count: number): void;
  close(): Promise<void>;
}

export function rerankScore(document: string, favourite: string): number {
  const words = document.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? 0 : words.filter((word) => word === favourite).length / words.length;
}

export async function startMockReranker(favourite: string): Promise<MockReranker> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  let failures = 0;
  const mock: MockReranker = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/rerank`,
    requests: [],
    favourite,
    failNext: (count) => void (failures += count),
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as RerankRequest['body'];
      mock.requests.push({ headers: { ...req.headers }, body });
      if (failures > 0) {
        failures--;
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"mock failure"}');
        return;
      }
      const documents = Array.isArray(body.documents) ? (body.documents as string[]) : [];
      const results = documents
        .map((document, index) => ({ index, relevance_score: rerankScore(document, mock.favourite) }))
        .sort((a, b) => b.relevance_score - a.relevance_score);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
    });
  });
  return mock;
}
