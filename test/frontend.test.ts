import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigValidationError, loadConfig } from '../src/config/load-config.js';
import { startApp, type TestApp } from './support/app.js';

const INDEX = '<!doctype html><html><body>open webui app</body></html>';

/** A stand-in for a built Open WebUI web app: index, a hashed asset, a plain file, a static image. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'webui-nest-spa-'));
  mkdirSync(join(dir, '_app/immutable/chunks'), { recursive: true });
  mkdirSync(join(dir, 'static'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, '_app/immutable/chunks/app.3f9a.js'), 'console.log(1)');
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *');
  writeFileSync(join(dir, 'static/favicon.png'), 'build-favicon');
  return dir;
}

describe('web app and static files', () => {
  describe('without FRONTEND_BUILD_DIR', () => {
    let app: TestApp;
    before(async () => (app = await startApp()));
    after(() => app.close());

    it('says at / where the API docs are', async () => {
      const response = await app.http.get('/');
      assert.equal(response.status, 200);
      assert.equal(response.body.docs, '/docs');
      assert.equal(response.body.openapi, '/openapi.json');
    });

    it('serves default /static images and the manifest', async () => {
      for (const name of ['favicon.png', 'splash.png', 'logo.png', 'user.png']) {
        const response = await fetch(`${app.url}/static/${name}`);
        assert.equal(response.status, 200, name);
        assert.equal(response.headers.get('content-type'), 'image/png');
        const bytes = Buffer.from(await response.arrayBuffer());
        assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
      }
      // Loaded by every page of the web app: with nosniff, a wrong type means the browser refuses them.
      for (const [name, type] of [
        ['loader.js', 'text/javascript; charset=utf-8'],
        ['custom.css', 'text/css; charset=utf-8'],
      ]) {
        const response = await fetch(`${app.url}/static/${name}`);
        assert.equal(response.status, 200, name);
        assert.equal(response.headers.get('content-type'), type);
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      }
      const manifest = await app.http.get('/manifest.json');
      assert.equal(manifest.body.name, 'Open WebUI');
      assert.equal(manifest.body.icons[0].src, '/static/logo.png');
      assert.equal((await app.http.get('/static/missing.png')).status, 404);
      assert.equal((await app.http.get('/static/..%2fpackage.json')).status, 404);
      assert.equal((await app.http.get('/c/123')).status, 404, 'no app, no fallback');
    });
  });

  describe('with FRONTEND_BUILD_DIR', () => {
    let app: TestApp;
    let build: string;
    before(async () => {
      build = fakeBuild();
      app = await startApp({ FRONTEND_BUILD_DIR: build });
    });
    after(async () => {
      await app.close();
      rmSync(build, { recursive: true, force: true });
    });

    it('answers / and client-side routes with index.html, never cached, with the security headers', async () => {
      for (const path of ['/', '/c/0a1b2c', '/auth', '/admin/settings/general']) {
        const response = await app.http.get(path);
        assert.equal(response.status, 200, path);
        assert.equal(response.text, INDEX);
        assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
        assert.match(response.headers.get('cache-control') ?? '', /no-cache/);
        assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      }
    });

    it('caches hashed assets for a year and plain files briefly', async () => {
      const hashed = await app.http.get('/_app/immutable/chunks/app.3f9a.js');
      assert.equal(hashed.status, 200);
      assert.equal(hashed.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      const plain = await app.http.get('/robots.txt');
      assert.equal(plain.text, 'User-agent: *');
      assert.equal(plain.headers.get('cache-control'), 'public, max-age=3600');
    });

    it('never answers API paths or missing assets with the app', async () => {
      const missingAsset = await app.http.get('/_app/immutable/chunks/gone.js');
      assert.equal(missingAsset.status, 404);
      assert.ok(missingAsset.body.detail);
      const missingApi = await app.http.get('/api/v1/nothing-here');
      assert.equal(missingApi.status, 404);
      assert.ok(missingApi.body.detail);
      assert.equal((await app.http.get('/api/version')).body.version, app.config.version);
      assert.equal((await app.http.post('/c/123', {})).status, 404);
      const escape = await app.http.get('/..%2f..%2fetc%2fpasswd');
      assert.ok(!escape.text.includes('root:'), 'nothing outside the build is served');
    });

    it('prefers the build’s /static files over the defaults', async () => {
      assert.equal((await app.http.get('/static/favicon.png')).text, 'build-favicon');
      assert.equal((await fetch(`${app.url}/static/splash.png`)).status, 200);
    });
  });

  it('refuses to start with a FRONTEND_BUILD_DIR that holds no index.html', () => {
    const empty = mkdtempSync(join(tmpdir(), 'webui-nest-empty-'));
    assert.throws(
      () => loadConfig({ WEBUI_SECRET_KEY: 'x', DATA_DIR: empty, FRONTEND_BUILD_DIR: empty }),
      (error: unknown) => error instanceof ConfigValidationError && /FRONTEND_BUILD_DIR/.test(error.message),
    );
    rmSync(empty, { recursive: true, force: true });
  });
});
