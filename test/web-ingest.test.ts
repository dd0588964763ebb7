import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { withApp } from './support/app.js';
import { signup } from './support/factories.js';

/** A site on 127.0.0.2 (treated as public through RAG_WEB_FETCH_ALLOWED_ADDRESSES) and an internal one on 127.0.0.1. */
describe('URL ingestion (process/web)', () => {
  let site: Server;
  let internal: Server;
  let internalHits = 0;
  let sitePort = 0;
  let internalPort = 0;

  const listen = (server: Server, host: string) =>
    new Promise<number>((resolve) =>
      server.listen(0, host, () => resolve((server.address() as { port: number }).port)),
    );

  before(async () => {
    internal = createServer((_req, res) => {
      internalHits += 1;
      res.end('internal secret');
    });
    internalPort = await listen(internal, '127.0.0.1');
    site = createServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: `http://127.0.0.1:${internalPort}/` }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<html><head><style>.x{}</style><script>alert(1)</script></head><body><nav>Menu</nav>' +
          '<h1>Freedonia</h1><p>The capital of Freedonia is Fredville.</p></body></html>',
      );
    });
    sitePort = await listen(site, '127.0.0.2');
  });
  after(() => {
    site.close();
    internal.close();
  });

  it('indexes a public page’s readable text as a file of the caller, and refuses internal addresses in every form', () =>
    withApp({ RAG_WEB_FETCH_ALLOWED_ADDRESSES: '127.0.0.2' }, async (app) => {
      const user = await signup(app);
      const ingest = (url: string) => app.http.post('/api/v1/retrieval/process/web', { url }, { token: user.token });

      const page = await ingest(`http://127.0.0.2:${sitePort}/article`);
      assert.equal(page.status, 200, page.text);
      const text: string = page.body.file.data.content;
      assert.match(text, /The capital of Freedonia is Fredville\./);
      assert.doesNotMatch(text, /<|alert|Menu/);
      assert.match(page.body.collection_name, /^file-/);
      const found = await app.http.post(
        '/api/v1/retrieval/query/doc',
        { collection_name: page.body.collection_name, query: 'capital' },
        { token: user.token },
      );
      assert.match(found.body.documents[0][0], /Fredville/);

      const forbidden = [
        `http://127.0.0.1:${internalPort}/`,
        `http://localhost:${internalPort}/`,
        `http://2130706433:${internalPort}/`,
        `http://0x7f000001:${internalPort}/`,
        `http://[::ffff:127.0.0.1]:${internalPort}/`,
        'http://169.254.169.254/latest/meta-data/',
        `http://127.0.0.2:${sitePort}/redirect`,
        'file:///etc/passwd',
      ];
      for (const url of forbidden) {
        const refused = await ingest(url);
        assert.equal(refused.status, 400, `${url}: ${refused.text}`);
        assert.equal(typeof refused.body.detail, 'string');
      }
      assert.equal(internalHits, 0, 'the internal server never saw a request');
    }));
});
