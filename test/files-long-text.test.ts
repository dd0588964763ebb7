import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { splitText } from '../src/retrieval/chunking/split-text.js';
import { startApp, type TestApp } from './support/app.js';
import { seedUsers } from './support/factories.js';
import { followStatus, uploadFile } from './support/files.js';
import { addFile, createKnowledge } from './support/knowledge.js';
import { type MockEmbeddings, startMockEmbeddings } from './support/mock-embeddings.js';

/**
 * A text longer than a file row keeps (over 1 Mi characters) is stored beside the file and indexed as
 * it is read back, a group of chunks at a time; the routes answer as they do for a short one.
 */
const CHUNKING = { TEXT_SPLITTER: 'character' as const, CHUNK_SIZE: 2000, CHUNK_OVERLAP: 200 };

/** About 1.3 MB of paragraphs, with white space around it and characters outside ASCII throughout. */
function longText(tag: string): string {
  const paragraphs = Array.from(
    { length: 2600 },
    (_, i) =>
      `Paragraph ${i} of ${tag}, quetzal${i}: ${'déjà vu 😀 naïve '.repeat(i % 5)}${'lorem ipsum dolor sit amet '.repeat(15)}`,
  );
  return `\n\n  ${paragraphs.join('\n\n')}  \n`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('files whose text is too long to keep in the row', () => {
  let mock: MockEmbeddings;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  before(async () => {
    mock = await startMockEmbeddings();
    app = await startApp({
      RAG_EMBEDDING_ENGINE: 'openai',
      RAG_EMBEDDING_MODEL: 'hash',
      RAG_OPENAI_API_BASE_URL: mock.openaiBaseUrl,
      RAG_OPENAI_API_KEY: 'sk-embed',
      RAG_EMBEDDING_BATCH_SIZE: '16',
      CHUNK_SIZE: String(CHUNKING.CHUNK_SIZE),
      CHUNK_OVERLAP: String(CHUNKING.CHUNK_OVERLAP),
    });
    cast = await seedUsers(app);
  });
  after(async () => {
    await app.close();
    await mock.close();
  });

  const sql = (text: string) => {
    let index = 0;
    return app.config.database.type === 'postgres' ? text.replace(/\?/g, () => `$${++index}`) : text;
  };
  const storedTexts = async () =>
    (await readdir(app.config.storage.uploadDir)).filter((name) => /_text-[0-9a-f-]+\.txt$/.test(name));
  const chunksOf = async (collection: string) =>
    (
      await app.dataSource.query<{ content: string; metadata: string | Record<string, unknown> }[]>(
        sql(
          'SELECT content, metadata FROM document_chunk WHERE collection_name = ? AND position >= 0 ORDER BY position',
        ),
        [collection],
      )
    ).map((row) => ({
      content: row.content,
      metadata: (typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata) as Record<string, any>,
    }));
  const rowData = async (id: string) => {
    const [row] = await app.dataSource.query<{ data: unknown }[]>(sql('SELECT data FROM file WHERE id = ?'), [id]);
    return (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>;
  };

  it('stores the text beside the file, indexes every chunk with its vector, and serves the text as before', async () => {
    const uploaded = longText('alpha');
    const text = uploaded.trim();
    const before = await storedTexts();
    const upload = await uploadFile(app, { name: 'long.txt', content: uploaded, token: cast.user.token });
    assert.equal(upload.status, 200, upload.text);
    const id = upload.body.id as string;
    assert.deepEqual((await followStatus(app, id, cast.user.token)).at(-1), { status: 'completed' });

    // The row holds where the text is, not the text.
    const data = await rowData(id);
    assert.equal(data.content, undefined);
    assert.equal(typeof data.text_path, 'string');
    assert.equal((await storedTexts()).length, before.length + 1);

    const file = (await app.http.get(`/api/v1/files/${id}`, { token: cast.user.token })).body;
    assert.deepEqual(Object.keys(file.data).sort(), ['content', 'status']);
    assert.equal(file.data.content, text);
    assert.equal(file.hash, sha256(text));
    const content = await app.http.get(`/api/v1/files/${id}/data/content`, { token: cast.user.token });
    assert.deepEqual(content.body, { content: text });
    const listed = (await app.http.get('/api/v1/files/', { token: cast.user.token })).body as any[];
    assert.equal(listed.find((item) => item.id === id).data.content, text);
    const lean = (await app.http.get('/api/v1/files/?content=false', { token: cast.user.token })).body as any[];
    assert.deepEqual(lean.find((item) => item.id === id).data, { status: 'completed' });

    const answer = await app.http.post(
      '/api/v1/retrieval/query/doc',
      { collection_name: `file-${id}`, query: 'quetzal2077 lorem', k: 3 },
      { token: cast.user.token },
    );
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.documents[0].length, 3);
    assert.ok(answer.body.metadatas[0].every((metadata: { file_id: string }) => metadata.file_id === id));

    // Exactly the chunks of the whole text, in order, each embedded.
    const expected = await splitText(text, CHUNKING);
    const chunks = await chunksOf(`file-${id}`);
    assert.deepEqual(
      chunks.map((chunk) => ({ content: chunk.content, start_index: chunk.metadata.start_index })),
      expected,
    );
    assert.ok(chunks.every((chunk) => chunk.metadata.hash === sha256(text) && chunk.metadata.file_id === id));
    const [{ n }] = await app.dataSource.query<{ n: number | string }[]>(
      sql('SELECT COUNT(*) AS n FROM chunk_vector WHERE collection_name = ?'),
      [`file-${id}`],
    );
    assert.equal(Number(n), expected.length);

    // A knowledge base indexes it from the stored text too.
    const kb = await createKnowledge(app, cast.admin, 'Long reads');
    assert.equal((await addFile(app, cast.admin, kb.id, id)).status, 200);
    assert.deepEqual(
      (await chunksOf(kb.id)).map((chunk) => chunk.content),
      expected.map((chunk) => chunk.content),
    );
  });

  it('replaces the stored text when the text is edited, and removes it with the file', async () => {
    const before = await storedTexts();
    const upload = await uploadFile(app, { name: 'edited.txt', content: longText('beta'), token: cast.user.token });
    const id = upload.body.id as string;
    await followStatus(app, id, cast.user.token);
    assert.equal((await storedTexts()).length, before.length + 1);

    const edit = async (content: string) => {
      const update = await app.http.post(
        `/api/v1/files/${id}/data/content/update`,
        { content },
        { token: cast.user.token },
      );
      assert.equal(update.status, 200, update.text);
      assert.deepEqual((await followStatus(app, id, cast.user.token)).at(-1), { status: 'completed' });
      const served = await app.http.get(`/api/v1/files/${id}/data/content`, { token: cast.user.token });
      assert.deepEqual(served.body, { content });
    };
    await edit('Short now.');
    assert.deepEqual(await storedTexts(), before, 'the stored text went');
    assert.equal((await rowData(id)).content, 'Short now.');

    const gamma = longText('gamma');
    await edit(gamma); // an edit is not trimmed
    assert.equal((await storedTexts()).length, before.length + 1);
    assert.deepEqual(
      (await chunksOf(`file-${id}`)).map((chunk) => chunk.content),
      (await splitText(gamma, CHUNKING)).map((chunk) => chunk.content),
    );

    assert.equal((await app.http.delete(`/api/v1/files/${id}`, { token: cast.user.token })).status, 200);
    assert.deepEqual(await storedTexts(), before);
  });

  it('fails as a whole when embedding fails midway: no chunks, no stored text left behind', async () => {
    const before = await storedTexts();
    mock.failNext(1, 400, 20); // the 21st request fails, after several groups were written
    const upload = await uploadFile(app, { name: 'doomed.txt', content: longText('delta'), token: cast.user.token });
    const id = upload.body.id as string;
    const last = (await followStatus(app, id, cast.user.token)).at(-1);
    mock.reset();
    assert.equal(last?.status, 'failed', JSON.stringify(last));
    const [{ n }] = await app.dataSource.query<{ n: number | string }[]>(
      sql('SELECT COUNT(*) AS n FROM document_chunk WHERE file_id = ?'),
      [id],
    );
    assert.equal(Number(n), 0);
    assert.deepEqual(await storedTexts(), before);
  });
});
