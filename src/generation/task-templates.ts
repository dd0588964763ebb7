import { messageText } from '../chats/chat-document.js';

/**
 * Built-in prompts for the generation tasks (used when the admin's template is empty). Each asks
 * for a JSON object, parsed by `parseJsonObject`. `{{MESSAGES:END:n}}` is the last n messages.
 */
export const DEFAULT_TEMPLATES = {
  title:
    'Write a concise title (3-5 words, with a fitting emoji) for this conversation, in its language.\n' +
    'Answer only with JSON: {"title": "..."}\n\n<chat_history>\n{{MESSAGES:END:2}}\n</chat_history>',
  tags:
    'Choose 1-3 broad topic tags and 1-3 specific subject tags for this conversation, in its language.\n' +
    'Answer only with JSON: {"tags": ["...", "..."]}\n\n<chat_history>\n{{MESSAGES:END:6}}\n</chat_history>',
  followUps:
    'Suggest 3-5 short follow-up questions the user might ask next, from their point of view.\n' +
    'Answer only with JSON: {"follow_ups": ["...", "..."]}\n\n<chat_history>\n{{MESSAGES:END:6}}\n</chat_history>',
  queries:
    'Write 1-3 concise search queries that would find information for the last user message.\n' +
    'Answer only with JSON: {"queries": ["..."]}\n\n<chat_history>\n{{MESSAGES:END:6}}\n</chat_history>',
} as const;

export function renderTemplate(template: string, messages: { role: string; content: unknown }[]): string {
  return template.replace(/\{\{MESSAGES(?::END:(\d+))?\}\}/g, (_, count: string | undefined) => {
    const slice = count ? messages.slice(-Number(count)) : messages;
    return slice
      .map(
        (message) =>
          `${message.role.toUpperCase()}: ${typeof message.content === 'string' ? message.content : messageText(message as Record<string, unknown>)}`,
      )
      .join('\n');
  });
}

/** The model's answer between its first `{` and last `}`, parsed; null when that is not JSON. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    const value: unknown = JSON.parse(text.slice(start, end + 1));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
