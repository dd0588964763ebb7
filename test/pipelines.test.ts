import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appFixture } from './support/fixture.js';

/** Admin → Settings → Pipelines: no OpenAI connection is a Pipelines server, so the page shows its empty state. */
describe('pipelines (Admin → Settings → Pipelines)', () => {
  const t = appFixture();

  it('lists no Pipelines servers and no pipelines, for admins only', async () => {
    for (const path of ['/api/v1/pipelines/list', '/api/v1/pipelines/']) {
      const listed = await t.app.http.get(path, { token: t.cast.admin.token });
      assert.equal(listed.status, 200, path);
      assert.deepEqual(listed.body, { data: [] }, path);
      for (const token of [t.cast.user.token, t.cast.pending.token, undefined]) {
        assert.equal((await t.app.http.get(path, { token })).status, 401, path);
      }
    }
  });
});
