import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { TestApp } from './support/app.js';
import { startApp } from './support/app.js';
import { newGroup, newUser, seedUsers, type TestUser } from './support/factories.js';
import { addFile, createKnowledge, processedFile, queryDocuments } from './support/knowledge.js';
import { eventually, openSocket, record } from './support/sockets.js';

const PARAGRAPHS = [
  'The capital of Freedonia is Fredville.',
  'Freedonia exports cheese and wool.',
  'Its currency is the Freedonian crown.',
];
const REPORT = PARAGRAPHS.join('\n\n');

interface JobProgress {
  job_id: string;
  name: string;
  progress: number;
  state: string;
}

/**
 * `POST /api/v1/knowledge/reindex` queues the `knowledge.reindex` job: the admin gets `true` at once and
 * follows the job on their socket (`job:progress`) while every knowledge base is indexed again with the
 * current settings. Runs with the in-process queue, and with BullMQ when TEST_REDIS_URL is set.
 */
describe('knowledge reindex job', () => {
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;
  let owner: TestUser;
  let socket: Socket;

  before(async () => {
    app = await startApp({ CHUNK_SIZE: '1000', CHUNK_OVERLAP: '0' });
    cast = await seedUsers(app);
    owner = await newUser(app, cast.admin);
    await newGroup(app, cast.admin, [owner], { workspace: { knowledge: true } });
    socket = await openSocket(app.url, cast.admin.token);
  });
  after(async () => {
    socket.close();
    await app.close();
  });

  const chunkCount = async (collection: string) => {
    const sql = 'SELECT COUNT(*) AS n FROM document_chunk WHERE collection_name = ?';
    const text = app.config.database.type === 'postgres' ? sql.replace('?', '$1') : sql;
    const rows: { n: number | string }[] = await app.dataSource.query(text, [collection]);
    return Number(rows[0].n);
  };
  const setChunkSize = async (size: number) => {
    const saved = await app.http.post(
      '/api/v1/retrieval/config/update',
      { CHUNK_SIZE: size, CHUNK_OVERLAP: 0 },
      { token: cast.admin.token },
    );
    assert.equal(saved.status, 200, saved.text);
  };

  it('re-chunks every knowledge base with the current settings, reporting progress to the admin', async () => {
    const first = await createKnowledge(app, owner, 'Freedonia');
    const second = await createKnowledge(app, owner, 'Again');
    const report = await processedFile(app, owner, 'report.txt', REPORT);
    const capital = await processedFile(app, owner, 'capital.txt', PARAGRAPHS[0]);
    for (const [kb, file] of [
      [first.id, report],
      [first.id, capital],
      [second.id, report],
    ]) {
      assert.equal((await addFile(app, owner, kb, file)).status, 200);
    }
    assert.equal(await chunkCount(first.id), 2, 'one chunk per file at CHUNK_SIZE 1000');
    await setChunkSize(45);

    const progress = record<JobProgress>(socket, 'job:progress');
    const response = await app.http.post('/api/v1/knowledge/reindex', undefined, { token: cast.admin.token });
    assert.equal(response.status, 200);
    assert.equal(response.body, true);
    const ofReindex = () => progress.filter((event) => event.name === 'knowledge.reindex');
    assert.ok(await eventually(() => ofReindex().some((event) => event.state === 'completed'), 15_000));

    const events = ofReindex();
    assert.equal(new Set(events.map((event) => event.job_id)).size, 1, 'one job');
    assert.equal(events[0].state, 'active');
    const percents = events.map((event) => event.progress);
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b),
      'progress only grows',
    );
    assert.ok(
      percents.some((percent) => percent > 0 && percent < 100),
      `progress along the way: ${percents.join(', ')}`,
    );
    assert.equal(events.at(-1)!.progress, 100);
    assert.equal(await chunkCount(first.id), 4, 'three chunks of the report, one of the capital');
    assert.equal(await chunkCount(second.id), 3);
    assert.deepEqual(await queryDocuments(app, owner, second.id, 'currency'), [PARAGRAPHS[2]]);
  });

  it('drops the chunks of files a knowledge base no longer lists', async () => {
    const kb = await createKnowledge(app, owner, 'Pruned');
    const file = await processedFile(app, owner, 'capital.txt', PARAGRAPHS[0]);
    assert.equal((await addFile(app, owner, kb.id, file)).status, 200);
    // A file's chunks left behind in the collection, as an interrupted removal would leave them.
    const stray = await processedFile(app, owner, 'stray.txt', PARAGRAPHS[1]);
    assert.equal((await addFile(app, owner, kb.id, stray)).status, 200);
    await app.dataSource.query(
      app.config.database.type === 'postgres'
        ? `UPDATE knowledge SET data = '{"file_ids": ["${file}"]}' WHERE id = $1`
        : `UPDATE knowledge SET data = '{"file_ids": ["${file}"]}' WHERE id = ?`,
      [kb.id],
    );
    assert.equal(await chunkCount(kb.id), 2);
    assert.equal((await app.http.post('/api/v1/knowledge/reindex', undefined, { token: cast.admin.token })).body, true);
    assert.ok(await eventually(async () => (await chunkCount(kb.id)) === 1, 15_000));
    assert.deepEqual(await queryDocuments(app, owner, kb.id, 'cheese'), []);
  });

  it('is for admins only', async () => {
    for (const who of [owner, cast.user]) {
      const response = await app.http.post('/api/v1/knowledge/reindex', undefined, { token: who.token });
      assert.equal(response.status, 401);
    }
    assert.equal((await app.http.post('/api/v1/knowledge/reindex')).status, 401);
  });
});
