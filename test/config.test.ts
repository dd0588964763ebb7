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
