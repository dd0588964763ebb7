import type { Reachable } from './app.js';
import { type RecordedRequest, startMockProvider, type MockProvider } from './mock-provider.js';

export interface Providers {
  openai: MockProvider;
  ollama: MockProvider;
  /** App env pointing both connections at the mocks. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export const OPENAI_KEY = 'sk-upstream-test-key';

/** An OpenAI-compatible mock (model `gpt-test`) and an Ollama mock (model `llama3:8b`). */
export async function startProviders(): Promise<Providers> {
  const openai = await startMockProvider({ apiKey: OPENAI_KEY });
  openai.setModels([{ id: 'gpt-test', name: 'GPT Test' }]);
  const ollama = await startMockProvider();
  ollama.setModels([{ id: 'llama3:8b' }]);
  return {
    openai,
    ollama,
    env: {
      OPENAI_API_BASE_URLS: openai.openaiBaseUrl,
      OPENAI_API_KEYS: OPENAI_KEY,
      OLLAMA_BASE_URLS: ollama.ollamaBaseUrl,
      ENABLE_EVALUATION_ARENA_MODELS: 'false',
      MODELS_CACHE_TTL: '0',
    },
    close: async () => {
      await openai.close();
      await ollama.close();
    },
  };
}

/** Lets every verified user use `modelId` (an admin override row with public access). */
export async function publishModel(app: Reachable, adminToken: string, modelId: string, accessControl: unknown = null) {
  const response = await app.http.post(
    '/api/v1/models/create',
    { id: modelId, name: modelId, meta: {}, params: {}, access_control: accessControl },
    { token: adminToken },
  );
  if (response.status !== 200) throw new Error(`publish failed: ${response.status} ${response.text}`);
}

/** The text of the last message of the last chat completion the mock received (for `model`, when given). */
export function lastPromptSent(requests: RecordedRequest[], model?: string): string {
  const sent = requests
    .filter((request) => request.path.endsWith('/chat/completions'))
    .filter((request) => model === undefined || (request.body as { model?: string }).model === model)
    .at(-1);
  return (sent?.body as { messages: { content: string }[] }).messages.at(-1)!.content;
}

/** The `data:` payloads of an SSE body, `[DONE]` included as the string. */
export function sseData(text: string): (Record<string, any> | '[DONE]')[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim())
    .filter(Boolean)
    .map((data) => (data === '[DONE]' ? '[DONE]' : (JSON.parse(data) as Record<string, any>)));
}

export function contentOf(events: ReturnType<typeof sseData>): string {
  return events
    .filter((event): event is Record<string, any> => event !== '[DONE]')
    .map((event) => event.choices?.[0]?.delta?.content ?? '')
    .join('');
}
