import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startApp, type TestApp } from './support/app.js';
import { signup, type TestUser } from './support/factories.js';

const run = promisify(execFile);
// dist/test -> the repository root.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SDK = join(ROOT, 'sdk');

/** sdk/ as another project uses it: built on its own, its example run with plain Node. */
describe('the SDK package', () => {
  let app: TestApp;
  let admin: TestUser;

  before(async () => {
    app = await startApp();
    admin = await signup(app, { name: 'Admin' });
    await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(SDK, 'tsconfig.json')]);
  });
  after(() => app?.close());

  it('builds on its own and its quickstart example runs as written', async () => {
    const { stdout } = await run(process.execPath, [join(SDK, 'examples/quickstart.mjs')], {
      env: { ...process.env, WEBUI_URL: app.url, WEBUI_EMAIL: admin.email, WEBUI_PASSWORD: admin.password },
    });
    assert.match(stdout, /^models: /m);
    const saved = /^saved chat (\S+): Hello from the SDK$/m.exec(stdout);
    assert.ok(saved, stdout);
    const chat = await app.http.get(`/api/v1/chats/${saved[1]}`, { token: admin.token });
    assert.equal(chat.body.title, 'Hello from the SDK');
  });

  it('fails with the server’s reason when the sign-in is wrong', async () => {
    const failed = await run(process.execPath, [join(SDK, 'examples/quickstart.mjs')], {
      env: { ...process.env, WEBUI_URL: app.url, WEBUI_EMAIL: admin.email, WEBUI_PASSWORD: 'wrong' },
    }).catch((error: { code: number; stderr: string }) => error);
    assert.ok('code' in failed && failed.code !== 0);
    assert.match((failed as { stderr: string }).stderr, /sign-in failed: .*incorrect/);
  });
});
