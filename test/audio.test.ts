import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Reachable } from './support/app.js';
import { appFixture } from './support/fixture.js';

const clientConfig = async (app: Reachable, token: string) =>
  (await app.http.get('/api/config', { cookie: `token=${token}` })).body;

/** The form as the web app's Audio page sends it. */
const FORM = {
  tts: {
    OPENAI_API_BASE_URL: 'https://speech.example/v1',
    OPENAI_API_KEY: 'sk-speech',
    OPENAI_PARAMS: { speed: 1.2 },
    API_KEY: '',
    ENGINE: 'openai',
    MODEL: 'tts-1-hd',
    VOICE: 'nova',
    AZURE_SPEECH_REGION: '',
    AZURE_SPEECH_BASE_URL: '',
    AZURE_SPEECH_OUTPUT_FORMAT: 'audio-24khz-160kbitrate-mono-mp3',
    SPLIT_ON: 'paragraphs',
  },
  stt: {
    OPENAI_API_BASE_URL: 'https://speech.example/v1',
    OPENAI_API_KEY: 'sk-speech',
    ENGINE: 'deepgram',
    MODEL: 'nova-2',
    SUPPORTED_CONTENT_TYPES: ['audio/webm', ' audio/wav ', ''],
    WHISPER_MODEL: 'base',
    DEEPGRAM_API_KEY: 'dg-key',
    AZURE_API_KEY: '',
    AZURE_REGION: '',
    AZURE_LOCALES: '',
    AZURE_BASE_URL: '',
    AZURE_MAX_SPEAKERS: '',
    MISTRAL_API_KEY: '',
    MISTRAL_API_BASE_URL: 'https://api.mistral.ai/v1',
    MISTRAL_USE_CHAT_COMPLETIONS: false,
  },
};

