import type { JsonObject } from '../database/columns.js';

/** Pure helpers over the SPA's chat document: the SPA owns its shape; the server reads and sets only a few fields. */

export const DEFAULT_TITLE = 'New Chat';

export function titleOf(chat: JsonObject): string {
  const title: unknown = chat.title;
  return typeof title === 'string' && title.trim() !== '' ? title : DEFAULT_TITLE;
}

/** Tag ids are the name lower-cased with spaces as underscores (Open WebUI's rule). */
export function tagIdOf(name: string): string {
  return name.replaceAll(' ', '_').toLowerCase();
}

/** One message of a stored document; null when it has none by that id. */
export function messageOf(chat: JsonObject, messageId: string): JsonObject | null {
  const history = isObject(chat.history) ? chat.history : {};
  const messages = isObject(history.messages) ? history.messages : {};
  const message: unknown = messages[messageId];
  return isObject(message) ? message : null;
}

/** The id of the message the document shows last (`history.currentId`); '' when it has none. */
export function currentMessageIdOf(chat: JsonObject): string {
  const history = isObject(chat.history) ? chat.history : {};
  return typeof history.currentId === 'string' ? history.currentId : '';
}

export interface MessagePatch {
  message_id: string;
  data: JsonObject;
  updated_ms: number;
}

/**
 * Applies server-side message upserts to a stored document: each patch is merged into its message
 * (created when missing), and the most recent one becomes `history.currentId`.
 */
export function applyPatches(chat: JsonObject, patches: MessagePatch[]): JsonObject {
  if (patches.length === 0) return chat;
  const history: JsonObject = { ...(isObject(chat.history) ? chat.history : {}) };
  const messages: JsonObject = { ...(isObject(history.messages) ? history.messages : {}) };
  const ordered = [...patches].sort((a, b) => a.updated_ms - b.updated_ms);
  for (const patch of ordered) {
    const existing: unknown = messages[patch.message_id];
    messages[patch.message_id] = { ...(isObject(existing) ? existing : { id: patch.message_id }), ...patch.data };
  }
  history.messages = messages;
  history.currentId = ordered[ordered.length - 1].message_id;
  return { ...chat, history };
}

export interface SearchDocument {
  messageId: string;
  content: string;
}

/** What search indexes for a chat: its title (message id '') and the text of every message. */
export function searchDocuments(title: string, chat: JsonObject): SearchDocument[] {
  const documents: SearchDocument[] = [{ messageId: '', content: title }];
  const messages: unknown = isObject(chat.history) ? chat.history.messages : undefined;
  if (isObject(messages)) {
    for (const [messageId, message] of Object.entries(messages)) {
      const content = isObject(message) ? messageText(message) : '';
      if (content) documents.push({ messageId, content });
    }
  } else if (Array.isArray(chat.messages)) {
    (chat.messages as unknown[]).forEach((message, index) => {
      const content = isObject(message) ? messageText(message) : '';
      if (content) documents.push({ messageId: String(isObject(message) && message.id ? message.id : index), content });
    });
  }
  return documents;
}

export function messageText(message: JsonObject): string {
  const content: unknown = message.content;
  if (typeof content === 'string') return content;
  // Multi-part content (OpenAI style): keep the text parts.
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

export function tagsOf(meta: JsonObject | null | undefined): string[] {
  const tags: unknown = meta?.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
