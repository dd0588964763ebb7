import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withApp } from './support/app.js';
import { createApiKey, enableApiKeys, newUser } from './support/factories.js';
import { appFixture } from './support/fixture.js';
import { followStatus, uploadFile } from './support/files.js';

const NOT_FOUND = "We could not find what you're looking for :/";
const storedNames = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).sort();

describe('files', () => {
  const fixture = appFixture();

  it('uploads a text file, processes it, and serves its text and bytes to the owner', async () => {
    const { app, cast } = fixture;
    const content = 'The capital of Freedonia is Fredville.\n';
    const upload = await uploadFile(app, {
      name: 'notes.txt',
      content,
      metadata: JSON.stringify({ source: 'chat' }),
      token: cast.user.token,
    });
    assert.equal(upload.status, 200, upload.text);
    const file = upload.body as Record<string, any>;
    assert.equal(file.user_id, cast.user.id);
    assert.equal(file.filename, 'notes.txt');
    assert.deepEqual(file.data, { status: 'pending' });
    assert.deepEqual(file.meta.data, { source: 'chat' });
    assert.equal(file.meta.size, Buffer.byteLength(content));
    assert.equal(file.meta.content_type, 'text/plain');
    assert.equal(file.meta.sha256, createHash('sha256').update(content).digest('hex'));

    const events = await followStatus(app, file.id, cast.user.token);
    assert.deepEqual(events.at(-1), { status: 'completed' });
    // The extracted text (trimmed); the bytes stay exactly as uploaded.
    const extracted = content.trim();
    const text = await app.http.get(`/api/v1/files/${file.id}/data/content`, { token: cast.user.token });
    assert.deepEqual(text.body, { content: extracted });
    const row = (await app.http.get(`/api/v1/files/${file.id}`, { token: cast.user.token })).body;
    assert.equal(row.hash, createHash('sha256').update(extracted).digest('hex'));
    assert.equal(row.meta.collection_name, `file-${file.id}`);
    const status = await app.http.get(`/api/v1/files/${file.id}/process/status`, { token: cast.user.token });
    assert.deepEqual(status.body, { status: 'completed' });

    // The bytes: by Bearer token, and by the token cookie as <img>/<iframe> loads send it.
    for (const auth of [{ token: cast.user.token }, { cookie: `token=${cast.user.token}` }]) {
      const bytes = await app.http.get(`/api/v1/files/${file.id}/content`, auth);
      assert.equal(bytes.status, 200);
      assert.equal(bytes.text, content);
      assert.equal(bytes.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.equal(bytes.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(bytes.headers.get('content-disposition'), 'inline; filename="notes.txt"');
    }
    const named = await app.http.get(`/api/v1/files/${file.id}/content/renamed.txt`, { token: cast.user.token });
    assert.equal(named.headers.get('content-disposition'), 'attachment; filename="renamed.txt"');
    const forced = await app.http.get(`/api/v1/files/${file.id}/content?attachment=true`, { token: cast.user.token });
    assert.match(forced.headers.get('content-disposition') ?? '', /^attachment/);

    const listed = (await app.http.get('/api/v1/files/', { token: cast.user.token })).body as any[];
    assert.deepEqual(
      listed.map((item) => item.id),
      [file.id],
    );
    assert.equal(listed[0].data.content, extracted);
    const lean = (await app.http.get('/api/v1/files/?content=false', { token: cast.user.token })).body as any[];
    assert.deepEqual(lean[0].data, { status: 'completed' });
  });

  it('keeps stored names inside the upload folder whatever name the client sends', async () => {
    const { app, cast } = fixture;
    const before = await storedNames(app.config.storage.uploadDir);
    const names = ['../../etc/passwd', '..\\..\\boot.ini', 'C:\\temp\\..\\x.txt', '  spaced.txt  ', 'résumé 2026.txt'];
    const expected = ['passwd', 'boot.ini', 'x.txt', 'spaced.txt', 'résumé 2026.txt'];
    for (const [index, name] of names.entries()) {
      const upload = await uploadFile(app, { name, content: 'x', token: cast.user.token, query: 'process=false' });
      assert.equal(upload.status, 200, upload.text);
      assert.equal(upload.body.filename, expected[index]);
      assert.deepEqual(upload.body.data, {});
      const download = await app.http.get(`/api/v1/files/${upload.body.id}/content`, { token: cast.user.token });
      assert.equal(download.text, 'x');
    }
    const added = (await storedNames(app.config.storage.uploadDir)).filter((name) => !before.includes(name));
    assert.equal(added.length, names.length);
    for (const name of added) assert.match(name, /^[0-9a-f-]{36}_[^/\\]+$/);
    // Names the multipart parser itself rejects are a 400, never a stored file.
    for (const name of ['..', 'a\u0000b.txt', 'a\u007fb.txt']) {
      const refused = await uploadFile(app, { name, content: 'x', token: cast.user.token });
      assert.equal(refused.status, 400, JSON.stringify(name));
    }
    assert.equal((await storedNames(app.config.storage.uploadDir)).length, before.length + names.length);
  });

  it('answers "missing" and "not yours" alike, lets admins in, and checks API-key scopes', async () => {
    const { app, cast } = fixture;
    const upload = await uploadFile(app, { name: 'private.txt', content: 'secret', token: cast.user.token });
    const id = upload.body.id as string;
    const paths = [`/api/v1/files/${id}`, `/api/v1/files/${id}/data/content`, `/api/v1/files/${id}/content`];
    for (const path of paths) {
      const theirs = await app.http.get(path, { token: cast.other.token });
      const missing = await app.http.get(path.replace(id, 'no-such-file'), { token: cast.other.token });
      assert.equal(theirs.status, 404, path);
      assert.deepEqual(theirs.body, missing.body);
      assert.deepEqual(theirs.body, { detail: NOT_FOUND });
      assert.equal((await app.http.get(path, { token: cast.admin.token })).status, 200, path);
      assert.equal((await app.http.get(path, { token: cast.pending.token })).status, 401, path);
    }
    assert.equal((await app.http.get('/api/v1/files/', { token: cast.other.token })).body.length, 0);
    const edit = await app.http.post(
      `/api/v1/files/${id}/data/content/update`,
      { content: 'x' },
      { token: cast.other.token },
    );
    assert.equal(edit.status, 404);
    assert.equal((await app.http.delete(`/api/v1/files/${id}`, { token: cast.other.token })).status, 404);
    assert.equal((await app.http.get(`/api/v1/files/${id}`, { token: cast.user.token })).status, 200);
    const adminList = (await app.http.get('/api/v1/files/', { token: cast.admin.token })).body as any[];
    assert.ok(adminList.some((file) => file.id === id));

    // A user has one key at a time: each new key replaces the last.
    await enableApiKeys(app, cast.admin);
    const reader = await createApiKey(app, cast.user, ['files:read']);
    assert.equal((await app.http.get(`/api/v1/files/${id}`, { apiKey: reader })).status, 200);
    assert.equal((await uploadFile(app, { name: 'k.txt', content: 'k', apiKey: reader })).status, 403);
    const writer = await createApiKey(app, cast.user, ['files:read', 'files:write']);
    assert.equal((await uploadFile(app, { name: 'k.txt', content: 'k', apiKey: writer })).status, 200);
    const unrelated = await createApiKey(app, cast.user, ['chats:read']);
    assert.equal((await app.http.get(`/api/v1/files/${id}`, { apiKey: unrelated })).status, 403);
  });

  it('never shows HTML, SVG or XML inline, and serves the HTML preview sandboxed and only for admins’ files', async () => {
    const { app, cast } = fixture;
    const active = [
      ['page.html', 'text/html', '<script>alert(1)</script>'],
      ['logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['feed.xml', 'application/xml', '<a/>'],
    ];
    for (const [name, type, content] of active) {
      const upload = await uploadFile(app, { name, type, content, token: cast.user.token, query: 'process=false' });
      const download = await app.http.get(`/api/v1/files/${upload.body.id}/content`, { token: cast.user.token });
      assert.match(download.headers.get('content-disposition') ?? '', /^attachment/, name);
      assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
      const preview = await app.http.get(`/api/v1/files/${upload.body.id}/content/html`, { token: cast.user.token });
      assert.equal(preview.status, 404, 'a user’s HTML is never previewed');
    }
    const pdf = await uploadFile(app, {
      name: 'paper.pdf',
      type: 'application/pdf',
      content: '%PDF-1.4',
      token: cast.user.token,
      query: 'process=false',
    });
    const shown = await app.http.get(`/api/v1/files/${pdf.body.id}/content`, { token: cast.user.token });
    assert.match(shown.headers.get('content-disposition') ?? '', /^inline/);

    const adminPage = await uploadFile(app, {
      name: 'report.html',
      type: 'text/html',
      content: '<h1>Report</h1>',
      token: cast.admin.token,
      query: 'process=false',
    });
    const preview = await app.http.get(`/api/v1/files/${adminPage.body.id}/content/html`, { token: cast.admin.token });
    assert.equal(preview.status, 200);
    assert.equal(preview.text, '<h1>Report</h1>');
    assert.equal(preview.headers.get('content-security-policy'), 'sandbox');
  });

  it('marks a file it cannot read as failed, and re-processes edited text', async () => {
    const { app, cast } = fixture;
    const image = await uploadFile(app, {
      name: 'photo.png',
      type: 'image/png',
      content: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      token: cast.user.token,
    });
    const events = await followStatus(app, image.body.id, cast.user.token);
    assert.equal(events.at(-1)?.status, 'failed');
    assert.match(events.at(-1)?.error ?? '', /not supported for processing/);

    const text = await uploadFile(app, { name: 'draft.md', content: '# Draft', token: cast.user.token });
    await followStatus(app, text.body.id, cast.user.token);
    const edit = await app.http.post(
      `/api/v1/files/${text.body.id}/data/content/update`,
      { content: '# Final' },
      { token: cast.user.token },
    );
    assert.deepEqual(edit.body, { content: '# Final' });
    assert.deepEqual((await followStatus(app, text.body.id, cast.user.token)).at(-1), { status: 'completed' });
    const after = (await app.http.get(`/api/v1/files/${text.body.id}`, { token: cast.user.token })).body;
    assert.equal(after.data.content, '# Final');
    assert.equal(after.hash, createHash('sha256').update('# Final').digest('hex'));
  });

  it('processes in the request when asked to, and finds files by name', async () => {
    const { app, cast } = fixture;
    const user = await newUser(app, cast.admin);
    const upload = await uploadFile(app, {
      name: 'Quarterly Report.txt',
      content: 'Revenue grew.',
      token: user.token,
      query: 'process=true&process_in_background=false',
    });
    assert.equal(upload.body.data.status, 'completed');
    assert.equal(upload.body.data.content, 'Revenue grew.');
    const found = await app.http.get('/api/v1/files/search?filename=quarterly*.txt', { token: user.token });
    assert.deepEqual(
      (found.body as any[]).map((file) => file.id),
      [upload.body.id],
    );
    const none = await app.http.get('/api/v1/files/search?filename=*.pdf', { token: user.token });
    assert.equal(none.status, 404);
    assert.deepEqual(none.body, { detail: 'No files found matching the pattern.' });
    const literal = await app.http.get('/api/v1/files/search?filename=Quarterly_Report.txt', { token: user.token });
    assert.equal(literal.status, 404, '_ is not a wildcard');
  });

  it('refuses uploads without a file or with bad metadata with a 400', async () => {
    const { app, cast } = fixture;
    const noFile = await fetch(`${app.url}/api/v1/files/`, {
      method: 'POST',
      body: (() => {
        const form = new FormData();
        form.append('metadata', '{}');
        return form;
      })(),
      headers: { authorization: `Bearer ${cast.user.token}` },
    });
    assert.equal(noFile.status, 400);
    const badMetadata = await uploadFile(app, {
      name: 'a.txt',
      content: 'a',
      metadata: '{nope',
      token: cast.user.token,
    });
    assert.equal(badMetadata.status, 400);
    assert.match(badMetadata.body.detail, /metadata/);
    const notMultipart = await app.http.post('/api/v1/files/', { file: 'x' }, { token: cast.user.token });
    assert.equal(notMultipart.status, 400);
  });

  it('deletes a file’s bytes with it, all files for admins, and a deleted user’s files', async () => {
    const { app, cast } = fixture;
    const dir = app.config.storage.uploadDir;
    const upload = await uploadFile(app, { name: 'gone.txt', content: 'bye', token: cast.user.token });
    const stored = (await storedNames(dir)).filter((name) => name.startsWith(upload.body.id));
    assert.equal(stored.length, 1);
    const deleted = await app.http.delete(`/api/v1/files/${upload.body.id}`, { token: cast.user.token });
    assert.deepEqual(deleted.body, { message: 'File deleted successfully' });
    assert.equal((await app.http.get(`/api/v1/files/${upload.body.id}`, { token: cast.user.token })).status, 404);
    assert.ok(!(await storedNames(dir)).some((name) => name.startsWith(upload.body.id)));

    const leaving = await newUser(app, cast.admin);
    const theirs = await uploadFile(app, { name: 'mine.txt', content: 'mine', token: leaving.token });
    await followStatus(app, theirs.body.id, leaving.token);
    assert.equal((await app.http.delete(`/api/v1/users/${leaving.id}`, { token: cast.admin.token })).status, 200);
    assert.equal((await app.http.get(`/api/v1/files/${theirs.body.id}`, { token: cast.admin.token })).status, 404);
    assert.ok(!(await storedNames(dir)).some((name) => name.startsWith(theirs.body.id)));

    assert.equal((await app.http.delete('/api/v1/files/all', { token: cast.user.token })).status, 401);
    const all = await app.http.delete('/api/v1/files/all', { token: cast.admin.token });
    assert.equal(all.status, 200);
    assert.deepEqual((await app.http.get('/api/v1/files/', { token: cast.admin.token })).body, []);
    assert.deepEqual(await storedNames(dir), []);
  });
});

describe('file upload limits', () => {
  it('answers 413 past FILE_MAX_SIZE and keeps nothing of the upload', () =>
    withApp({ FILE_MAX_SIZE: '1' }, async (app) => {
      const { signup } = await import('./support/factories.js');
      const admin = await signup(app);
      const big = new Uint8Array(2 * 1024 * 1024).fill(97);
      const refused = await uploadFile(app, { name: 'big.txt', content: big, token: admin.token });
      assert.equal(refused.status, 413, refused.text);
      assert.match(refused.body.detail, /1 MB/);
      assert.deepEqual((await app.http.get('/api/v1/files/', { token: admin.token })).body, []);
      assert.deepEqual(await storedNames(app.config.storage.uploadDir), []);
      const small = await uploadFile(app, { name: 'ok.txt', content: 'fits', token: admin.token });
      assert.equal(small.status, 200);
    }));

  it('refuses extensions outside ALLOWED_FILE_EXTENSIONS with a 400', () =>
    withApp({ ALLOWED_FILE_EXTENSIONS: 'txt,.MD' }, async (app) => {
      const { signup } = await import('./support/factories.js');
      const admin = await signup(app);
      const refused = await uploadFile(app, { name: 'tool.exe', content: 'MZ', token: admin.token });
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body, { detail: '[ERROR: File type exe is not allowed]' });
      assert.equal((await uploadFile(app, { name: 'a.md', content: '#', token: admin.token })).status, 200);
      assert.deepEqual(await storedNames(app.config.storage.uploadDir).then((names) => names.length), 1);
    }));
});

describe('files on S3-compatible storage', () => {
  it('stores uploads in the bucket, and a second instance on the same database and bucket serves them', async () => {
    const { s3Env, startS3Server } = await import('./support/s3-server.js');
    const s3 = await startS3Server();
    try {
      const env = s3Env(s3);
      await withApp(env, async (app) => {
        const { signup } = await import('./support/factories.js');
        const admin = await signup(app);
        const content = 'stored in a bucket';
        const upload = await uploadFile(app, { name: 'bucket.txt', content, token: admin.token });
        assert.equal(upload.status, 200, upload.text);
        assert.match(upload.body.path, new RegExp(`^s3://${s3.bucket}/uploads/${upload.body.id}_bucket\\.txt$`));
        assert.deepEqual((await followStatus(app, upload.body.id, admin.token)).at(-1), { status: 'completed' });
        // Nothing kept on local disk: the parsers' temporary copies are gone too.
        const local = await storedNames(app.config.storage.uploadDir);
        assert.deepEqual(
          local.filter((name) => name !== '.tmp'),
          [],
        );
        assert.deepEqual(await storedNames(join(app.config.storage.uploadDir, '.tmp')), []);

        const peer = await app.peer(env);
        try {
          const seen = await peer.http.get(`/api/v1/files/${upload.body.id}/content`, { token: admin.token });
          assert.equal(seen.text, content);
          assert.equal((await peer.http.delete(`/api/v1/files/${upload.body.id}`, { token: admin.token })).status, 200);
        } finally {
          await peer.stop();
        }
        assert.equal(
          (await app.http.get(`/api/v1/files/${upload.body.id}/content`, { token: admin.token })).status,
          404,
        );
      });
    } finally {
      await s3.stop();
    }
  });
});
