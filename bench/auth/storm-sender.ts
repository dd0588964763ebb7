// The storm's sign-ins, sent from their own thread (a worker of storm.ts) so that sending 500 at once
// does not hold up the probes the main thread times: as on a real network, the storm's clients are
// not the prober. It shares the machine's cores with the server all the same.
import { parentPort, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { nowMs, send, type Answer } from './one-request.js';

export interface StormOrder {
  baseUrl: string;
  signins: { email: string; password: string }[];
  staggerMs: number;
}

export type SenderMessage =
  | { kind: 'sending'; at: number }
  | { kind: 'first-written'; at: number }
  | { kind: 'answered'; index: number; answer: Answer }
  | { kind: 'done' };

const { baseUrl, signins, staggerMs } = workerData as StormOrder;
const post = (message: SenderMessage) => parentPort?.postMessage(message);
let written = false;
const onWritten = (at: number) => {
  if (!written) post({ kind: 'first-written', at });
  written = true;
};

post({ kind: 'sending', at: nowMs() });
const pending: Promise<void>[] = [];
for (const [index, credentials] of signins.entries()) {
  const answer = send(
    baseUrl,
    'POST',
    '/api/v1/auths/signin',
    { 'content-type': 'application/json' },
    JSON.stringify(credentials),
    onWritten,
  );
  pending.push(answer.then((done) => post({ kind: 'answered', index, answer: done })));
  if (staggerMs > 0) await sleep(staggerMs);
}
await Promise.all(pending);
post({ kind: 'done' });
