import { isObject } from '../chats/chat-document.js';
import { invalidField as invalid } from '../common/errors.js';
import type { ResolvedModel } from '../models/models.service.js';
import { providerModelId } from '../providers/model-item.js';
import type { RagSource } from '../retrieval/rag-context.js';
import type { AttachedItem } from '../retrieval/rag-sources.service.js';

/** OpenAI parameters a request (or a model preset's params) may set on the provider call. */
const UPSTREAM_KEYS = [
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'response_format',
  'tools',
  'tool_choice',
  'logit_bias',
  'n',
  'user',
  'reasoning_effort',
  'stream_options',
] as const;

export interface CompletionRequest {
  model: string;
  messages: { role: string; content: unknown }[];
  stream: boolean;
  chatId?: string;
  messageId?: string;
  sessionId?: string;
  /** The system prompt of the chat's folder ("project"), added after the model's. */
  folderSystem?: string;
  /** The files and knowledge bases attached to the chat's folder: every answer in it draws on them. */
  folderFiles?: unknown[];
  /** Set when the arena model picked the model that answers (announced to the client first). */
  selectedModelId?: string;
  /** The user's relevant memories ("User Context: …") when the request enables `features.memory`. */
  memoryContext?: string;
  /** The attached documents' chunks the answer draws on; shown to the user as citations. */
  sources?: RagSource[];
  /** RAG_TEMPLATE filled with those chunks and the question: it replaces the last user message's text. */
  ragPrompt?: string;
  body: Record<string, unknown>;
}

/** Checks the few fields we depend on; the rest of the OpenAI body passes through. */
export function parseCompletionRequest(body: Record<string, unknown>): CompletionRequest {
  if (typeof body.model !== 'string' || body.model === '') throw invalid('model', 'model must be a non-empty string');
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw invalid('messages', 'messages must be a non-empty list');
  }
  const messages = body.messages as unknown[];
  if (!messages.every((m) => isObject(m) && typeof m.role === 'string')) {
    throw invalid('messages', 'each message needs a role');
  }
  const text = (key: string) => (typeof body[key] === 'string' && body[key] ? body[key] : undefined);
  return {
    model: body.model,
    messages: messages as CompletionRequest['messages'],
    // Omitted means a whole chat.completion, as in OpenAI's API (its client's non-stream create() parses JSON).
    stream: body.stream === true,
    chatId: text('chat_id'),
    messageId: text('id'),
    sessionId: text('session_id'),
    body,
  };
}

/** Whether the request asks for the user's memories as context (`features: {memory: true}`). */
export function wantsMemory(request: CompletionRequest): boolean {
  return isObject(request.body.features) && request.body.features.memory === true;
}

/** Whether the request asks for web search (`features: {web_search: true}`). */
export function wantsWebSearch(request: CompletionRequest): boolean {
  return isObject(request.body.features) && request.body.features.web_search === true;
}

/**
 * The provider payload: the model's id at the provider, the preset's system prompt and params, then the
 * request's own params (the request wins), and the messages.
 */
export function buildProviderPayload(request: CompletionRequest, model: ResolvedModel, stream: boolean) {
  const presetParams = (model.row?.params ?? {}) as Record<string, unknown>;
  const requestParams = isObject(request.body.params) ? request.body.params : {};
  const payload: Record<string, unknown> = {};
  for (const source of [presetParams, requestParams, request.body]) {
    for (const key of UPSTREAM_KEYS) if (source[key] !== undefined && source[key] !== null) payload[key] = source[key];
  }
  const modelSystem: unknown = [requestParams.system, presetParams.system].find(
    (value) => typeof value === 'string' && value,
  );
  const parts = [modelSystem, request.folderSystem].filter(
    (part): part is string => typeof part === 'string' && !!part,
  );
  const system = parts.length > 0 ? parts.join('\n\n') : undefined;
  const messages = [...request.messages];
  if (system !== undefined) {
    if (messages[0]?.role === 'system') messages[0] = { ...messages[0], content: system };
    else messages.unshift({ role: 'system', content: system });
  }
  if (request.memoryContext) appendToSystem(messages, request.memoryContext);
  if (request.ragPrompt !== undefined) replaceLastUserText(messages, request.ragPrompt);
  if (!stream) delete payload.stream_options;
  return { ...payload, model: providerModelId(model.base.item), messages, stream };
}

/** The files and knowledge bases attached to the request and to its last user message. */
export function attachedItems(request: CompletionRequest): AttachedItem[] {
  const last = [...request.messages].reverse().find((message) => message.role === 'user') as
    { files?: unknown } | undefined;
  return [request.folderFiles, request.body.files, last?.files].flatMap((list) =>
    Array.isArray(list) ? list.filter(isObject) : [],
  );
}

/** The knowledge bases and files a model preset carries (`meta.knowledge`): searched for every question. */
export function modelKnowledge(model: ResolvedModel): AttachedItem[] {
  const items: unknown = model.row?.meta.knowledge;
  return Array.isArray(items) ? items.filter(isObject) : [];
}

/** The text of the last user message (its text parts when it has images too). */
export function lastUserText(messages: CompletionRequest['messages']): string {
  const last = [...messages].reverse().find((message) => message.role === 'user');
  if (typeof last?.content === 'string') return last.content;
  if (!Array.isArray(last?.content)) return '';
  return (last.content as unknown[])
    .filter((part): part is { type: string; text: string } => isObject(part) && part.type === 'text')
    .map((part) => part.text)
    .join('\n');
}

/** Puts `text` in place of the last user message's text, keeping any images beside it. */
function replaceLastUserText(messages: CompletionRequest['messages'], text: string): void {
  const index = messages.map((message) => message.role).lastIndexOf('user');
  if (index < 0) return;
  const message = messages[index];
  const content = Array.isArray(message.content)
    ? [
        { type: 'text', text },
        ...(message.content as unknown[]).filter((part) => !(isObject(part) && part.type === 'text')),
      ]
    : text;
  messages[index] = { ...message, content };
}

/** Adds text to the system message (upstream's add_or_update_system_message with append=True). */
function appendToSystem(messages: CompletionRequest['messages'], text: string): void {
  const first = messages[0];
  if (first?.role !== 'system') messages.unshift({ role: 'system', content: text });
  else if (typeof first.content === 'string') messages[0] = { ...first, content: `${first.content}\n${text}` };
  else if (Array.isArray(first.content))
    messages[0] = { ...first, content: [...(first.content as unknown[]), { type: 'text', text }] };
  else messages[0] = { ...first, content: text };
}
