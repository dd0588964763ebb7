import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { snapshotDirPrefix } from '../src/database/database-snapshot.service.js';
import { EXPORT_DISABLED, NOT_SQLITE } from '../src/database-download/database-download.service.js';
import { withApp } from './support/app.js';
import { usingPostgres } from './support/database.js';
import { createApiKey, enableApiKeys, seedUsers } from './support/factories.js';
import { appFixture } from './support/fixture.js';
import { eventually } from './support/sockets.js';

interface SqliteDatabase {
  pragma(sql: string, options: { simple: true }): unknown;
  prepare(sql: string): { get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
  close(): void;
}
// better-sqlite3 ships no types: the few calls used here are typed above.
const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  path: string,
  options: { readonly: boolean },
) => SqliteDatabase;

const PATH = '/api/v1/utils/db/download';
/** Snapshots this process (the test app runs in it) has not deleted. */
const leftoverSnapshots = () => readdirSync(tmpdir()).filter((name) => name.startsWith(snapshotDirPrefix()));

/** Admin → Settings → Database → Download Database (`GET /api/v1/utils/db/download`). */
describe('the database download', () => {
  const t = appFixture();

  it('is for admins only: users, pending users, anonymous callers and keys without `admin` are refused', async () => {
    const { admin, user, pending } = t.cast;
    for (const token of [user.token, pending.token]) {
      const refused = await t.app.http.get(PATH, { token });
      assert.equal(refused.status, 401);
      assert.match(refused.body.detail, /permission/);
    }
    assert.equal((await t.app.http.get(PATH)).status, 401);
    await enableApiKeys(t.app, admin);
    const narrowAdminKey = await createApiKey(t.app, admin, ['files:read']);
    assert.equal((await t.app.http.get(PATH, { apiKey: narrowAdminKey })).status, 403);
    const userKey = await createApiKey(t.app, user);
    assert.equal((await t.app.http.get(PATH, { apiKey: userKey })).status, 401);
    const adminKey = await createApiKey(t.app, admin);
    assert.equal((await t.app.http.get(PATH, { apiKey: adminKey })).status, usingPostgres() ? 400 : 200);
  });

  it('sends a consistent copy of the SQLite database as webui.db, with what was just written, then deletes it', async (context) => {
    if (usingPostgres()) {
      const answer = await t.app.http.get(PATH, { token: t.cast.admin.token });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.detail, NOT_SQLITE);
      return;
    }
    const written = await t.app.http.post(
      '/api/v1/chats/new',
      { chat: { title: 'Written just before the download' } },
      { token: t.cast.user.token },
    );
    assert.equal(written.status, 200);
    const response = await fetch(t.app.url + PATH, { headers: { authorization: `Bearer ${t.cast.admin.token}` } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/octet-stream');
    assert.equal(response.headers.get('content-disposition'), 'attachment; filename="webui.db"');
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(Number(response.headers.get('content-length')), bytes.length);
    assert.equal(bytes.subarray(0, 16).toString('latin1'), 'SQLite format 3\0');

    // The copy is a whole database on its own (no WAL beside it): it opens and holds the new chat.
    const copy = join(t.app.config.dataDir, 'downloaded.db');
    writeFileSync(copy, bytes);
    const db = new Database(copy, { readonly: true });
    context.after(() => db.close());
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    const chat = db.prepare('SELECT title FROM chat WHERE id = ?').get(written.body.id) as { title: string };
    assert.equal(chat.title, 'Written just before the download');
    const emails = db.prepare('SELECT email FROM user').all() as { email: string }[];
    assert.ok(emails.some(({ email }) => email === t.cast.admin.email));
    // Deleted once the last bytes are out, which may be just after the client has them all.
    assert.ok(await eventually(() => leftoverSnapshots().length === 0, 10_000), 'the copy is deleted');
  });

  // SQLite only, so on its own SQLite app in every run (an empty DATABASE_URL means the embedded default).
  it('deletes the copy when the client goes away in the middle of the download', () =>
    withApp({ DATABASE_URL: '' }, async (app) => {
      const { admin } = await seedUsers(app);
      const url = new URL(app.url + PATH);
      await new Promise<void>((resolve, reject) => {
        const req = request(url, { headers: { authorization: `Bearer ${admin.token}` } }, (res) => {
          assert.equal(res.statusCode, 200);
          // Only the headers and the first bytes are read, then the connection is dropped.
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve() : reject(error)));
        req.end();
      });
      assert.ok(await eventually(() => leftoverSnapshots().length === 0, 10_000), 'the copy is deleted');
    }));

  it('answers 403 with the reason when admin export is off', () =>
    withApp({ ENABLE_ADMIN_EXPORT: 'false' }, async (app) => {
      const { admin } = await seedUsers(app);
      const refused = await app.http.get(PATH, { token: admin.token });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.detail, EXPORT_DISABLED);
      assert.deepEqual(leftoverSnapshots(), []);
    }));
});
