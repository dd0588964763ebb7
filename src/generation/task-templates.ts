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
  autocomplete:
    'Continue the text the user is typing as a {{TYPE}}: only the words that come next, short and natural, ' +
    'or nothing when no continuation fits.\nAnswer only with JSON: {"text": "..."}\n\n' +
    '<chat_history>\n{{MESSAGES:END:6}}\n</chat_history>\n<text>{{PROMPT}}</text>',
  emoji:
    'Answer with exactly one emoji that shows the facial expression of someone saying this, and nothing else.\n\n' +
    '<message>{{PROMPT}}</message>',
  imagePrompt:
    'Write a detailed prompt for an image generator that illustrates this conversation: subject, style, ' +
    'lighting and composition, in one paragraph.\nAnswer only with JSON: {"prompt": "..."}\n\n' +
    '<chat_history>\n{{MESSAGES:END:6}}\n</chat_history>',
  moa:
    'Several assistants answered the question below. Merge their answers into one answer that keeps what is ' +
    'correct and useful in each, drops what is wrong or repeated, and reads as a single reply to the user.\n\n' +
    '<question>{{PROMPT}}</question>\n\n<answers>\n{{RESPONSES}}\n</answers>',
} as const;

/** Values for a template's `{{NAME}}` placeholders (case-insensitive, as upstream's `{{prompt}}`). */
export type TemplateValues = Record<string, string>;

/** Fills the placeholders in one pass, so text put in (a user's prompt) is never read as a placeholder. */
export function renderTemplate(
  template: string,
  messages: { role: string; content: unknown }[],
  values: TemplateValues = {},
): string {
  return template.replace(
    /\{\{(?:MESSAGES(?::END:(\d+))?|([A-Za-z_]+))\}\}/g,
    (placeholder, count: string | undefined, name: string | undefined) => {
      if (name !== undefined) return values[name.toUpperCase()] ?? placeholder;
      const slice = count ? messages.slice(-Number(count)) : messages;
      return slice
        .map(
          (message) =>
            `${message.role.toUpperCase()}: ${typeof message.content === 'string' ? message.content : messageText(message as Record<string, unknown>)}`,
        )
        .join('\n');
    },
  );
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
