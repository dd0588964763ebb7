import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from './support/app.js';
import { createApiKey, enableApiKeys, newUser, type seedUsers } from './support/factories.js';
import { appFixture, startWithProviders } from './support/fixture.js';
import { sseData } from './support/providers.js';

const NOT_FOUND = "We could not find what you're looking for :/";
const BASE = '/api/v1/evaluations';

/** A rating as the web app sends it when thumbs-up is clicked on an answer. */
function ratingForm(model = 'gpt-test', rating = 1, extra: Record<string, unknown> = {}) {
  return {
    type: 'rating',
    data: { rating, model_id: model, ...extra },
    meta: { arena: false, model_id: model, message_id: 'm-2', message_index: 2, chat_id: 'c-1', base_models: {} },
    snapshot: {
      chat: {
        id: 'c-1',
        title: 'Capitals',
        chat: {
          history: {
            messages: {
              'm-1': { id: 'm-1', role: 'user', content: 'Capital of Freedonia?', childrenIds: ['m-2'] },
              'm-2': { id: 'm-2', parentId: 'm-1', role: 'assistant', content: 'Fredville.' },
            },
          },
        },
      },
    },
  };
}

async function rate(app: TestApp, token: string, form: Record<string, unknown> = ratingForm()) {
  const response = await app.http.post(`${BASE}/feedback`, form, { token });
  assert.equal(response.status, 200, response.text);
  return response.body as Record<string, any>;
}

