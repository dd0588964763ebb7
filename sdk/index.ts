/**
 * Typed client for webui-nest: openapi-fetch over the types generated from sdk/openapi.json.
 *
 *   const api = createWebuiClient('http://localhost:8080', 'sk-…');
 *   const { data, error } = await api.GET('/api/models');
 *
 * `token` is a session JWT or an `sk-` API key, sent as `Authorization: Bearer <token>`.
 * Regenerate schema.ts and openapi.json with `npm run sdk:generate`; this file is hand-written.
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };
export type Schemas = components['schemas'];
export type WebuiClient = Client<paths>;

export function createWebuiClient(
  baseUrl: string,
  token?: string,
  options: Omit<ClientOptions, 'baseUrl' | 'headers'> & { headers?: Record<string, string> } = {},
): WebuiClient {
  const headers = { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  return createClient<paths>({ ...options, baseUrl: baseUrl.replace(/\/+$/, ''), headers });
}
