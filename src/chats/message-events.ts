import type { JsonObject } from '../database/columns.js';
import { isObject } from './chat-document.js';

/**
 * What a message event changes in the stored message, as Open WebUI persists each event type: the
 * fields to merge into it; null when the event is only forwarded to the user's tabs.
 */
export function messageChanges(message: JsonObject, type: string, data: JsonObject): JsonObject | null {
  const list = (key: string): unknown[] => (Array.isArray(message[key]) ? (message[key] as unknown[]) : []);
  switch (type) {
    case 'status':
      return { statusHistory: [...list('statusHistory'), data] };
    case 'message':
    case 'chat:message:delta':
      return { content: `${typeof message.content === 'string' ? message.content : ''}${String(data.content ?? '')}` };
    case 'replace':
    case 'chat:message':
      return { content: String(data.content ?? '') };
    case 'files':
    case 'chat:message:files':
      return { files: Array.isArray(data.files) ? data.files : [] };
    case 'embeds':
    case 'chat:message:embeds':
      return { embeds: [...list('embeds'), ...(Array.isArray(data.embeds) ? (data.embeds as unknown[]) : [])] };
    case 'chat:message:follow_ups':
      return { followUps: Array.isArray(data.follow_ups) ? data.follow_ups : [] };
    case 'chat:message:error':
      return { error: isObject(data.error) ? data.error : { content: String(data.error ?? '') } };
    case 'source':
    case 'citation':
      return data.type === 'code_execution' ? null : { sources: [...list('sources'), data] };
    default:
      return null;
  }
}

/** Event types whose change builds on what the message already holds. */
export function needsStoredMessage(type: string): boolean {
  return ['status', 'message', 'chat:message:delta', 'embeds', 'chat:message:embeds', 'source', 'citation'].includes(
    type,
  );
}
