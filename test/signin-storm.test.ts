import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp } from './support/app.js';
import { signup, type TestUser } from './support/factories.js';
import { uploadFile } from './support/files.js';
import type { HttpResponse } from './support/http.js';

// A real cost: each check takes long enough (tens of ms or more) that the queue, not the network, orders answers.
const ROUNDS = '10';
const CONCURRENCY = 3;
const STORM = 40;
/** Time between two sign-ins being sent: well under one bcrypt check, so a queue builds. */
const STAGGER_MS = 5;

interface Expected {
  email: string;
  password: string;
  status: number;
}

/** A sign-in whose headers and the first bytes of its body are sent, the rest never. */
function halfSent(url: string, body: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const head = `POST /api/v1/auths/signin HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
      socket.write(head + body.slice(0, 5), () => resolve(socket));
    });
    socket.on('error', reject);
  });
}

/** Completion order: each request takes the next number when its whole answer has arrived. */
function sequencer() {
  let next = 0;
  return async <T>(request: Promise<HttpResponse<T>>) => {
    const response = await request;
    return { response, done: next++ };
  };
}

describe('sign-in storm: bcrypt in a FIFO queue that leaves a libuv thread free', () => {
  let app: TestApp;
  let admin: TestUser;
  const accounts: { email: string; password: string; token: string }[] = [];

  before(async () => {
    app = await startApp({
      BCRYPT_ROUNDS: ROUNDS,
      BCRYPT_CONCURRENCY: String(CONCURRENCY),
      SIGNIN_RATE_LIMIT_PER_EMAIL: '100',
      SIGNIN_RATE_LIMIT_PER_IP: '1000',
    });
    admin = await signup(app, { name: 'Admin' });
    // Added in parallel: the hashes queue too. Each answer carries a token nobody has used yet.
    const added = await Promise.all(
      Array.from({ length: 8 }, (_, index) => {
        const account = { name: `Storm ${index}`, email: `storm${index}@example.com`, password: `storm-pw-${index}` };
        return app.http
          .post('/api/v1/auths/add', { ...account, role: 'user' }, { token: admin.token })
          .then((response) => ({ ...account, response }));
      }),
    );
    for (const { email, password, response } of added) {
      assert.equal(response.status, 200, response.text);
      accounts.push({ email, password, token: response.body.token });
    }
  });
  after(() => app.close());

  /** Right passwords, wrong ones and unknown accounts, interleaved. */
  function expected(index: number): Expected {
    const account = accounts[index % (accounts.length - 1)];
    if (index % 8 === 5) return { email: account.email, password: 'wrong', status: 400 };
    if (index % 8 === 7) return { email: `nobody${index}@example.com`, password: 'whatever', status: 400 };
    return { email: account.email, password: account.password, status: 200 };
  }

  it('answers every sign-in correctly, in arrival order, while sessions and file reads and uploads pass the queue', async () => {
    const finish = sequencer();
    // The last account's token was issued before the storm and is first used during it.
    const unseen = accounts[accounts.length - 1];
    const uploaded = await uploadFile(app, {
      name: 'before.txt',
      content: 'written before',
      token: admin.token,
      query: 'process=false',
    });
    assert.equal(uploaded.status, 200, uploaded.text);

    const signins: Promise<{ response: HttpResponse; done: number }>[] = [];
    const middle = STORM / 2;
    let during: Promise<{ response: HttpResponse; done: number }>[] = [];
    for (let index = 0; index < STORM; index++) {
      const { email, password } = expected(index);
      signins.push(finish(app.http.post('/api/v1/auths/signin', { email, password })));
      if (index === middle) {
        during = [
          finish(app.http.get('/api/v1/auths/', { token: unseen.token })),
          finish(app.http.get(`/api/v1/files/${uploaded.body.id}/content`, { token: admin.token })),
          finish(
            uploadFile(app, {
              name: 'during.txt',
              content: 'written during',
              token: admin.token,
              query: 'process=false',
            }),
          ),
        ];
      }
      await sleep(STAGGER_MS);
    }
    const answers = await Promise.all(signins);
    const [session, read, upload] = await Promise.all(during);

    answers.forEach(({ response }, index) => {
      assert.equal(response.status, expected(index).status, `sign-in ${index}: ${response.text}`);
      if (response.status === 200) assert.equal(response.body.email, expected(index).email);
    });
    // FIFO with CONCURRENCY slots: a check starts only once all but CONCURRENCY - 1 of those sent before it
    // have finished. What follows a check (a session to build, or a refusal) and a loaded machine's
    // scheduling move answers a few places more; a queue that does not keep order moves them by tens.
    const byCompletion = answers.map((_, index) => index).sort((a, b) => answers[a].done - answers[b].done);
    const displacement = answers.map((_, index) => byCompletion.indexOf(index) - index);
    const worst = Math.max(...displacement.map(Math.abs));
    assert.ok(worst <= 2 * CONCURRENCY, `completion order vs arrival: ${displacement.join(',')}`);

    const signedInBefore = answers[middle].done;
    assert.equal(session.response.status, 200, session.response.text);
    assert.equal(session.response.body.email, unseen.email);
    assert.equal(read.response.status, 200, read.response.text);
    assert.equal(read.response.text, 'written before');
    assert.equal(upload.response.status, 200, upload.response.text);
    // Sent right after sign-in `middle`, they answer before it: they do not wait for the queue.
    for (const [name, { done }] of Object.entries({ session, read, upload })) {
      assert.ok(done < signedInBefore, `${name} answered ${done}th, sign-in ${middle} ${signedInBefore}th`);
    }
  });

  it('answers 503 with Retry-After beyond BCRYPT_QUEUE_LIMIT, and signs in again once the queue drains', async () => {
    const small = await app.restart({ BCRYPT_ROUNDS: ROUNDS, BCRYPT_CONCURRENCY: '1', BCRYPT_QUEUE_LIMIT: '2' });
    app = small;
    const { email, password } = accounts[0];
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => app.http.post('/api/v1/auths/signin', { email, password })),
    );
    const refused = burst.filter((response) => response.status === 503);
    const accepted = burst.filter((response) => response.status === 200);
    assert.equal(refused.length + accepted.length, burst.length, burst.map((r) => r.status).join(','));
    // Two in progress (one checking, the next ready) and two waiting at the door are taken; the rest
    // arrived while they were.
    assert.ok(accepted.length >= 4, `accepted ${accepted.length}`);
    assert.ok(refused.length >= 1, 'a full queue refuses');
    for (const response of refused) {
      assert.match(response.body.detail, /busy checking other sign-ins/);
      assert.match(response.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
      // Turned away before the app, answered inside it: the same headers as any other answer.
      assert.ok(response.headers.get('x-request-id'), 'a request id');
      assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    }
    const again = await app.http.post('/api/v1/auths/signin', { email, password });
    assert.equal(again.status, 200, again.text);
  });
  it('does not let sign-ins whose bodies are still on their way hold up the others', async () => {
    app = await app.restart({ BCRYPT_ROUNDS: ROUNDS, BCRYPT_CONCURRENCY: '1' });
    const { email, password } = accounts[0];
    const body = JSON.stringify({ email, password });
    // More than the door's places (twice BCRYPT_CONCURRENCY), each waiting for the rest of its body.
    const slow = await Promise.all(Array.from({ length: 4 }, () => halfSent(app.url, body)));
    try {
      await sleep(100);
      // Were they holding the door, this would wait for the server's request timeout (minutes).
      const signin = await fetch(`${app.url}/api/v1/auths/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      assert.equal(signin.status, 200, await signin.text());
    } finally {
      for (const socket of slow) socket.destroy();
    }
  });

  it('takes a waiting sign-in whose client went away out of the queue', async () => {
    // An unknown account's check costs BCRYPT_ROUNDS (13 here: seconds), long enough for the steps below.
    app = await app.restart({ BCRYPT_ROUNDS: '13', BCRYPT_CONCURRENCY: '1', BCRYPT_QUEUE_LIMIT: '2' });
    const signin = (body: object, signal?: AbortSignal) =>
      fetch(`${app.url}/api/v1/auths/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal,
      });
    const running = signin({ email: 'nobody@example.com', password: 'x' });
    await sleep(50);
    const leaving = new AbortController();
    const { email, password } = accounts[0];
    const waiting = [0, 1].map(() => signin({ email, password }, leaving.signal).catch((error: unknown) => error));
    await sleep(100);
    leaving.abort();
    await Promise.all(waiting);
    await sleep(100);
    // The two that left freed their places: both newcomers fit in the queue of two.
    const newcomers = await Promise.all([0, 1].map(() => app.http.post('/api/v1/auths/signin', { email, password })));
    assert.deepEqual(
      newcomers.map((response) => response.status),
      [200, 200],
      newcomers.map((response) => response.text).join(' '),
    );
    assert.equal((await running).status, 400);
  });
});
