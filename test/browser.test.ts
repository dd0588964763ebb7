import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApp, type TestApp } from './support/app.js';
import { signup, type TestUser } from './support/factories.js';
import { freePort } from './support/processes.js';
import { launchBrowser } from './support/webapp.js';

// The package's exports hide its browser bundle; it sits in dist/ next to the package entry.
const SOCKET_IO_CLIENT = join(
  dirname(createRequire(import.meta.url).resolve('socket.io-client/package.json')),
  'dist/socket.io.min.js',
);

/**
 * The page signs in, proves the session cookie works on its own, opens the socket, joins, and waits
 * for an event, as the SPA does — but from another origin, so CORS and cookies are exercised too.
 */
const PAGE = `<!doctype html><html><body><script src="/socket.io.min.js"></script><script>
window.runSession = async (api, email, password) => {
  const json = { 'content-type': 'application/json' };
  const signin = await fetch(api + '/api/v1/auths/signin', {
    method: 'POST', credentials: 'include', headers: json, body: JSON.stringify({ email, password }),
  });
  const session = await signin.json();
  const byCookie = await fetch(api + '/api/v1/auths/', { credentials: 'include' });
  const me = await byCookie.json();
  const socket = io(api, { path: '/ws/socket.io', transports: ['websocket'], auth: { token: session.token } });
  await new Promise((resolve, reject) => { socket.on('connect', resolve); socket.on('connect_error', reject); });
  const version = await (await fetch(api + '/api/version')).json();
  const ack = await socket.timeout(3000).emitWithAck('user-join', { auth: { token: session.token } });
  const changed = new Promise((resolve) => socket.once('chats:changed', resolve));
  const created = await fetch(api + '/api/v1/chats/new', {
    method: 'POST', credentials: 'include', headers: json, body: JSON.stringify({ chat: { title: 'From a browser' } }),
  });
  const event = await changed;
  socket.close();
  return { signin: signin.status, byCookie: byCookie.status, me: me.email, version: version.version, ack,
    created: created.status, event, chatId: (await created.json()).id };
};
window.tryFetch = (url) => fetch(url, { credentials: 'include' }).then((r) => r.status, (e) => 'blocked: ' + e.message);
</script></body></html>`;

describe('a real browser (headless Chromium) against the server', () => {
  let app: TestApp;
  let pages: Server;
  let browser: Browser;
  let pageOrigin: string;
  let user: TestUser;

  before(async () => {
    const port = await freePort();
    pageOrigin = `http://127.0.0.1:${port}`;
    pages = createServer((req, res) => {
      if (req.url === '/socket.io.min.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript' });
        res.end(readFileSync(SOCKET_IO_CLIENT));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(PAGE);
    });
    await new Promise<void>((resolve) => pages.listen(port, '127.0.0.1', resolve));
    // Only the test page's origin may call the API with credentials.
    app = await startApp({ CORS_ALLOW_ORIGIN: pageOrigin });
    user = await signup(app, { name: 'Browser User' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    pages?.close();
  });

  it('signs in, uses the session cookie, opens the socket and receives its events', async () => {
    const page = await browser.newPage();
    await page.goto(pageOrigin);
    const result = await page.evaluate(
      ([api, email, password]) =>
        (globalThis as unknown as { runSession: (...a: string[]) => Promise<Record<string, unknown>> }).runSession(
          api,
          email,
          password,
        ),
      [app.url, user.email, user.password],
    );
    assert.equal(result.signin, 200);
    assert.equal(result.byCookie, 200, 'the HttpOnly cookie alone authenticates a cross-origin request');
    assert.equal(result.me, user.email);
    assert.equal(result.version, app.config.version);
    assert.deepEqual(result.ack, { id: user.id, name: 'Browser User' });
    assert.equal(result.created, 200);
    assert.deepEqual(result.event, { chat_id: result.chatId, action: 'created' });
    const cookies = await page.context().cookies(app.url);
    const token = cookies.find((cookie) => cookie.name === 'token');
    assert.ok(token?.httpOnly, 'the session cookie is HttpOnly');
    await page.close();
  });

  it('refuses credentials to an origin CORS does not allow', async () => {
    const page = await browser.newPage();
    // Same server, other origin: `localhost` is not the allowed `127.0.0.1`.
    await page.goto(pageOrigin.replace('127.0.0.1', 'localhost'));
    const status = await page.evaluate(
      (url) => (globalThis as unknown as { tryFetch: (u: string) => Promise<unknown> }).tryFetch(url),
      `${app.url}/api/version`,
    );
    assert.match(String(status), /^blocked/);
    await page.close();
  });
});
