import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { appFixture } from './support/fixture.js';

const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Weather', version: '1.0.0' },
  paths: { '/forecast': { get: { operationId: 'forecast', summary: 'The forecast' } } },
};

/**
 * Admin → Settings → External Tools. The tool server listens on 127.0.0.2, let through as public by
 * RAG_WEB_FETCH_ALLOWED_ADDRESSES; 127.0.0.1 stays internal, so a redirect there is refused.
 */
describe('tool servers (Admin → Settings → External Tools)', () => {
  let server: Server;
  let base = '';
  const seen: { path: string; authorization?: string; team?: string }[] = [];

  before(async () => {
    server = createServer((req: IncomingMessage, res) => {
      seen.push({
        path: req.url ?? '',
        authorization: req.headers.authorization,
        team: req.headers['x-team'] as string,
      });
      if (req.url === '/openapi.json' || req.url === '/v2/spec.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(SPEC));
      } else if (req.url === '/private') {
        res.writeHead(302, {
          location: `http://127.0.0.1:${(server.address() as { port: number }).port}/openapi.json`,
        });
        res.end();
      } else if (req.url === '/yaml') {
        res.writeHead(200, { 'content-type': 'application/yaml' }).end('openapi: 3.1.0\n');
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Not Found"}');
      }
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.2', () => resolve((server.address() as { port: number }).port)),
    );
    base = `http://127.0.0.2:${port}`;
  });
  after(() => server.close());

  const t = appFixture({ RAG_WEB_FETCH_ALLOWED_ADDRESSES: '127.0.0.2' });
  const path = '/api/v1/configs/tool_servers';
  const connection = () => ({
    type: 'openapi',
    url: base,
    spec_type: 'url',
    spec: '',
    path: 'openapi.json',
    auth_type: 'bearer',
    key: 'tool-secret',
    config: { enable: true, function_name_filter_list: [], access_control: {} },
    info: { id: 'weather', name: 'Weather', description: 'Forecasts' },
  });

  it('stores the connections as the web app sends them', async () => {
    const admin = t.cast.admin.token;
    assert.deepEqual((await t.app.http.get(path, { token: admin })).body, { TOOL_SERVER_CONNECTIONS: [] });
    const saved = await t.app.http.post(path, { TOOL_SERVER_CONNECTIONS: [connection()] }, { token: admin });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body.TOOL_SERVER_CONNECTIONS, [connection()]);
    assert.deepEqual((await t.app.http.get(path, { token: admin })).body, saved.body);
    const exported = (await t.app.http.get('/api/v1/configs/export', { token: admin })).body;
    assert.deepEqual(exported.tool_server.connections, [connection()]);

    for (const bad of [
      {},
      { TOOL_SERVER_CONNECTIONS: {} },
      { TOOL_SERVER_CONNECTIONS: [{ url: base }] },
      { TOOL_SERVER_CONNECTIONS: [{ ...connection(), type: 'grpc' }] },
      { TOOL_SERVER_CONNECTIONS: [{ ...connection(), config: 'on' }] },
    ]) {
      const refused = await t.app.http.post(path, bad, { token: admin });
      assert.equal(refused.status, 422, JSON.stringify(bad));
    }
    for (const token of [t.cast.user.token, t.cast.pending.token, undefined]) {
      assert.equal((await t.app.http.get(path, { token })).status, 401);
      assert.equal((await t.app.http.post(path, { TOOL_SERVER_CONNECTIONS: [] }, { token })).status, 401);
      assert.equal((await t.app.http.post(`${path}/verify`, connection(), { token })).status, 401);
    }
    assert.deepEqual((await t.app.http.get(path, { token: admin })).body, saved.body, 'refusals change nothing');
  });

  it('verifies a server by reading its spec, with its bearer key and headers', async () => {
    const admin = t.cast.admin.token;
    seen.length = 0;
    const verified = await t.app.http.post(
      `${path}/verify`,
      { ...connection(), headers: { 'X-Team': 'research', Host: 'evil.example' } },
      { token: admin },
    );
    assert.equal(verified.status, 200, verified.text);
    assert.deepEqual(verified.body, SPEC);
    assert.deepEqual(seen, [{ path: '/openapi.json', authorization: 'Bearer tool-secret', team: 'research' }]);

    // A path with a scheme is the whole URL; a "session" server never gets the caller's token.
    seen.length = 0;
    const absolute = { ...connection(), path: `${base}/v2/spec.json`, auth_type: 'session' };
    assert.equal((await t.app.http.post(`${path}/verify`, absolute, { token: admin })).status, 200);
    assert.deepEqual(seen, [{ path: '/v2/spec.json', authorization: undefined, team: undefined }]);

    const pasted = { ...connection(), spec_type: 'json', spec: JSON.stringify(SPEC), url: 'https://nowhere.invalid' };
    assert.deepEqual((await t.app.http.post(`${path}/verify`, pasted, { token: admin })).body, SPEC);
  });

  it('answers a clear 400 when the spec cannot be read', async () => {
    const admin = t.cast.admin.token;
    const failures: [Record<string, unknown>, RegExp][] = [
      [{ path: 'missing.json' }, /^Failed to connect to the tool server: .*answered 404/],
      [{ path: 'private' }, /private or internal address.*RAG_WEB_FETCH_ALLOWED_ADDRESSES/],
      [{ url: 'http://127.0.0.1:9', path: 'openapi.json' }, /private or internal address/],
      [{ path: 'yaml' }, /not JSON/],
      [{ url: 'ftp://tools.example', path: 'openapi.json' }, /Only http and https/],
      [{ type: 'mcp' }, /MCP/],
      [{ spec_type: 'json', spec: '[1, 2]' }, /not a JSON object/],
      [{ headers: { 'X-Count': 3 } }, /X-Count must be text/],
    ];
    for (const [change, detail] of failures) {
      const refused = await t.app.http.post(`${path}/verify`, { ...connection(), ...change }, { token: admin });
      assert.equal(refused.status, 400, `${JSON.stringify(change)}: ${refused.text}`);
      assert.match(refused.body.detail, detail);
    }
    assert.equal((await t.app.http.post(`${path}/verify`, { url: base }, { token: admin })).status, 422);
  });
});