describe('audio (Admin → Settings → Audio)', () => {
  const t = appFixture({ AUDIO_TTS_VOICE: 'echo' });
  const speak = (token?: string) =>
    t.app.http.post('/api/v1/audio/speech', { input: 'Hello', voice: 'nova' }, { token });
  const transcribe = (token?: string) =>
    t.app.http.request('POST', '/api/v1/audio/transcriptions', undefined, {
      token,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      raw: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.webm"\r\n\r\nabc\r\n--x--\r\n',
    });

  it('shows the env-seeded settings in upstream’s shape; the browser speaks by default', async () => {
    const config = (await t.app.http.get('/api/v1/audio/config', { token: t.cast.admin.token })).body;
    assert.deepEqual(Object.keys(config.tts).sort(), Object.keys(FORM.tts).sort());
    assert.deepEqual(Object.keys(config.stt).sort(), Object.keys(FORM.stt).sort());
    assert.equal(config.tts.ENGINE, '');
    assert.equal(config.tts.VOICE, 'echo');
    assert.equal(config.tts.MODEL, 'tts-1');
    assert.equal(config.stt.ENGINE, '');
    assert.equal(config.stt.WHISPER_MODEL, 'base');
    const client = await clientConfig(t.app, t.cast.user.token);
    assert.deepEqual(client.audio, {
      tts: { engine: '', voice: 'echo', split_on: 'punctuation' },
      stt: { engine: '' },
    });
    assert.deepEqual((await t.app.http.get('/api/v1/audio/models', { token: t.cast.user.token })).body, { models: [] });

    const spoken = await speak(t.cast.user.token);
    assert.equal(spoken.status, 400);
    assert.match(spoken.body.detail, /browser's Web API/);
    const heard = await transcribe(t.cast.user.token);
    assert.equal(heard.status, 400);
    assert.match(heard.body.detail, /Speech-to-text with Whisper \(local\) is not available on this server/);
  });

  it('saves the form, and /api/config, the model and voice lists and the speech routes follow it', async () => {
    const admin = t.cast.admin.token;
    const saved = await t.app.http.post('/api/v1/audio/config/update', FORM, { token: admin });
    assert.equal(saved.status, 200, saved.text);
    const expected = { ...FORM, stt: { ...FORM.stt, SUPPORTED_CONTENT_TYPES: ['audio/webm', 'audio/wav'] } };
    assert.deepEqual(saved.body, expected);
    assert.deepEqual((await t.app.http.get('/api/v1/audio/config', { token: admin })).body, expected);
    const exported = (await t.app.http.get('/api/v1/configs/export', { token: admin })).body;
    assert.equal(exported.audio.tts.engine, 'openai');
    assert.equal(exported.audio.stt.deepgram.api_key, 'dg-key');

    const client = await clientConfig(t.app, t.cast.user.token);
    assert.deepEqual(client.audio, {
      tts: { engine: 'openai', voice: 'nova', split_on: 'paragraphs' },
      stt: { engine: 'deepgram' },
    });
    const user = t.cast.user.token;
    assert.deepEqual((await t.app.http.get('/api/v1/audio/models', { token: user })).body, {
      models: [{ id: 'tts-1' }, { id: 'tts-1-hd' }],
    });
    const voices = (await t.app.http.get('/api/v1/audio/voices', { token: user })).body.voices;
    assert.deepEqual(
      voices.map((voice: { id: string }) => voice.id),
      ['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer'],
    );
    assert.match((await speak(user)).body.detail, /Text-to-speech with OpenAI is not available on this server yet/);
    assert.match((await transcribe(user)).body.detail, /Speech-to-text with Deepgram is not available/);

    // A partial form keeps the fields it leaves out.
    const partial = await t.app.http.post(
      '/api/v1/audio/config/update',
      { tts: { ENGINE: '' }, stt: { ENGINE: 'web' } },
      { token: admin },
    );
    assert.equal(partial.body.tts.VOICE, 'nova');
    assert.equal(partial.body.stt.DEEPGRAM_API_KEY, 'dg-key');
    assert.match((await transcribe(user)).body.detail, /AUDIO_STT_ENGINE=web/);
  });

  it('refuses bad forms and callers', async () => {
    const admin = t.cast.admin.token;
    const before = (await t.app.http.get('/api/v1/audio/config', { token: admin })).body;
    for (const bad of [
      {},
      { tts: FORM.tts },
      { ...FORM, tts: { ...FORM.tts, ENGINE: 'espeak' } },
      { ...FORM, tts: { ...FORM.tts, SPLIT_ON: 'words' } },
      { ...FORM, tts: { ...FORM.tts, OPENAI_PARAMS: 'fast' } },
      { ...FORM, stt: { ...FORM.stt, SUPPORTED_CONTENT_TYPES: 'audio/webm' } },
      { ...FORM, stt: { ...FORM.stt, MISTRAL_USE_CHAT_COMPLETIONS: 'no' } },
    ]) {
      const refused = await t.app.http.post('/api/v1/audio/config/update', bad, { token: admin });
      assert.equal(refused.status, 422, JSON.stringify(bad));
    }
    assert.deepEqual((await t.app.http.get('/api/v1/audio/config', { token: admin })).body, before);
    assert.equal((await t.app.http.post('/api/v1/audio/speech', { voice: 'nova' }, { token: admin })).status, 422);

    for (const token of [t.cast.user.token, t.cast.pending.token, undefined]) {
      assert.equal((await t.app.http.get('/api/v1/audio/config', { token })).status, 401);
      assert.equal((await t.app.http.post('/api/v1/audio/config/update', FORM, { token })).status, 401);
    }
    for (const token of [t.cast.pending.token, undefined]) {
      assert.equal((await t.app.http.get('/api/v1/audio/models', { token })).status, 401);
      assert.equal((await t.app.http.get('/api/v1/audio/voices', { token })).status, 401);
      assert.equal((await speak(token)).status, 401);
      assert.equal((await transcribe(token)).status, 401);
    }
  });
});
