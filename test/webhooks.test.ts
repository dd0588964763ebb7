import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { withApp, type TestApp } from './support/app.js';
import { signup, type TestUser } from './support/factories.js';
import { eventually } from './support/sockets.js';

/** A webhook receiver on 127.0.0.2 (public through RAG_WEB_FETCH_ALLOWED_ADDRESSES), recording what it is sent. */
describe('the admins’ webhook', () => {
  let receiver: Server;
  let port = 0;
  let answerStatus = 200;
  const received: { path: string; type: string; body: any }[] = [];

  before(async () => {
    receiver = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', type: req.headers['content-type'] ?? '', body: JSON.parse(body) });
        res.writeHead(answerStatus).end();
      });
    });
    port = await new Promise<number>((resolve) =>
      receiver.listen(0, '127.0.0.2', () => resolve((receiver.address() as { port: number }).port)),
    );
  });
  after(() => receiver.close());

  const openSignups = async (app: TestApp, admin: TestUser) => {
    const config = (await app.http.get('/api/v1/auths/admin/config', { token: admin.token })).body;
    await app.http.post('/api/v1/auths/admin/config', { ...config, ENABLE_SIGNUP: true }, { token: admin.token });
  };

  it('stores the URL for admins only, and tells it of every sign-up without holding the sign-up up', () =>
    withApp({ RAG_WEB_FETCH_ALLOWED_ADDRESSES: '127.0.0.2' }, async (app) => {
      const admin = await signup(app, { name: 'Admin' });
      await openSignups(app, admin);
      assert.deepEqual((await app.http.get('/api/webhook', { token: admin.token })).body, { url: '' });
      const url = `http://127.0.0.2:${port}/hook`;
      const saved = await app.http.post('/api/webhook', { url }, { token: admin.token });
      assert.equal(saved.status, 200);
      assert.deepEqual(saved.body, { url });
      assert.deepEqual((await app.http.get('/api/webhook', { token: admin.token })).body, { url });

      const alice = await signup(app, { name: 'Alice' });
      assert.ok(await eventually(() => Promise.resolve(received.length === 1), 5_000));
      const [call] = received;
      assert.equal(call.path, '/hook');
      assert.equal(call.type, 'application/json');
      assert.equal(call.body.action, 'signup');
      assert.equal(call.body.message, 'New user signed up: Alice');
      const user = JSON.parse(call.body.user);
      assert.equal(user.id, alice.id);
      assert.equal(user.email, alice.email);
      assert.equal(user.password, undefined);

      // A receiver that fails costs the sign-up nothing.
      answerStatus = 500;
      assert.equal((await app.http.post('/api/v1/auths/signup', newAccount('Bob'))).status, 200);
      assert.ok(await eventually(() => Promise.resolve(received.length === 2), 5_000));
      answerStatus = 200;

      for (const token of [alice.token, undefined]) {
        assert.equal((await app.http.get('/api/webhook', { token })).status, 401);
        assert.equal((await app.http.post('/api/webhook', { url: 'https://evil.example' }, { token })).status, 401);
      }
      for (const bad of [{ url: 'ftp://example.com' }, { url: 'not a url' }, {}]) {
        const refused = await app.http.post('/api/webhook', bad, { token: admin.token });
        assert.equal(refused.status, 422, JSON.stringify(bad));
        assert.match(JSON.stringify(refused.body.detail), /url/);
      }
      assert.deepEqual((await app.http.post('/api/webhook', { url: '' }, { token: admin.token })).body, { url: '' });
    }));

  it('never posts to an internal address, and signs the user up all the same', () =>
    withApp({}, async (app) => {
      const admin = await signup(app, { name: 'Admin' });
      await openSignups(app, admin);
      await app.http.post('/api/webhook', { url: `http://127.0.0.2:${port}/internal` }, { token: admin.token });
      const before = received.length;
      assert.equal((await app.http.post('/api/v1/auths/signup', newAccount('Carol'))).status, 200);
      // Give a webhook that were (wrongly) sent the time the first test's took to arrive.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(received.length, before);
    }));
});

let accounts = 0;
const newAccount = (name: string) => ({
  name,
  email: `hook${++accounts}-${Date.now()}@example.com`,
  password: 'pw-secret-1',
});
