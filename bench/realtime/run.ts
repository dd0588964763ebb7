// Realtime benchmark (issue 5): memory per Socket.IO connection and cross-instance event latency.
// `npm run bench:realtime` after a build; needs PostgreSQL and Redis (as the tests: TEST_DATABASE_URL,
// TEST_REDIS_URL or their local defaults).
//
// - Memory: BENCH_SOCKETS (default 2,000) authenticated sockets held open on instance A; the
//   server's RSS growth per socket, against a bare Socket.IO server (same path, transport and one
//   room per socket) measured in the same run.
// - Latency: a request on instance B announces an event to a user; the time from sending it to the
//   event arriving on a socket on instance A (through the Redis adapter), against the same with the
//   socket on B itself (no instance hop), alternating, BENCH_EVENTS (default 300) each, while the
//   2,000 sockets stay connected on A.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { startCluster, type Instance } from '../../test/support/cluster.js';
import { newUser, signup, type TestUser } from '../../test/support/factories.js';
import { stopServer } from '../../test/support/processes.js';
import { nextEvent, openSocket } from '../../test/support/sockets.js';
import { intEnv, launchServer, percentile, runMain, writeResults } from '../common.js';

const SOCKETS = intEnv('BENCH_SOCKETS', 2000, 1, 50_000);
const EVENTS = intEnv('BENCH_EVENTS', 300, 10, 100_000);
const USERS = 20;
const CONNECT_BATCH = 100;
const BARE_ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'bare-server.js');

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  if (!line) throw new Error(`no VmRSS for ${pid}`);
  return Number(line[1]) * 1024;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens `count` sockets in batches; returns them and the server's RSS growth per socket. */
async function holdSockets(url: string, pid: number, tokens: string[], count: number) {
  // Warm-up: code paths and buffers first used by a connection are not per-connection cost.
  const warm = await Promise.all(tokens.slice(0, 10).map((token) => openSocket(url, token)));
  warm.forEach((socket) => socket.close());
  await settle(1000);
  const before = rssBytes(pid);
  const sockets: Socket[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, (_, j) =>
      openSocket(url, tokens[(i + j) % tokens.length]),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  const connectMs = performance.now() - started;
  await settle(2000);
  const after = rssBytes(pid);
  return {
    sockets,
    connectMs,
    bytesPerSocket: (after - before) / count,
    rssBeforeMb: before / 2 ** 20,
    rssAfterMb: after / 2 ** 20,
  };
}

async function bareBaseline(tokens: string[]) {
  const server = await launchServer('bare socket.io', BARE_ENTRY, {});
  try {
    const held = await holdSockets(server.baseUrl, server.child.pid!, tokens, SOCKETS);
    held.sockets.forEach((socket) => socket.close());
    return held;
  } finally {
    await stopServer(server);
  }
}

/** One event from a request on `via` to a socket of `listener` (on A or B); milliseconds. */
async function eventLatency(via: Instance, listener: Socket, owner: TestUser, chatId: string, i: number) {
  const marker = `ping-${i}`;
  const arrived = nextEvent(listener, 'events', (event) => event.data?.data?.content === marker, 5000);
  const started = performance.now();
  const response = await via.http.post(
    `/api/v1/chats/${chatId}/messages/m/event`,
    { type: 'notification', data: { type: 'info', content: marker } },
    { token: owner.token },
  );
  const responded = performance.now() - started;
  if (response.status !== 200) throw new Error(`event request -> ${response.status} ${response.text}`);
  await arrived;
  return { event: performance.now() - started, response: responded };
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

async function main(): Promise<void> {
  const cluster = await startCluster(2, { LOG_LEVEL: 'silent' });
  try {
    const [a, b] = cluster.instances;
    const admin = await signup(a, { name: 'Bench Admin' });
    const users = [];
    for (let i = 0; i < USERS; i += 1) users.push(await newUser(a, admin, 'user', `Bench ${i}`));
    const tokens = users.map((user) => user.token);

    console.error(`bare Socket.IO baseline: ${SOCKETS} sockets`);
    const bare = await bareBaseline(tokens);
    console.error(`webui-nest instance A: ${SOCKETS} sockets`);
    const nest = await holdSockets(a.url, a.server.child.pid!, tokens, SOCKETS);

    const owner = users[0];
    const chat = await b.http.post('/api/v1/chats/new', { chat: { title: 'Bench' } }, { token: owner.token });
    const chatId = chat.body.id as string;
    const onA = await openSocket(a.url, owner.token);
    const onB = await openSocket(b.url, owner.token);
    for (let i = 0; i < 20; i += 1) await eventLatency(b, i % 2 ? onA : onB, owner, chatId, -1 - i); // warm-up
    console.error(`latency: ${EVENTS} events each way`);
    const cross: number[] = [];
    const local: number[] = [];
    const responses: number[] = [];
    for (let i = 0; i < EVENTS; i += 1) {
      const hop = await eventLatency(b, onA, owner, chatId, 2 * i);
      const same = await eventLatency(b, onB, owner, chatId, 2 * i + 1);
      cross.push(hop.event);
      local.push(same.event);
      responses.push(hop.response, same.response);
    }
    onA.close();
    onB.close();
    nest.sockets.forEach((socket) => socket.close());

    const crossS = summary(cross);
    const localS = summary(local);
    const responseS = summary(responses);
    const mb = (bytes: number) => (bytes / 1024).toFixed(1);
    console.log(`\nmemory per connection (${SOCKETS} authenticated sockets held open)`);
    console.log(
      `  bare socket.io   ${mb(bare.bytesPerSocket)} KiB/socket  (RSS ${bare.rssBeforeMb.toFixed(0)} -> ${bare.rssAfterMb.toFixed(0)} MiB, connected in ${bare.connectMs.toFixed(0)} ms)`,
    );
    console.log(
      `  webui-nest A     ${mb(nest.bytesPerSocket)} KiB/socket  (RSS ${nest.rssBeforeMb.toFixed(0)} -> ${nest.rssAfterMb.toFixed(0)} MiB, connected in ${nest.connectMs.toFixed(0)} ms)`,
    );
    console.log(`  ratio webui-nest / bare: ${(nest.bytesPerSocket / bare.bytesPerSocket).toFixed(2)}`);
    console.log(`\nevent latency, request on B -> socket event (ms, ${EVENTS} each, ${SOCKETS} sockets open on A)`);
    console.log(`  socket on A (Redis hop)   p50 ${crossS.p50.toFixed(2)}  p99 ${crossS.p99.toFixed(2)}`);
    console.log(`  socket on B (same inst.)  p50 ${localS.p50.toFixed(2)}  p99 ${localS.p99.toFixed(2)}`);
    console.log(`  B's HTTP response alone   p50 ${responseS.p50.toFixed(2)}  p99 ${responseS.p99.toFixed(2)}`);
    console.log(
      `  ratio A / B: p50 ${(crossS.p50 / localS.p50).toFixed(2)}, p99 ${(crossS.p99 / localS.p99).toFixed(2)}`,
    );
    const file = writeResults('realtime', {
      bench: 'realtime',
      date: new Date().toISOString(),
      node: process.version,
      sockets: SOCKETS,
      events: EVENTS,
      memory: { bare: { ...bare, sockets: undefined }, nest: { ...nest, sockets: undefined } },
      latencyMs: { cross: crossS, local: localS, response: responseS },
    });
    console.log(`\nwrote ${file}`);
  } finally {
    await cluster.close();
  }
}

runMain(main);