describe('message feedback', () => {
  const fixture = appFixture();

  it('stores a rating with its chat snapshot, takes the details, and reads it back', async () => {
    const { app, cast } = fixture;
    const form = ratingForm();
    const created = await rate(app, cast.user.token, form);
    assert.equal(typeof created.id, 'string');
    assert.equal(created.user_id, cast.user.id);
    assert.equal(created.version, 0);
    assert.equal(created.type, 'rating');
    // Upstream stores the rating's typed keys, null when not given.
    assert.deepEqual(created.data, {
      rating: 1,
      model_id: 'gpt-test',
      sibling_model_ids: null,
      reason: null,
      comment: null,
    });
    assert.deepEqual(created.meta, form.meta);
    assert.deepEqual(created.snapshot, form.snapshot);
    assert.equal(created.created_at, created.updated_at);
    assert.ok(Math.abs(created.created_at - Date.now() / 1000) < 60);
    const read = await app.http.get(`${BASE}/feedback/${created.id}`, { token: cast.user.token });
    assert.deepEqual(read.body, created);

    // The details (the 1–10 rating, reason, comment, tags) replace `data`; an empty meta keeps it.
    const details = {
      type: 'rating',
      data: {
        rating: 1,
        model_id: 'gpt-test',
        sibling_model_ids: ['llama3'],
        reason: 'accurate_information',
        comment: 'Spot on.',
        tags: ['geography'],
        details: { rating: 9 },
      },
      meta: {},
    };
    const updated = await app.http.post(`${BASE}/feedback/${created.id}`, details, { token: cast.user.token });
    assert.equal(updated.status, 200, updated.text);
    assert.deepEqual(updated.body.data, details.data);
    assert.deepEqual(updated.body.meta, form.meta);
    assert.deepEqual(updated.body.snapshot, form.snapshot);
    assert.equal(updated.body.created_at, created.created_at);
    assert.ok(updated.body.updated_at >= created.updated_at);
    const newMeta = await app.http.post(
      `${BASE}/feedback/${created.id}`,
      { type: 'rating', meta: { chat_id: 'c-2' }, snapshot: { chat: { id: 'c-2' } } },
      { token: cast.user.token },
    );
    assert.deepEqual(newMeta.body.data, details.data, 'data stays when the form has none');
    assert.deepEqual(newMeta.body.meta, { chat_id: 'c-2' });
    assert.deepEqual(newMeta.body.snapshot, { chat: { id: 'c-2' } });

    const mine = await app.http.get(`${BASE}/feedbacks/user`, { token: cast.user.token });
    assert.equal(mine.status, 200);
    assert.deepEqual(
      (mine.body as any[]).map((item) => item.id),
      [created.id],
    );
    assert.equal('snapshot' in mine.body[0], false, 'lists leave the chat snapshot out');
    assert.deepEqual(mine.body[0].data, details.data);

    const deleted = await app.http.delete(`${BASE}/feedback/${created.id}`, { token: cast.user.token });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body, true);
    const gone = await app.http.get(`${BASE}/feedback/${created.id}`, { token: cast.user.token });
    assert.deepEqual([gone.status, gone.body], [404, { detail: NOT_FOUND }]);
    assert.equal((await app.http.delete(`${BASE}/feedback/${created.id}`, { token: cast.user.token })).status, 404);
  });

  it('answers "missing" and "not yours" alike; admins reach everyone’s; pending users none', async () => {
    const { app, cast } = fixture;
    const theirs = await rate(app, cast.user.token);
    const path = `${BASE}/feedback/${theirs.id}`;
    const missing = `${BASE}/feedback/no-such-feedback`;
    const form = ratingForm('gpt-test', -1);
    const asOther = [
      await app.http.get(path, { token: cast.other.token }),
      await app.http.post(path, form, { token: cast.other.token }),
      await app.http.delete(path, { token: cast.other.token }),
    ];
    const asOtherMissing = [
      await app.http.get(missing, { token: cast.other.token }),
      await app.http.post(missing, form, { token: cast.other.token }),
      await app.http.delete(missing, { token: cast.other.token }),
    ];
    for (const [index, response] of asOther.entries()) {
      assert.equal(response.status, 404);
      assert.deepEqual(response.body, asOtherMissing[index].body);
      assert.deepEqual(response.body, { detail: NOT_FOUND });
    }
    const still = await app.http.get(path, { token: cast.user.token });
    assert.equal(still.body.data.rating, 1, 'the other user changed nothing');
    const otherList = await app.http.get(`${BASE}/feedbacks/user`, { token: cast.other.token });
    assert.ok(!(otherList.body as any[]).some((item) => item.id === theirs.id));

    for (const request of [
      () => app.http.get(path, { token: cast.pending.token }),
      () => app.http.post(`${BASE}/feedback`, ratingForm(), { token: cast.pending.token }),
      () => app.http.get(`${BASE}/feedbacks/user`, { token: cast.pending.token }),
      () => app.http.delete(`${BASE}/feedbacks`, { token: cast.pending.token }),
      () => app.http.get(path),
    ]) {
      assert.equal((await request()).status, 401);
    }

    // Admins read (Feedback Details), change and delete anyone's; it stays the user's.
    const asAdmin = await app.http.get(path, { token: cast.admin.token });
    assert.equal(asAdmin.status, 200);
    assert.deepEqual(asAdmin.body.snapshot, theirs.snapshot);
    const changed = await app.http.post(path, form, { token: cast.admin.token });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.data.rating, -1);
    assert.equal(changed.body.user_id, cast.user.id);
    assert.equal((await app.http.delete(path, { token: cast.admin.token })).body, true);
    assert.equal((await app.http.get(path, { token: cast.user.token })).status, 404);
    assert.equal((await app.http.get(missing, { token: cast.admin.token })).status, 404);
  });

  it('lists everyone’s for admins: all for the leaderboard, pages of 30 sorted, and the export', async () => {
    const { app, cast } = fixture;
    assert.equal((await app.http.delete(`${BASE}/feedbacks/all`, { token: cast.admin.token })).status, 200);
    const byUser = await rate(app, cast.user.token, ratingForm('model-b', 1, { sibling_model_ids: ['model-a'] }));
    const byOther = await rate(app, cast.other.token, ratingForm('model-a', -1, { sibling_model_ids: ['model-b'] }));
    for (let i = 0; i < 103; i += 1) await rate(app, cast.admin.token, ratingForm(`model-${i % 7}`, i % 2 ? 1 : -1));
    const total = 105;

    const all = await app.http.get(`${BASE}/feedbacks/all`, { token: cast.admin.token });
    assert.equal(all.status, 200);
    assert.equal(all.body.length, total);
    assert.ok((all.body as any[]).every((item) => !('snapshot' in item)));
    const leaderboardRow = (all.body as any[]).find((item) => item.id === byOther.id);
    assert.deepEqual(leaderboardRow.data, byOther.data);
    const stamps = (all.body as any[]).map((item) => item.updated_at as number);
    assert.deepEqual(
      stamps,
      [...stamps].sort((a, b) => b - a),
      'most recently updated first',
    );

    const page1 = await app.http.get(`${BASE}/feedbacks/list?order_by=updated_at&direction=desc&page=1`, {
      token: cast.admin.token,
    });
    assert.equal(page1.status, 200, page1.text);
    assert.equal(page1.body.total, total);
    assert.equal(page1.body.items.length, 30);
    const item = page1.body.items[0];
    assert.ok(!('snapshot' in item));
    assert.deepEqual(Object.keys(item.user).sort(), ['email', 'id', 'name', 'profile_image_url', 'role']);
    const page4 = await app.http.get(`${BASE}/feedbacks/list?order_by=updated_at&direction=desc&page=4`, {
      token: cast.admin.token,
    });
    assert.equal(page4.body.items.length, total - 90);
    const pages = [];
    for (let page = 1; page <= 4; page += 1) {
      const response = await app.http.get(`${BASE}/feedbacks/list?page=${page}`, { token: cast.admin.token });
      pages.push(...(response.body.items as any[]).map((entry) => entry.id as string));
    }
    assert.equal(new Set(pages).size, total, 'the pages cover every feedback once');
    assert.deepEqual((await app.http.get(`${BASE}/feedbacks/list?page=9`, { token: cast.admin.token })).body, {
      items: [],
      total,
    });

    // Sorting by the user's name (the web app sends `user`; upstream names it `username`).
    for (const key of ['user', 'username']) {
      const names = async (direction: string) => {
        const response = await app.http.get(`${BASE}/feedbacks/list?order_by=${key}&direction=${direction}`, {
          token: cast.admin.token,
        });
        return (response.body.items as any[]).map((entry) => entry.user.name as string);
      };
      assert.deepEqual((await names('asc')).slice(0, 2), ['Admin', 'Admin']);
      assert.deepEqual((await names('desc')).slice(0, 2), ['Bob', 'Alice']);
    }
    const byModel = await app.http.get(`${BASE}/feedbacks/list?order_by=model_id&direction=desc`, {
      token: cast.admin.token,
    });
    // model-b > model-a > model-6 … as text.
    assert.deepEqual(
      (byModel.body.items as any[]).slice(0, 2).map((entry) => entry.id),
      [byUser.id, byOther.id],
    );
    const models = (byModel.body.items as any[]).map((entry) => entry.data.model_id as string);
    assert.deepEqual(models, [...models].sort().reverse());
    const byRating = await app.http.get(`${BASE}/feedbacks/list?order_by=rating&direction=asc`, {
      token: cast.admin.token,
    });
    assert.equal(byRating.body.items[0].data.rating, -1);
    const lastPage = await app.http.get(`${BASE}/feedbacks/list?order_by=rating&direction=asc&page=4`, {
      token: cast.admin.token,
    });
    assert.equal(lastPage.body.items.at(-1).data.rating, 1);

    // The export streams every feedback with its snapshot (more than one read batch).
    const exported = await app.http.get(`${BASE}/feedbacks/all/export`, { token: cast.admin.token });
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-type') ?? '', /application\/json/);
    assert.equal(exported.body.length, total);
    assert.equal(new Set((exported.body as any[]).map((entry) => entry.id)).size, total);
    const full = (exported.body as any[]).find((entry) => entry.id === byUser.id);
    assert.deepEqual(full, byUser);

    for (const path of ['/feedbacks/all', '/feedbacks/all/export', '/feedbacks/list']) {
      assert.equal((await app.http.get(BASE + path, { token: cast.user.token })).status, 401, path);
    }
  });

  it('deletes a user’s own feedback, everyone’s for admins, and a deleted user’s', async () => {
    const { app, cast } = fixture;
    const kept = await rate(app, cast.other.token);
    await rate(app, cast.user.token);
    await rate(app, cast.user.token);
    assert.equal((await app.http.delete(`${BASE}/feedbacks`, { token: cast.user.token })).body, true);
    assert.deepEqual((await app.http.get(`${BASE}/feedbacks/user`, { token: cast.user.token })).body, []);
    assert.equal((await app.http.delete(`${BASE}/feedbacks`, { token: cast.user.token })).body, false);
    assert.equal((await app.http.get(`${BASE}/feedback/${kept.id}`, { token: cast.other.token })).status, 200);

    const leaving = await newUser(app, cast.admin, 'user', 'Leaving');
    const theirs = await rate(app, leaving.token);
    assert.equal((await app.http.delete(`/api/v1/users/${leaving.id}`, { token: cast.admin.token })).status, 200);
    assert.equal((await app.http.get(`${BASE}/feedback/${theirs.id}`, { token: cast.admin.token })).status, 404);
    const all = (await app.http.get(`${BASE}/feedbacks/all`, { token: cast.admin.token })).body as any[];
    assert.ok(!all.some((item) => item.user_id === leaving.id));

    assert.equal((await app.http.delete(`${BASE}/feedbacks/all`, { token: cast.user.token })).status, 401);
    assert.equal((await app.http.delete(`${BASE}/feedbacks/all`, { token: cast.admin.token })).body, true);
    assert.deepEqual((await app.http.get(`${BASE}/feedbacks/all`, { token: cast.admin.token })).body, []);
    assert.equal((await app.http.delete(`${BASE}/feedbacks/all`, { token: cast.admin.token })).body, false);
  });

  it('lets API keys in with feedbacks:read / feedbacks:write (and admin for everyone’s), 403 without', async () => {
    const { app, cast } = fixture;
    await enableApiKeys(app, cast.admin);
    const mine = await rate(app, cast.user.token);
    const reader = await createApiKey(app, cast.user, ['feedbacks:read']);
    assert.equal((await app.http.get(`${BASE}/feedback/${mine.id}`, { apiKey: reader })).status, 200);
    assert.equal((await app.http.get(`${BASE}/feedbacks/user`, { token: reader })).status, 200);
    assert.equal((await app.http.post(`${BASE}/feedback`, ratingForm(), { apiKey: reader })).status, 403);
    assert.equal((await app.http.delete(`${BASE}/feedback/${mine.id}`, { apiKey: reader })).status, 403);
    const writer = await createApiKey(app, cast.user, ['feedbacks:write']);
    assert.equal((await app.http.post(`${BASE}/feedback`, ratingForm(), { apiKey: writer })).status, 200);
    assert.equal((await app.http.get(`${BASE}/feedbacks/user`, { apiKey: writer })).status, 403);
    const unrelated = await createApiKey(app, cast.user, ['chats:read', 'chats:write']);
    assert.equal((await app.http.get(`${BASE}/feedbacks/user`, { apiKey: unrelated })).status, 403);
    assert.equal((await app.http.post(`${BASE}/feedback`, ratingForm(), { apiKey: unrelated })).status, 403);

    const adminReader = await createApiKey(app, cast.admin, ['feedbacks:read']);
    assert.equal((await app.http.get(`${BASE}/feedbacks/all`, { apiKey: adminReader })).status, 403);
    const adminKey = await createApiKey(app, cast.admin, ['admin', 'feedbacks:read']);
    assert.equal((await app.http.get(`${BASE}/feedbacks/all`, { apiKey: adminKey })).status, 200);
    assert.equal((await app.http.get(`${BASE}/feedbacks/all/export`, { apiKey: adminKey })).status, 200);
    assert.equal((await app.http.delete(`${BASE}/feedbacks/all`, { apiKey: adminKey })).status, 403);
    assert.equal((await app.http.get(`${BASE}/config`, { apiKey: adminKey })).status, 403);
    const everything = await createApiKey(app, cast.admin, ['*']);
    assert.equal((await app.http.get(`${BASE}/config`, { apiKey: everything })).status, 200);
  });

  it('refuses malformed input with 422 and a detail naming the field', async () => {
    const { app, cast } = fixture;
    const token = cast.user.token;
    const existing = await rate(app, token);
    const bad: [string, unknown][] = [
      ['type', { data: { rating: 1 } }],
      ['type', { type: 7 }],
      ['type', { type: 'x'.repeat(101) }],
      ['data', { type: 'rating', data: [1] }],
      ['data', { type: 'rating', data: 'good' }],
      ['data', { type: 'rating', data: { rating: 1.5 } }],
      ['data', { type: 'rating', data: { rating: { up: true } } }],
      ['data', { type: 'rating', data: { model_id: 3 } }],
      ['data', { type: 'rating', data: { sibling_model_ids: ['a', 2] } }],
      ['data', { type: 'rating', data: { comment: ['no'] } }],
      ['meta', { type: 'rating', meta: ['chat'] }],
      ['snapshot', { type: 'rating', snapshot: 'chat' }],
    ];
    for (const [field, body] of bad) {
      for (const path of [`${BASE}/feedback`, `${BASE}/feedback/${existing.id}`]) {
        const response = await app.http.post(path, body, { token });
        assert.equal(response.status, 422, `${path} ${JSON.stringify(body)}: ${response.text}`);
        assert.ok(
          (response.body.detail as { loc: string[] }[]).some((error) => error.loc.join('.') === `body.${field}`),
          `${JSON.stringify(body)}: ${response.text}`,
        );
      }
    }
    const notAnObject = await app.http.post(`${BASE}/feedback`, [ratingForm()], { token });
    assert.equal(notAnObject.status, 422);
    const notJson = await app.http.post(`${BASE}/feedback`, undefined, { token, raw: '{"type":' });
    assert.equal(notJson.status, 400);
    assert.equal(typeof notJson.body.detail, 'string');
    // Null ratings are what the web app sends before a thumb is chosen; numbers as strings are upstream's too.
    assert.equal(
      (await app.http.post(`${BASE}/feedback`, { type: 'rating', data: { rating: null } }, { token })).status,
      200,
    );
    assert.equal(
      (await app.http.post(`${BASE}/feedback`, { type: 'rating', data: { rating: '1' } }, { token })).status,
      200,
    );

    for (const query of ['order_by=bogus', 'direction=up', 'page=0', 'page=abc', 'page=1.5']) {
      const response = await app.http.get(`${BASE}/feedbacks/list?${query}`, { token: cast.admin.token });
      assert.equal(response.status, 422, query);
      assert.equal(response.body.detail[0].loc[0], 'query', query);
    }
  });
});

