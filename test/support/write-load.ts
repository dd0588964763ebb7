import { performance } from 'node:perf_hooks';
import type { Reachable } from './app.js';
import { chatJson } from './chats.js';

export interface WriteLoad {
  /** Ends the writers and resolves with what each request got. */
  stop(): Promise<WriteLoadResult>;
}

export interface WriteLoadResult {
  /** Chats whose creation was answered 200: each must be there afterwards. */
  acknowledged: string[];
  /** Every answer's status, in no particular order. */
  statuses: number[];
  /** Answers that were neither 200 nor a 503 with `detail`. */
  unexpected: string[];
  slowestMs: number;
}

/**
 * `writers` users' worth of chat creations, back to back, until `stop`: the load a service restart lands in.
 * Each answer is recorded; a transport error counts as unexpected.
 */
export function startChatWriters(app: Reachable, token: string, writers: number): WriteLoad {
  let running = true;
  const result: WriteLoadResult = { acknowledged: [], statuses: [], unexpected: [], slowestMs: 0 };
  const writer = async (index: number) => {
    for (let turn = 0; running; turn++) {
      const started = performance.now();
      try {
        const response = await app.http.post(
          '/api/v1/chats/new',
          { chat: chatJson(`writer ${index} turn ${turn}`) },
          { token },
        );
        result.statuses.push(response.status);
        if (response.status === 200) result.acknowledged.push(response.body.id as string);
        else if (response.status !== 503 || typeof response.body?.detail !== 'string') {
          result.unexpected.push(`${response.status} ${response.text.slice(0, 200)}`);
        }
      } catch (error) {
        result.unexpected.push(String(error));
      }
      result.slowestMs = Math.max(result.slowestMs, performance.now() - started);
    }
  };
  const done = Promise.all(Array.from({ length: writers }, (_, index) => writer(index)));
  return {
    stop: async () => {
      running = false;
      await done;
      return result;
    },
  };
}

/** The ids of those of `ids` that `token`'s user cannot read back. */
export async function missingChats(app: Reachable, token: string, ids: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const id of ids) {
    if ((await app.http.get(`/api/v1/chats/${id}`, { token })).status !== 200) missing.push(id);
  }
  return missing;
}
