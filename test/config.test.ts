import { availableParallelism } from 'node:os';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigValidationError, loadConfig } from '../src/config/load-config.js';
import { parseDuration } from '../src/config/env-parsers.js';

describe('configuration', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'webui-config-'));

  it('names every bad variable at once', () => {
    assert.throws(
      () =>
        loadConfig({
          DATA_DIR: dataDir,
          PORT: 'eighty',
          ENABLE_SIGNUP: 'maybe',
          DEFAULT_USER_ROLE: 'root',
          JWT_EXPIRES_IN: 'soon',
          DATABASE_URL: 'mysql://x',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigValidationError);
        const text = error.message;
        for (const name of ['PORT', 'ENABLE_SIGNUP', 'DEFAULT_USER_ROLE', 'JWT_EXPIRES_IN', 'DATABASE_URL']) {
          assert.match(text, new RegExp(name));
        }
        return true;
      },
    );
  });

  it('reads Open WebUI names, aliases and defaults', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      WEBUI_SECRET_KEY: 's',
      DATABASE_URL: 'postgres://u:p@db:5432/webui',
      DATABASE_POOL_SIZE: '7',
      ENABLE_API_KEY_ENDPOINT_RESTRICTIONS: 'true',
      API_KEY_ALLOWED_ENDPOINTS: '/api/models',
      USER_PERMISSIONS_CHAT_DELETE: 'false',
      USER_PERMISSIONS_WORKSPACE_MODELS_ACCESS: 'true',
      USER_PERMISSIONS_FEATURES_API_KEYS: 'True',
      CORS_ALLOW_ORIGIN: 'https://a.example;https://b.example',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.database.type, 'postgres');
    assert.equal(config.database.url, 'postgresql://u:p@db:5432/webui');
    assert.equal(config.database.poolSize, 7);
    assert.equal(config.settings.apiKeyEndpointRestrictions, true);
    assert.equal(config.settings.apiKeysAllowedEndpoints, '/api/models');
    assert.equal(config.settings.permissions.chat.delete, false);
    assert.equal(config.settings.permissions.workspace.models, true);
    assert.equal(config.settings.permissions.features.api_keys, true);
    assert.deepEqual(config.corsAllowOrigins, ['https://a.example', 'https://b.example']);
    assert.equal(config.settings.defaultUserRole, 'pending');
    assert.equal(config.settings.jwtExpiresIn, '4w');
  });

  it('seeds the admin pages’ settings from Open WebUI’s variables, naming bad JSON ones', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      WEBUI_SECRET_KEY: 's',
      OPENAI_API_BASE_URL: 'https://llm.example/v1/',
      OPENAI_API_KEY: 'sk-main',
      CODE_EXECUTION_ENGINE: 'jupyter',
      CODE_EXECUTION_JUPYTER_URL: 'http://jupyter:8888',
      CODE_EXECUTION_JUPYTER_TIMEOUT: '30',
      ENABLE_CODE_INTERPRETER: 'false',
      AUDIO_TTS_ENGINE: 'openai',
      AUDIO_TTS_VOICE: 'nova',
      AUDIO_STT_ENGINE: 'web',
      AUDIO_STT_SUPPORTED_CONTENT_TYPES: 'audio/wav, audio/webm',
      ENABLE_IMAGE_GENERATION: 'true',
      IMAGE_GENERATION_ENGINE: 'comfyui',
      COMFYUI_BASE_URL: 'http://comfy:8188',
      TOOL_SERVER_CONNECTIONS: '[{"url":"https://tools.example","path":"openapi.json","config":{"enable":true}}]',
      ENABLE_DIRECT_CONNECTIONS: 'true',
    });
    const { codeExecution, tts, stt, images } = config.settings;
    assert.equal(codeExecution.CODE_EXECUTION_ENGINE, 'jupyter');
    assert.equal(codeExecution.CODE_EXECUTION_JUPYTER_TIMEOUT, 30);
    // The interpreter's Jupyter settings fall back to code execution's, as upstream.
    assert.equal(codeExecution.CODE_INTERPRETER_JUPYTER_URL, 'http://jupyter:8888');
    assert.equal(codeExecution.CODE_INTERPRETER_JUPYTER_TIMEOUT, 30);
    assert.equal(codeExecution.ENABLE_CODE_INTERPRETER, false);
    assert.equal(tts.ENGINE, 'openai');
    assert.equal(tts.VOICE, 'nova');
    assert.equal(tts.OPENAI_API_BASE_URL, 'https://llm.example/v1');
    assert.equal(tts.OPENAI_API_KEY, 'sk-main');
    assert.deepEqual(stt.SUPPORTED_CONTENT_TYPES, ['audio/wav', 'audio/webm']);
    assert.equal(stt.ENGINE, 'web');
    assert.equal(images.ENABLE_IMAGE_GENERATION, true);
    assert.equal(images.IMAGE_GENERATION_ENGINE, 'comfyui');
    assert.equal(images.IMAGES_OPENAI_API_KEY, 'sk-main');
    assert.match(images.COMFYUI_WORKFLOW, /KSampler/);
    assert.equal(config.settings.toolServerConnections[0].url, 'https://tools.example');
    assert.equal(config.settings.enableDirectConnections, true);
    assert.equal(config.settings.promptSuggestions.length, 4);

    const bad = {
      DATA_DIR: dataDir,
      DEFAULT_PROMPT_SUGGESTIONS: '[{"title":"one line"}]',
      TOOL_SERVER_CONNECTIONS: '{not json',
      AUDIO_TTS_ENGINE: 'espeak',
      CODE_EXECUTION_ENGINE: 'docker',
      IMAGE_GENERATION_ENGINE: 'midjourney',
      AUDIO_TTS_OPENAI_PARAMS: '[1]',
    };
    assert.throws(
      () => loadConfig(bad),
      (error: unknown) => {
        assert.ok(error instanceof ConfigValidationError);
        for (const name of Object.keys(bad).filter((name) => name !== 'DATA_DIR')) {
          assert.match(error.message, new RegExp(name));
        }
        return true;
      },
    );
  });

  it('generates WEBUI_SECRET_KEY once and keeps it in DATA_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'webui-secret-'));
    try {
      const first = loadConfig({ DATA_DIR: dir }).secretKey;
      assert.ok(first.length >= 40);
      assert.equal(readFileSync(join(dir, '.webui_secret_key'), 'utf8'), first);
      assert.equal(loadConfig({ DATA_DIR: dir }).secretKey, first);
      assert.equal(loadConfig({ DATA_DIR: dir, WEBUI_SECRET_KEY: 'explicit' }).secretKey, 'explicit');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves one libuv thread free for bcrypt by default, uses no more than the CPUs, and refuses more slots than threads', () => {
    const auth = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, WEBUI_SECRET_KEY: 's', ...env }).auth;
    assert.equal(auth({}).bcryptConcurrency, Math.min(3, availableParallelism()));
    assert.equal(auth({ UV_THREADPOOL_SIZE: '64' }).bcryptConcurrency, Math.min(63, availableParallelism()));
    assert.equal(auth({}).bcryptQueueLimit, 1000);
    assert.equal(auth({ UV_THREADPOOL_SIZE: '1' }).bcryptConcurrency, 1);
    assert.equal(auth({ UV_THREADPOOL_SIZE: '16', BCRYPT_CONCURRENCY: '8' }).bcryptConcurrency, 8);
    assert.throws(() => auth({ BCRYPT_CONCURRENCY: '5' }), /BCRYPT_CONCURRENCY must be an integer in 1\.\.4/);
    assert.throws(() => auth({ BCRYPT_CONCURRENCY: '0' }), /BCRYPT_CONCURRENCY/);
    assert.throws(() => auth({ BCRYPT_QUEUE_LIMIT: '-1' }), /BCRYPT_QUEUE_LIMIT/);
  });

  it('parses JWT_EXPIRES_IN durations', () => {
    assert.equal(parseDuration('-1'), null);
    assert.equal(parseDuration('0'), null);
    assert.equal(parseDuration('4w'), 4 * 604800);
    assert.equal(parseDuration('1d12h'), 86400 + 12 * 3600);
    assert.equal(parseDuration('1.5h'), 5400);
    assert.equal(parseDuration('4 weeks'), undefined);
    assert.equal(parseDuration(''), undefined);
  });
});
