// The few routes the retrieval bench calls, with plain fetch (no test client in the measured path).
import { setTimeout as sleep } from 'node:timers/promises';

export async function call(
  base: string,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Uploads a text file (processing queued by the server); returns its id. */
export async function upload(base: string, token: string, name: string, content: string | Blob): Promise<string> {
  const form = new FormData();
  form.append('file', typeof content === 'string' ? new Blob([content], { type: 'text/plain' }) : content, name);
  const res = await fetch(`${base}/api/v1/files/`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`upload ${name} -> ${res.status} ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { id: string }).id;
}

/** Waits until the file is processed; throws if it failed or `timeoutMs` passed. */
export async function processed(base: string, token: string, id: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, error } = (await call(base, token, 'GET', `/api/v1/files/${id}/process/status`)) as {
      status: string;
      error?: string;
    };
    if (status === 'completed') return;
    if (status === 'failed') throw new Error(`file ${id} failed: ${error}`);
    if (Date.now() > deadline) throw new Error(`file ${id} still ${status} after ${timeoutMs} ms`);
    // Every poll costs the server a request: a tenth of a second is precise enough for runs of seconds.
    await sleep(100);
  }
}

export async function waitForSearchMode(base: string, mode: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await call(base, '', 'GET', '/api/v1/retrieval/')).search_mode !== mode) {
    if (Date.now() > deadline) throw new Error(`search_mode is not ${mode} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Runs `work` over `items`, `concurrency` at a time. */
export async function eachConcurrently<T>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
