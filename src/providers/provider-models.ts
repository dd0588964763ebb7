import { authHeaders, type Connection } from './connections.service.js';
import type { ModelItem } from './model-item.js';

/** OpenAI's own list contains models that cannot chat; upstream hides them by id. */
const OPENAI_NON_CHAT = ['babbage', 'dall-e', 'davinci', 'embedding', 'tts', 'whisper'];

const now = () => Math.floor(Date.now() / 1000);

/** Lists one connection's models within `timeoutMs`; throws on failure or timeout. */
export async function fetchConnectionModels(connection: Connection, timeoutMs: number): Promise<ModelItem[]> {
  return connection.kind === 'openai' ? openAiModels(connection, timeoutMs) : ollamaModels(connection, timeoutMs);
}

async function getJson(url: string, connection: Connection, timeoutMs: number): Promise<unknown> {
  const response = await fetch(url, {
    headers: authHeaders(connection.apiKey),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

async function openAiModels(connection: Connection, timeoutMs: number): Promise<ModelItem[]> {
  const { options } = connection;
  const prefix = options.prefix_id ? `${options.prefix_id}.` : '';
  const tags = options.tags ?? [];
  const base = {
    object: 'model' as const,
    owned_by: 'openai',
    connection_type: options.connection_type ?? 'external',
    urlIdx: connection.index,
    tags,
    actions: [],
    filters: [],
  };
  if (options.model_ids && options.model_ids.length > 0) {
    // Configured ids are listed without asking the provider.
    return options.model_ids.map((id) => ({ ...base, id: `${prefix}${id}`, name: id, created: now(), openai: { id } }));
  }
  const body = (await getJson(`${connection.baseUrl}/models`, connection, timeoutMs)) as { data?: unknown[] };
  const isOpenAi = connection.baseUrl.includes('api.openai.com');
  return (Array.isArray(body.data) ? body.data : [])
    .filter(
      (raw): raw is Record<string, unknown> =>
        typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string',
    )
    .filter((raw) => !isOpenAi || !OPENAI_NON_CHAT.some((word) => (raw.id as string).includes(word)))
    .map((raw) => ({
      ...base,
      id: `${prefix}${raw.id as string}`,
      name: typeof raw.name === 'string' ? raw.name : (raw.id as string),
      created: typeof raw.created === 'number' ? raw.created : now(),
      openai: raw,
    }));
}

async function ollamaModels(connection: Connection, timeoutMs: number): Promise<ModelItem[]> {
  const { options } = connection;
  const prefix = options.prefix_id ? `${options.prefix_id}.` : '';
  const body = (await getJson(`${connection.baseUrl}/api/tags`, connection, timeoutMs)) as { models?: unknown[] };
  return (Array.isArray(body.models) ? body.models : [])
    .filter(
      (raw): raw is Record<string, unknown> =>
        typeof raw === 'object' && raw !== null && typeof (raw as { model?: unknown }).model === 'string',
    )
    .filter((raw) => !options.model_ids?.length || options.model_ids.includes(raw.model as string))
    .map((raw) => ({
      id: `${prefix}${raw.model as string}`,
      name: typeof raw.name === 'string' ? raw.name : (raw.model as string),
      object: 'model' as const,
      created: now(),
      owned_by: 'ollama',
      connection_type: options.connection_type ?? 'local',
      urlIdx: connection.index,
      ollama: { ...raw, urls: [connection.index] },
      tags: options.tags ?? [],
      actions: [],
      filters: [],
    }));
}
