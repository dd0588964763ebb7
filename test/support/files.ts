import type { Reachable } from './app.js';
import type { HttpResponse } from './http.js';

export interface UploadOptions {
  name: string;
  content: string | Uint8Array;
  type?: string;
  /** Query string without `?`, e.g. `process=false`. */
  query?: string;
  metadata?: string;
  token?: string;
  apiKey?: string;
}

/** POSTs a multipart upload to /api/v1/files/ as the web app does (`file` and `metadata` fields). */
export async function uploadFile(app: Reachable, options: UploadOptions): Promise<HttpResponse> {
  const form = new FormData();
  form.append('file', new Blob([options.content], { type: options.type ?? 'text/plain' }), options.name);
  if (options.metadata !== undefined) form.append('metadata', options.metadata);
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  const url = `${app.http.baseUrl}/api/v1/files/${options.query ? `?${options.query}` : ''}`;
  const response = await fetch(url, { method: 'POST', body: form, headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body, headers: response.headers, text };
}

/** Reads the status stream the web app follows after an upload until it ends; returns every event. */
export async function followStatus(
  app: Reachable,
  id: string,
  token: string,
): Promise<{ status: string; error?: string }[]> {
  const response = await fetch(`${app.http.baseUrl}/api/v1/files/${id}/process/status?stream=true`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(20_000),
  });
  if (response.status !== 200) throw new Error(`status stream: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice(6)) as { status: string; error?: string });
}
