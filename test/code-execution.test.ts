import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Reachable } from './support/app.js';
import { appFixture } from './support/fixture.js';

const clientConfig = async (app: Reachable, token: string) =>
  (await app.http.get('/api/config', { cookie: `token=${token}` })).body;

const JUPYTER_FORM = {
  ENABLE_CODE_EXECUTION: true,
  CODE_EXECUTION_ENGINE: 'jupyter',
  CODE_EXECUTION_JUPYTER_URL: 'http://jupyter.internal:8888',
  CODE_EXECUTION_JUPYTER_AUTH: 'token',
  CODE_EXECUTION_JUPYTER_AUTH_TOKEN: 'jupyter-secret',
  CODE_EXECUTION_JUPYTER_AUTH_PASSWORD: '',
  CODE_EXECUTION_JUPYTER_TIMEOUT: 120,
  ENABLE_CODE_INTERPRETER: false,
  CODE_INTERPRETER_ENGINE: 'pyodide',
  CODE_INTERPRETER_PROMPT_TEMPLATE: 'Use <code_interpreter> tags.',
  CODE_INTERPRETER_JUPYTER_URL: '',
  CODE_INTERPRETER_JUPYTER_AUTH: '',
  CODE_INTERPRETER_JUPYTER_AUTH_TOKEN: '',
  CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD: '',
  CODE_INTERPRETER_JUPYTER_TIMEOUT: null,
};

describe('code execution (Admin → Settings → Code Execution)', () => {
  const t = appFixture({ CODE_EXECUTION_JUPYTER_TIMEOUT: '45' });
  const path = '/api/v1/configs/code_execution';
  const run = (token?: string) => t.app.http.post('/api/v1/utils/code/execute', { code: 'print(6 * 7)' }, { token });

  it('shows the env-seeded settings, Pyodide by default', async () => {
    const seeded = (await t.app.http.get(path, { token: t.cast.admin.token })).body;
    assert.equal(seeded.ENABLE_CODE_EXECUTION, true);
    assert.equal(seeded.CODE_EXECUTION_ENGINE, 'pyodide');
    assert.equal(seeded.CODE_EXECUTION_JUPYTER_TIMEOUT, 45);
    assert.equal(seeded.CODE_INTERPRETER_JUPYTER_TIMEOUT, 45, 'falls back to code execution’s, as upstream');
    assert.equal(seeded.CODE_INTERPRETER_PROMPT_TEMPLATE, '');
    assert.deepEqual(Object.keys(seeded).sort(), Object.keys(JUPYTER_FORM).sort());
    const config = await clientConfig(t.app, t.cast.user.token);
    assert.deepEqual(config.code, { engine: 'pyodide' });
    assert.equal(config.features.enable_code_execution, true);
    assert.equal(config.features.enable_code_interpreter, true);
    // Pyodide runs in the browser: asking the server to run code is upstream's 400.
    const refused = await run(t.cast.user.token);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.detail, 'Code execution engine not supported');
  });

  it('saves the form, and /api/config and the run route follow it', async () => {
    const admin = t.cast.admin.token;
    const saved = await t.app.http.post(path, JUPYTER_FORM, { token: admin });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body, JUPYTER_FORM);
    assert.deepEqual((await t.app.http.get(path, { token: admin })).body, JUPYTER_FORM);
    const config = await clientConfig(t.app, t.cast.user.token);
    assert.deepEqual(config.code, { engine: 'jupyter' });
    assert.equal(config.features.enable_code_interpreter, false);
    const exported = (await t.app.http.get('/api/v1/configs/export', { token: admin })).body;
    assert.equal(exported.code_execution.jupyter.url, 'http://jupyter.internal:8888');
    assert.equal(exported.code_interpreter.enable, false);

    const jupyter = await run(t.cast.user.token);
    assert.equal(jupyter.status, 400);
    assert.match(jupyter.body.detail, /Jupyter at http:\/\/jupyter\.internal:8888 is not available on this server/);

    await t.app.http.post(path, { ...JUPYTER_FORM, ENABLE_CODE_EXECUTION: false }, { token: admin });
    assert.equal((await clientConfig(t.app, t.cast.user.token)).features.enable_code_execution, false);
    assert.match((await run(t.cast.user.token)).body.detail, /Code execution is turned off/);
  });

  it('refuses bad forms and callers', async () => {
    const admin = t.cast.admin.token;
    const before = (await t.app.http.get(path, { token: admin })).body;
    for (const bad of [
      { ...JUPYTER_FORM, CODE_EXECUTION_ENGINE: 'docker' },
      { ...JUPYTER_FORM, CODE_EXECUTION_JUPYTER_TIMEOUT: 0 },
      { ...JUPYTER_FORM, CODE_EXECUTION_JUPYTER_AUTH: 'kerberos' },
      { ...JUPYTER_FORM, ENABLE_CODE_EXECUTION: undefined },
      { ...JUPYTER_FORM, CODE_INTERPRETER_PROMPT_TEMPLATE: 7 },
    ]) {
      assert.equal((await t.app.http.post(path, bad, { token: admin })).status, 422, JSON.stringify(bad));
    }
    assert.deepEqual((await t.app.http.get(path, { token: admin })).body, before, 'refusals change nothing');
    assert.equal((await t.app.http.post('/api/v1/utils/code/execute', {}, { token: admin })).status, 422);
    for (const token of [t.cast.user.token, t.cast.pending.token, undefined]) {
      assert.equal((await t.app.http.get(path, { token })).status, 401);
      assert.equal((await t.app.http.post(path, JUPYTER_FORM, { token })).status, 401);
    }
    for (const token of [t.cast.pending.token, undefined]) assert.equal((await run(token)).status, 401);
  });
});
