import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp } from './support/app.js';
import { CLUSTER_DATABASE_URL } from './support/cluster.js';
import { chatJson } from './support/chats.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { signup, type TestUser } from './support/factories.js';
import { eventually, sleep } from './support/sockets.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { missingChats, startChatWriters } from './support/write-load.js';

/**
 * PostgreSQL going away under a running app (a restart, a failover): requests fail fast with 503 and
 * `detail`, nothing acknowledged is lost, and the pool recovers without restarting the app. Always
 * on a real PostgreSQL, reached through a relay the test can cut.
 */
describe('PostgreSQL outage', () => {
  let database: TestDatabase;
  let relay: TcpProxy;
  let app: TestApp;
  let admin: TestUser;

  before(async () => {
    database = await createTestDatabase(CLUSTER_DATABASE_URL);
    const direct = new URL(database.env.DATABASE_URL);
    relay = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
    const relayed = new URL(direct);
    relayed.host = `127.0.0.1:${relay.port}`;
    app = await startApp({ DATABASE_URL: relayed.toString(), DATABASE_POOL_TIMEOUT: '30' });
    admin = await signup(app, { name: 'Admin' });
  });
  after(async () => {
    await app?.close();
    await relay?.close();
    await database?.drop();
  });

  it('answers 503 with detail at once while the database is away, then recovers without a restart', async () => {
    const kept = await app.http.post(
      '/api/v1/chats/new',
      { chat: chatJson('Before the outage') },
      { token: admin.token },
    );
    assert.equal(kept.status, 200);

    relay.cut();
    try {
      // A client that waited for the pool's 30 s connect timeout would fail this bound.
      const reads = await withinSeconds(5, () => app.http.get('/api/v1/chats/', { token: admin.token }));
      assert.equal(reads.status, 503);
      assert.match(reads.body.detail, /database is briefly unavailable/);
      const write = await withinSeconds(5, () =>
        app.http.post('/api/v1/chats/new', { chat: chatJson('During the outage') }, { token: admin.token }),
      );
      assert.equal(write.status, 503);
    } finally {
      relay.restore();
    }

    const recovered = async () => (await app.http.get('/api/v1/chats/', { token: admin.token })).status === 200;
    assert.ok(await eventually(recovered, 10_000, 100), 'the pool reconnects by itself');
    const titles = (await app.http.get('/api/v1/chats/', { token: admin.token })).body.map(
      (chat: { title: string }) => chat.title,
    );
    assert.deepEqual(titles, ['Before the outage'], 'the acknowledged chat is there; the refused one is not');
    const after = await app.http.post('/api/v1/chats/new', { chat: chatJson('After') }, { token: admin.token });
    assert.equal(after.status, 200);
  });

  it('loses no acknowledged write when the database goes away and comes back under load', async () => {
    const writers = startChatWriters(app, admin.token, 16);
    await sleep(700);
    relay.cut();
    await sleep(2000);
    relay.restore();
    // Long enough for the pool to reconnect and the writers to succeed again.
    const recovered = await eventually(async () => {
      const probe = await app.http.get('/api/v1/chats/', { token: admin.token });
      return probe.status === 200;
    }, 10_000);
    await sleep(700);
    const result = await writers.stop();
    assert.ok(recovered, 'the pool reconnects by itself');
    assert.deepEqual(result.unexpected, [], 'every answer is 200, or 503 with detail');
    assert.ok(result.statuses.includes(503), 'the outage was seen');
    assert.ok(result.statuses.slice(-16).includes(200), 'writes succeed again');
    const refused = result.statuses.filter((status) => status === 503).length;
    console.log(
      `# PostgreSQL away 2 s under 16 writers: ${result.acknowledged.length} acknowledged, ${refused} refused with 503, slowest ${Math.round(result.slowestMs)} ms`,
    );
    assert.ok(result.slowestMs < 5000, `the slowest answer took ${Math.round(result.slowestMs)} ms`);
    assert.deepEqual(await missingChats(app, admin.token, result.acknowledged), [], 'every acknowledged chat is kept');
  });
});

async function withinSeconds<T>(seconds: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
