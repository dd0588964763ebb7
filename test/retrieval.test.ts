import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiKey, enableApiKeys } from './support/factories.js';
import { appFixture } from './support/fixture.js';
import { followStatus, uploadFile } from './support/files.js';

const FREEDONIA = [
  'Freedonia is a small country in the mountains.',
  'Its capital is Fredville, on the river Fred.',
  'The national dish is a stew of lentils and smoked pepper.',
].join('\n\n');

describe('retrieval', () => {
  const fixture = appFixture({ CHUNK_SIZE: '60', CHUNK_OVERLAP: '0' });

  const processed = async (token: string, name: string, content: string) => {
    const upload = await uploadFile(fixture.app, { name, content, token });
    assert.equal(upload.status, 200, upload.text);
    assert.equal((await followStatus(fixture.app, upload.body.id, token)).at(-1)?.status, 'completed');
    return upload.body.id as string;
  };

  it('says it searches on full text alone while no embedding engine is configured', async () => {
    const status = await fixture.app.http.get('/api/v1/retrieval/');
    assert.equal(status.status, 200);
    assert.equal(status.body.search_mode, 'full_text');
    assert.equal(status.body.RAG_EMBEDDING_ENGINE, '');
    assert.equal(status.body.CHUNK_SIZE, 60);
  });

  it('finds the chunks of the caller’s file that answer a query, best first, with their source', async () => {
    const { app, cast } = fixture;
    const id = await processed(cast.user.token, 'freedonia.md', FREEDONIA);
    const answer = await app.http.post(
      '/api/v1/retrieval/query/doc',
      { collection_name: `file-${id}`, query: 'Which city is the capital?', k: 2 },
      { token: cast.user.token },
    );
    assert.equal(answer.status, 200, answer.text);
    const [documents] = answer.body.documents as string[][];
    const [distances] = answer.body.distances as number[][];
    const [metadatas] = answer.body.metadatas as Record<string, unknown>[][];
    assert.ok(documents.length >= 1 && documents.length <= 2);
    assert.match(documents[0], /capital is Fredville/);
    assert.deepEqual(
      [...distances].sort((a, b) => b - a),
      distances,
      'best first',
    );
    assert.ok(distances.every((score) => score > 0 && score < 1));
    assert.equal(metadatas[0].file_id, id);
    assert.equal(metadatas[0].name, 'freedonia.md');
    assert.equal(typeof metadatas[0].start_index, 'number');

    const none = await app.http.post(
      '/api/v1/retrieval/query/collection',
      { collection_names: [`file-${id}`], query: 'quantum chromodynamics' },
      { token: cast.user.token },
    );
    assert.deepEqual(none.body, { distances: [[]], documents: [[]], metadatas: [[]] });
    // Query syntax is never interpreted: operators and quotes are just text.
    const hostile = await app.http.post(
      '/api/v1/retrieval/query/doc',
      { collection_name: `file-${id}`, query: '") OR content:* NEAR( "capital' },
      { token: cast.user.token },
    );
    assert.equal(hostile.status, 200);
    assert.match(hostile.body.documents[0][0], /capital/);
  });

  it('finds a small file’s chunks when another file’s fill the best of the whole index', async () => {
    const { app, cast } = fixture;
    // 250 chunks that each say "harbour" more often than the small file does.
    const big = Array.from({ length: 250 }, (_, i) => `Harbour harbour harbour number ${i}.`).join('\n\n');
    await processed(cast.user.token, 'harbours.md', big);
    const id = await processed(cast.user.token, 'town.md', 'Our town has one harbour by the mill.');
    const answer = await app.http.post(
      '/api/v1/retrieval/query/doc',
      { collection_name: `file-${id}`, query: 'harbour', k: 3 },
      { token: cast.user.token },
    );
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.body.documents, [['Our town has one harbour by the mill.']]);
  });

  it('checks the caller’s right to every collection it names', async () => {
    const { app, cast } = fixture;
    const id = await processed(cast.user.token, 'private.txt', 'The launch code is swordfish.');
    const ask = (token: string, names: string[]) =>
      app.http.post('/api/v1/retrieval/query/collection', { collection_names: names, query: 'launch code' }, { token });
    const theirs = await ask(cast.other.token, [`file-${id}`]);
    assert.equal(theirs.status, 404);
    const missing = await ask(cast.other.token, ['file-00000000-0000-0000-0000-000000000000']);
    assert.deepEqual(theirs.body, missing.body);
    // A readable collection does not open an unreadable one beside it, nor do prefix tricks.
    const own = await processed(cast.other.token, 'mine.txt', 'launch code of my own');
    assert.equal((await ask(cast.other.token, [`file-${own}`, `file-${id}`])).status, 404);
    for (const name of [`file-${id}%`, `file-${id.slice(0, 8)}`, id, 'file-', '*']) {
      assert.equal((await ask(cast.other.token, [name])).status, 404, name);
    }
    assert.equal((await ask(cast.admin.token, [`file-${id}`])).status, 200);
    assert.equal((await ask(cast.pending.token, [`file-${own}`])).status, 401);

    await enableApiKeys(app, cast.admin);
    const key = await createApiKey(app, cast.user, ['chats:read']);
    const refused = await app.http.post(
      '/api/v1/retrieval/query/doc',
      { collection_name: `file-${id}`, query: 'launch' },
      { apiKey: key },
    );
    assert.equal(refused.status, 403);
  });

  it('re-indexes a file through process/file, and drops its chunks when the file is deleted', async () => {
    const { app, cast } = fixture;
    const id = await processed(cast.user.token, 'edit.txt', 'The old motto was silence.');
    const redo = await app.http.post(
      '/api/v1/retrieval/process/file',
      { file_id: id, content: 'The new motto is harmony.' },
      { token: cast.user.token },
    );
    assert.equal(redo.status, 200, redo.text);
    assert.deepEqual(redo.body, {
      status: true,
      collection_name: `file-${id}`,
      filename: 'edit.txt',
      content: 'The new motto is harmony.',
    });
    const query = (words: string, token = cast.admin.token) =>
      app.http.post('/api/v1/retrieval/query/doc', { collection_name: `file-${id}`, query: words }, { token });
    assert.deepEqual((await query('silence')).body.documents, [[]]);
    assert.match((await query('harmony')).body.documents[0][0], /harmony/);
    const notMine = await app.http.post('/api/v1/retrieval/process/file', { file_id: id }, { token: cast.other.token });
    assert.equal(notMine.status, 404);

    await app.http.delete(`/api/v1/files/${id}`, { token: cast.user.token });
    const placeholder = app.config.database.type === 'postgres' ? '$1' : '?';
    const rows = await app.dataSource.query(`SELECT COUNT(*) AS n FROM document_chunk WHERE file_id = ${placeholder}`, [
      id,
    ]);
    assert.equal(Number(rows[0].n), 0);
  });

  it('lets admins read and save the Documents settings, type-checked', async () => {
    const { app, cast } = fixture;
    assert.equal((await app.http.get('/api/v1/retrieval/config', { token: cast.user.token })).status, 401);
    const config = await app.http.get('/api/v1/retrieval/config', { token: cast.admin.token });
    assert.equal(config.status, 200);
    assert.equal(config.body.TOP_K, 3);
    assert.equal(config.body.web.ENABLE_WEB_SEARCH, false);
    assert.match(config.body.RAG_TEMPLATE, /\{\{CONTEXT\}\}/);
    const saved = await app.http.post(
      '/api/v1/retrieval/config/update',
      { ...config.body, TOP_K: 5, FILE_MAX_SIZE: 10, ALLOWED_FILE_EXTENSIONS: ['.PDF', 'txt'], unknown_key: 1 },
      { token: cast.admin.token },
    );
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.body.TOP_K, 5);
    assert.deepEqual(saved.body.ALLOWED_FILE_EXTENSIONS, ['pdf', 'txt']);
    assert.equal(saved.body.unknown_key, undefined);
    assert.equal((await app.http.get('/api/config', { cookie: `token=${cast.user.token}` })).body.file.max_size, 10);
    const wrong = await app.http.post(
      '/api/v1/retrieval/config/update',
      { TOP_K: 'many' },
      { token: cast.admin.token },
    );
    assert.equal(wrong.status, 422);
    assert.equal((await app.http.get('/api/v1/retrieval/config', { token: cast.admin.token })).body.TOP_K, 5);

    const embedding = await app.http.post(
      '/api/v1/retrieval/embedding/update',
      {
        RAG_EMBEDDING_ENGINE: 'openai',
        RAG_EMBEDDING_MODEL: 'text-embedding-3-small',
        openai_config: { url: 'http://x/v1', key: 'k' },
      },
      { token: cast.admin.token },
    );
    assert.equal(embedding.status, 200, embedding.text);
    assert.deepEqual(embedding.body.openai_config, { url: 'http://x/v1', key: 'k' });
    const badEngine = await app.http.post(
      '/api/v1/retrieval/embedding/update',
      { RAG_EMBEDDING_ENGINE: 'magic' },
      { token: cast.admin.token },
    );
    assert.equal(badEngine.status, 422);
    // Back to full text for the other tests.
    await app.http.post(
      '/api/v1/retrieval/embedding/update',
      { RAG_EMBEDDING_ENGINE: '' },
      { token: cast.admin.token },
    );
    await app.http.post(
      '/api/v1/retrieval/config/update',
      { FILE_MAX_SIZE: null, ALLOWED_FILE_EXTENSIONS: [] },
      { token: cast.admin.token },
    );
  });

  it('indexes pasted text as a file of the caller, and processes a batch of files one by one', async () => {
    const { app, cast } = fixture;
    const text = await app.http.post(
      '/api/v1/retrieval/process/text',
      { name: 'notes', content: 'The ship sails on Friday.' },
      { token: cast.user.token },
    );
    assert.equal(text.status, 200, text.text);
    assert.match(text.body.collection_name, /^file-/);
    const ask = (token: string) =>
      app.http.post(
        '/api/v1/retrieval/query/doc',
        { collection_name: text.body.collection_name, query: 'ship' },
        { token },
      );
    assert.match((await ask(cast.user.token)).body.documents[0][0], /Friday/);
    assert.equal((await ask(cast.other.token)).status, 404);

    const mine = await uploadFile(app, {
      name: 'a.txt',
      content: 'alpha',
      token: cast.user.token,
      query: 'process=false',
    });
    const theirs = await uploadFile(app, {
      name: 'b.txt',
      content: 'beta',
      token: cast.other.token,
      query: 'process=false',
    });
    const batch = await app.http.post(
      '/api/v1/retrieval/process/files/batch',
      { files: [{ id: mine.body.id }, { id: theirs.body.id }] },
      { token: cast.user.token },
    );
    assert.equal(batch.status, 200, batch.text);
    assert.deepEqual(batch.body.results[0], { file_id: mine.body.id, status: 'completed' });
    assert.equal(batch.body.results[1].status, 'failed');
    assert.equal(batch.body.errors.length, 1);
    const processed = await app.http.get(`/api/v1/files/${mine.body.id}`, { token: cast.user.token });
    assert.equal(processed.body.data.content, 'alpha');
    const untouched = await app.http.get(`/api/v1/files/${theirs.body.id}`, { token: cast.other.token });
    assert.deepEqual(untouched.body.data, {});

    assert.equal((await app.http.post('/api/v1/retrieval/reset/uploads', {}, { token: cast.user.token })).status, 401);
    const reset = await app.http.post('/api/v1/retrieval/reset/uploads', {}, { token: cast.admin.token });
    assert.equal(reset.body, true);
    assert.deepEqual((await app.http.get('/api/v1/files/', { token: cast.admin.token })).body, []);
    assert.equal((await ask(cast.admin.token)).status, 404, 'the pasted text went with the files');
  });
});