describe('evaluations settings and arena models', () => {
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;
  let close: () => Promise<void>;
  let providers: Awaited<ReturnType<typeof startWithProviders>>['providers'];

  before(async () => {
    ({ app, cast, close, providers } = await startWithProviders({ publish: ['gpt-test', 'llama3:8b'] }));
  });
  after(() => close());

  const config = (body?: unknown) =>
    body === undefined
      ? app.http.get(`${BASE}/config`, { token: cast.admin.token })
      : app.http.post(`${BASE}/config`, body, { token: cast.admin.token });
  const modelIds = async (token = cast.user.token) =>
    ((await app.http.get('/api/models', { token })).body.data as { id: string }[]).map((model) => model.id).sort();
  const pick = async (model: string) => {
    const response = await app.http.post(
      '/api/chat/completions',
      { model, messages: [{ role: 'user', content: 'Hi' }], stream: true },
      { token: cast.user.token },
    );
    assert.equal(response.status, 200, response.text);
    return (sseData(response.text)[0] as { selected_model_id?: string }).selected_model_id;
  };

  it('keeps the arena switch and the admin’s arena models, which join the model list and pick as told', async () => {
    // The env turned the arena off (ENABLE_EVALUATION_ARENA_MODELS=false); an admin's save wins.
    assert.deepEqual((await config()).body, { ENABLE_EVALUATION_ARENA_MODELS: false, EVALUATION_ARENA_MODELS: [] });
    assert.deepEqual(await modelIds(), ['gpt-test', 'llama3:8b']);

    const enabled = await config({ ENABLE_EVALUATION_ARENA_MODELS: true });
    assert.deepEqual(enabled.body, { ENABLE_EVALUATION_ARENA_MODELS: true, EVALUATION_ARENA_MODELS: [] });
    assert.deepEqual(await modelIds(cast.admin.token), ['arena-model', 'gpt-test', 'llama3:8b']);
    assert.deepEqual(await modelIds(), ['gpt-test', 'llama3:8b'], 'the default arena is for admins until granted');

    const arenas = [
      {
        id: 'gpt-only',
        name: 'GPT only',
        meta: {
          profile_image_url: '/favicon.png',
          description: null,
          model_ids: ['gpt-test'],
          filter_mode: 'include',
          access_control: null,
        },
      },
      {
        id: 'all-but-gpt',
        name: 'All but GPT',
        meta: { model_ids: ['gpt-test'], filter_mode: 'exclude', access_control: null },
      },
    ];
    const saved = await config({ EVALUATION_ARENA_MODELS: arenas });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body, { ENABLE_EVALUATION_ARENA_MODELS: true, EVALUATION_ARENA_MODELS: arenas });
    assert.deepEqual((await config()).body, saved.body);
    assert.deepEqual(await modelIds(), ['all-but-gpt', 'gpt-only', 'gpt-test', 'llama3:8b']);
    const listed = (await app.http.get('/api/models', { token: cast.user.token })).body.data as any[];
    const gptOnly = listed.find((model) => model.id === 'gpt-only');
    assert.equal(gptOnly.owned_by, 'arena');
    assert.equal(gptOnly.arena, true);
    assert.equal(gptOnly.name, 'GPT only');
    assert.deepEqual(gptOnly.info.meta, arenas[0].meta);

    providers.openai.script('gpt-test', { chunks: ['A'] });
    providers.ollama.script('llama3:8b', { chunks: ['B'] });
    for (let i = 0; i < 3; i += 1) {
      assert.equal(await pick('gpt-only'), 'gpt-test');
      assert.equal(await pick('all-but-gpt'), 'llama3:8b');
    }

    // Off: no arena is listed, and the models stay saved for later.
    await config({ ENABLE_EVALUATION_ARENA_MODELS: false });
    assert.deepEqual(await modelIds(), ['gpt-test', 'llama3:8b']);
    assert.deepEqual((await config()).body.EVALUATION_ARENA_MODELS, arenas);
    // On with none defined: the default arena again.
    await config({ ENABLE_EVALUATION_ARENA_MODELS: true, EVALUATION_ARENA_MODELS: [] });
    assert.deepEqual(await modelIds(cast.admin.token), ['arena-model', 'gpt-test', 'llama3:8b']);
  });

  it('refuses malformed settings with 422, and users with 401', async () => {
    const before = (await config()).body;
    const arena = { id: 'a', name: 'A', meta: {} };
    const bad: unknown[] = [
      { ENABLE_EVALUATION_ARENA_MODELS: 'yes' },
      { EVALUATION_ARENA_MODELS: { id: 'a' } },
      { EVALUATION_ARENA_MODELS: [{ name: 'No id', meta: {} }] },
      { EVALUATION_ARENA_MODELS: [{ ...arena, id: '' }] },
      { EVALUATION_ARENA_MODELS: [{ id: 'a', name: 'A' }] },
      { EVALUATION_ARENA_MODELS: [{ ...arena, meta: { model_ids: 'gpt-test' } }] },
      { EVALUATION_ARENA_MODELS: [{ ...arena, meta: { filter_mode: 'sometimes' } }] },
      { EVALUATION_ARENA_MODELS: [{ ...arena, meta: { access_control: 'public' } }] },
    ];
    for (const body of bad) {
      const response = await config(body);
      assert.equal(response.status, 422, `${JSON.stringify(body)}: ${response.text}`);
      assert.ok(Array.isArray(response.body.detail), response.text);
    }
    assert.deepEqual((await config()).body, before, 'nothing of a refused form is saved');
    for (const token of [cast.user.token, cast.pending.token]) {
      assert.equal((await app.http.get(`${BASE}/config`, { token })).status, 401);
      assert.equal(
        (await app.http.post(`${BASE}/config`, { ENABLE_EVALUATION_ARENA_MODELS: false }, { token })).status,
        401,
      );
    }
  });
});
