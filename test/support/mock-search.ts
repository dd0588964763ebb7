/**
 * A stand-in for web search engines and the web: a search server on 127.0.0.1 speaking SearXNG's JSON API
 * (`GET /searxng/search`), Bing v7's (`GET /bing/search`, subscription key required) and the External
 * engine's (`POST /external`, Bearer key required), all answering from one scripted result list; and a
 * "public" site on 127.0.0.2 (let through with RAG_WEB_FETCH_ALLOWED_ADDRESSES) whose pages are scripted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockResult {
  url: string;
  title: string;
  content: string;
}

export interface SearchRequest {
  engine: 'searxng' | 'bing' | 'external';
  method: string;
  /** The query the engine was asked. */
  query: string;
  params: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export const BING_KEY = 'bing-subscription-key-123';
export const EXTERNAL_KEY = 'external-search-key-456';

export interface MockWeb {
  /** `http://127.0.0.1:{port}` */
  engineUrl: string;
  /** `http://127.0.0.2:{port}`: pages on it are fetched as public ones. */
  siteUrl: string;
  /** `http://127.0.0.1:{port}/internal`: an internal page a result may point at (must never be fetched). */
  internalUrl: string;
  /** What every engine answers, whatever the query. */
  results: MockResult[];
  /** HTML of the site's pages by path. */
  pages: Map<string, string>;
  searches: SearchRequest[];
  /** Paths of the site's pages that were fetched, and of the internal page. */
  siteHits: string[];
  internalHits: number;
  /** When set, the engines answer this status with an error body echoing the key. */
  failWith?: number;
  /** When true, the engines never answer. */
  hang: boolean;
  close(): Promise<void>;
}

const listen = (server: Server, host: string) =>
  new Promise<number>((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

export async function startMockWeb(): Promise<MockWeb> {
  const web = {
    results: [],
    pages: new Map(),
    searches: [],
    siteHits: [],
    internalHits: 0,
    hang: false,
  } as unknown as MockWeb;

  const engine = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/internal') {
        web.internalHits += 1;
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p>internal secret</p>');
        return;
      }
      const body = await readBody(req);
      const params = Object.fromEntries(url.searchParams);
      const kind = url.pathname.startsWith('/searxng')
        ? 'searxng'
        : url.pathname.startsWith('/bing')
          ? 'bing'
          : url.pathname.startsWith('/external')
            ? 'external'
            : null;
      if (!kind) return json(res, 404, { detail: 'no such engine' });
      const sent = (body as { query?: unknown } | undefined)?.query;
      const query = kind === 'external' ? (typeof sent === 'string' ? sent : '') : (params.q ?? '');
      web.searches.push({ engine: kind, method: req.method ?? '', query, params, headers: req.headers, body });
      if (web.hang) return; // never answers
      if (web.failWith) {
        return json(res, web.failWith, { error: { message: `key ${BING_KEY} ${EXTERNAL_KEY} refused` } });
      }
      if (kind === 'searxng') {
        return json(res, 200, {
          query,
          results: web.results.map((result, index) => ({ ...result, score: web.results.length - index })),
        });
      }
      if (kind === 'bing') {
        if (req.headers['ocp-apim-subscription-key'] !== BING_KEY) return json(res, 401, { error: 'bad key' });
        const value = web.results.map((result) => ({ url: result.url, name: result.title, snippet: result.content }));
        return json(res, 200, { webPages: { value } });
      }
      if (req.headers.authorization !== `Bearer ${EXTERNAL_KEY}`) return json(res, 401, { error: 'bad key' });
      return json(
        res,
        200,
        web.results.map((result) => ({ link: result.url, title: result.title, snippet: result.content })),
      );
    })();
  });
  const site = createServer((req, res) => {
    const path = req.url ?? '/';
    web.siteHits.push(path);
    const page = web.pages.get(path);
    if (page === undefined) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  const enginePort = await listen(engine, '127.0.0.1');
  const sitePort = await listen(site, '127.0.0.2');
  web.engineUrl = `http://127.0.0.1:${enginePort}`;
  web.siteUrl = `http://127.0.0.2:${sitePort}`;
  web.internalUrl = `${web.engineUrl}/internal`;
  web.close = async () => {
    for (const server of [engine, site]) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
  return web;
}
