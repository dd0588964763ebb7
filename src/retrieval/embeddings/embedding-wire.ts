/**
 * How each engine is asked for embeddings (Open WebUI's three remote engines) and how its answer is read.
 * The vectors are returned as sent; the client checks them.
 */
import type { EmbeddingEngine, RagSettings } from '../../config/app-config.js';

export type EmbeddingSettings = Pick<
  RagSettings,
  | 'RAG_EMBEDDING_ENGINE'
  | 'RAG_EMBEDDING_MODEL'
  | 'RAG_EMBEDDING_BATCH_SIZE'
  | 'RAG_OPENAI_API_BASE_URL'
  | 'RAG_OPENAI_API_KEY'
  | 'RAG_OLLAMA_BASE_URL'
  | 'RAG_OLLAMA_API_KEY'
  | 'RAG_AZURE_OPENAI_BASE_URL'
  | 'RAG_AZURE_OPENAI_API_KEY'
  | 'RAG_AZURE_OPENAI_API_VERSION'
>;

export interface EmbeddingWire {
  engine: Exclude<EmbeddingEngine, ''>;
  /** The endpoint every batch is posted to. */
  url: string;
  headers: Record<string, string>;
  /** Kept out of every error message. */
  secret: string;
  body(texts: string[]): unknown;
  /** The answer's vectors in input order; throws an Error whose message says what is wrong with the answer. */
  vectors(answer: unknown): unknown[];
}

/** The wire for the configured engine; null when RAG_EMBEDDING_ENGINE is '' (no embeddings). */
export function wireFor(settings: EmbeddingSettings): EmbeddingWire | null {
  const model = settings.RAG_EMBEDDING_MODEL;
  const json = { 'content-type': 'application/json' };
  switch (settings.RAG_EMBEDDING_ENGINE) {
    case '':
      return null;
    case 'openai':
      return {
        engine: 'openai',
        url: `${trimSlash(settings.RAG_OPENAI_API_BASE_URL)}/embeddings`,
        headers: { ...json, ...bearer(settings.RAG_OPENAI_API_KEY) },
        secret: settings.RAG_OPENAI_API_KEY,
        body: (input) => ({ model, input }),
        vectors: openAiVectors,
      };
    case 'ollama':
      return {
        engine: 'ollama',
        url: `${trimSlash(settings.RAG_OLLAMA_BASE_URL)}/api/embed`,
        headers: { ...json, ...bearer(settings.RAG_OLLAMA_API_KEY) },
        secret: settings.RAG_OLLAMA_API_KEY,
        body: (input) => ({ model, input }),
        vectors: (answer) => listField(answer, 'embeddings'),
      };
    case 'azure_openai': {
      const deployment = encodeURIComponent(model);
      const version = encodeURIComponent(settings.RAG_AZURE_OPENAI_API_VERSION);
      return {
        engine: 'azure_openai',
        url: `${trimSlash(settings.RAG_AZURE_OPENAI_BASE_URL)}/openai/deployments/${deployment}/embeddings?api-version=${version}`,
        headers: { ...json, 'api-key': settings.RAG_AZURE_OPENAI_API_KEY },
        secret: settings.RAG_AZURE_OPENAI_API_KEY,
        // The deployment in the path names the model.
        body: (input) => ({ input }),
        vectors: openAiVectors,
      };
    }
  }
}

/** OpenAI's `data: [{index, embedding}]`, put in `index` order (the API does not promise list order). */
function openAiVectors(answer: unknown): unknown[] {
  const items = listField(answer, 'data');
  const entries = items.map((item, position) => {
    if (!isRecord(item)) throw new Error(`data[${position}] is not an object`);
    return { index: typeof item.index === 'number' ? item.index : position, embedding: item.embedding };
  });
  return entries.sort((a, b) => a.index - b.index).map((entry) => entry.embedding);
}

function listField(answer: unknown, field: string): unknown[] {
  const list = isRecord(answer) ? answer[field] : undefined;
  if (!Array.isArray(list)) throw new Error(`the answer has no "${field}" list`);
  return list as unknown[];
}

function bearer(key: string): Record<string, string> {
  return key ? { authorization: `Bearer ${key}` } : {};
}

function trimSlash(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
