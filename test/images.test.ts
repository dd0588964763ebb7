import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Reachable } from './support/app.js';
import { appFixture } from './support/fixture.js';

const clientConfig = async (app: Reachable, token: string) =>
  (await app.http.get('/api/config', { cookie: `token=${token}` })).body;

describe('images (Admin → Settings → Images)', () => {
  const t = appFixture({ IMAGE_SIZE: '1024x1024' });
  const path = '/api/v1/images/config';
  const generate = (token?: string) =>
    t.app.http.post('/api/v1/images/generations', { prompt: 'A lighthouse at dusk' }, { token });
  const current = async () => (await t.app.http.get(path, { token: t.cast.admin.token })).body;

  it('shows every upstream key, seeded from the environment', async () => {
    const config = await current();
    assert.equal(config.ENABLE_IMAGE_GENERATION, false);
    assert.equal(config.IMAGE_GENERATION_ENGINE, 'openai');
    assert.equal(config.IMAGE_SIZE, '1024x1024');
    assert.equal(config.IMAGE_STEPS, 50);
    assert.deepEqual(config.COMFYUI_WORKFLOW_NODES, []);
    assert.deepEqual(config.IMAGES_OPENAI_API_PARAMS, {});
    assert.match(config.COMFYUI_WORKFLOW, /CheckpointLoaderSimple/);
    for (const key of ['IMAGES_EDIT_COMFYUI_WORKFLOW_NODES', 'IMAGE_EDIT_ENGINE', 'IMAGES_GEMINI_ENDPOINT_METHOD']) {
      assert.ok(key in config, key);
    }
    assert.equal((await clientConfig(t.app, t.cast.user.token)).features.enable_image_generation, false);
    const refused = await generate(t.cast.user.token);
    assert.equal(refused.status, 400);
    assert.match(refused.body.detail, /Image generation is turned off/);
  });

  it('saves the page’s form; /api/config, the model list and generation follow it', async () => {
    const admin = t.cast.admin.token;
    const form = {
      ...(await current()),
      ENABLE_IMAGE_GENERATION: true,
      IMAGE_GENERATION_MODEL: 'gpt-image-1',
      IMAGE_SIZE: 'auto',
      IMAGE_STEPS: 30,
      IMAGES_OPENAI_API_PARAMS: { quality: 'high' },
      COMFYUI_BASE_URL: 'http://comfyui:8188/',
      COMFYUI_WORKFLOW_NODES: [{ type: 'prompt', key: 'text', node_ids: ['6'] }],
    };
    const saved = await t.app.http.post(`${path}/update`, form, { token: admin });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body, { ...form, COMFYUI_BASE_URL: 'http://comfyui:8188' });
    assert.deepEqual(await current(), saved.body);
    const exported = (await t.app.http.get('/api/v1/configs/export', { token: admin })).body;
    assert.equal(exported.image_generation.size, 'auto');
    assert.deepEqual(exported.image_generation.comfyui.nodes, form.COMFYUI_WORKFLOW_NODES);

    assert.equal((await clientConfig(t.app, t.cast.user.token)).features.enable_image_generation, true);
    const models = (await t.app.http.get('/api/v1/images/models', { token: t.cast.user.token })).body;
    assert.deepEqual(
      models.map((model: { id: string }) => model.id),
      ['dall-e-2', 'dall-e-3', 'gpt-image-1'],
    );
    assert.equal((await t.app.http.get(`${path}/url/verify`, { token: admin })).body, true);
    const refused = await generate(t.cast.user.token);
    assert.equal(refused.status, 400);
    assert.match(refused.body.detail, /Image generation with OpenAI is not available on this server yet/);

    // Engines this server would have to call are stored, and say so when used.
    const comfy = await t.app.http.post(
      `${path}/update`,
      { ENABLE_IMAGE_GENERATION: true, IMAGE_GENERATION_ENGINE: 'comfyui' },
      { token: admin },
    );
    assert.equal(comfy.body.IMAGE_STEPS, 30, 'fields left out keep their values');
    assert.deepEqual((await t.app.http.get('/api/v1/images/models', { token: admin })).body, []);
    const verify = await t.app.http.get(`${path}/url/verify`, { token: admin });
    assert.equal(verify.status, 400);
    assert.match(verify.body.detail, /Connecting to ComfyUI is not available on this server yet/);
    assert.match((await generate(t.cast.user.token)).body.detail, /with ComfyUI is not available/);
  });

  it('refuses sizes and steps as upstream does, bad forms and callers', async () => {
    const admin = t.cast.admin.token;
    const before = await current();
    const formats: [Record<string, unknown>, string][] = [
      [{ IMAGE_SIZE: 'big' }, 'Invalid format. Please use the correct format  (e.g., 512x512).'],
      [
        { IMAGE_SIZE: 'auto', IMAGE_GENERATION_MODEL: 'dall-e-3' },
        'Invalid format. Please use the correct format  (auto is only allowed with models matching ^gpt-image).',
      ],
      [{ IMAGE_STEPS: -1 }, 'Invalid format. Please use the correct format  (e.g., 50).'],
    ];
    for (const [change, detail] of formats) {
      const refused = await t.app.http.post(`${path}/update`, { ...before, ...change }, { token: admin });
      assert.equal(refused.status, 400, JSON.stringify(change));
      assert.equal(refused.body.detail, detail);
    }
    for (const bad of [
      {},
      { ...before, IMAGE_GENERATION_ENGINE: 'midjourney' },
      { ...before, COMFYUI_WORKFLOW_NODES: null },
      { ...before, COMFYUI_WORKFLOW_NODES: [{ type: 'prompt' }] },
      { ...before, IMAGES_OPENAI_API_PARAMS: [1] },
      { ...before, IMAGE_STEPS: 'many' },
    ]) {
      assert.equal((await t.app.http.post(`${path}/update`, bad, { token: admin })).status, 422, JSON.stringify(bad));
    }
    assert.deepEqual(await current(), before, 'refusals change nothing');
    assert.equal((await t.app.http.post('/api/v1/images/generations', {}, { token: admin })).status, 422);

    for (const token of [t.cast.user.token, t.cast.pending.token, undefined]) {
      assert.equal((await t.app.http.get(path, { token })).status, 401);
      assert.equal((await t.app.http.post(`${path}/update`, before, { token })).status, 401);
      assert.equal((await t.app.http.get(`${path}/url/verify`, { token })).status, 401);
    }
    for (const token of [t.cast.pending.token, undefined]) {
      assert.equal((await t.app.http.get('/api/v1/images/models', { token })).status, 401);
      assert.equal((await generate(token)).status, 401);
    }
  });
});
