// JSON list settings of the admin's Interface and External Tools pages, with Open WebUI's variable names.
import type { EnvReader } from './env-parsers.js';

/** A starter shown on the new-chat screen: a two-line title and the prompt it sends. */
export interface PromptSuggestion {
  title: string[];
  content: string;
}

/**
 * An OpenAPI (or MCP) tool server, as the web app's "Add Connection" form saves it; fields the form
 * adds later are kept as they come.
 */
export interface ToolServerConnection {
  url: string;
  path: string;
  type?: string;
  auth_type?: string | null;
  key?: string | null;
  config?: Record<string, unknown> | null;
  [field: string]: unknown;
}

/** Open WebUI's built-in starters, used when DEFAULT_PROMPT_SUGGESTIONS is unset or an empty list. */
export const BUILT_IN_PROMPT_SUGGESTIONS: PromptSuggestion[] = [
  {
    title: ['Help me study', 'vocabulary for a college entrance exam'],
    content:
      "Help me study vocabulary: write a sentence for me to fill in the blank, and I'll try to pick the correct option.",
  },
  {
    title: ['Give me ideas', "for what to do with my kids' art"],
    content:
      "What are 5 creative things I could do with my kids' art? I don't want to throw them away, but it's also so much clutter.",
  },
  {
    title: ['Tell me a fun fact', 'about the Roman Empire'],
    content: 'Tell me a random fun fact about the Roman Empire',
  },
  {
    title: ['Show me a code snippet', "of a website's sticky header"],
    content: "Show me a code snippet of a website's sticky header in CSS and JavaScript.",
  },
];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isSuggestionList = (value: unknown): value is PromptSuggestion[] =>
  Array.isArray(value) &&
  value.every(
    (item) =>
      isObject(item) &&
      typeof item.content === 'string' &&
      Array.isArray(item.title) &&
      item.title.every((line) => typeof line === 'string'),
  );

const isConnectionList = (value: unknown): value is ToolServerConnection[] =>
  Array.isArray(value) &&
  value.every((item) => isObject(item) && typeof item.url === 'string' && typeof item.path === 'string');

export function readPromptSuggestions(read: EnvReader): PromptSuggestion[] {
  const listed = read.json(
    'DEFAULT_PROMPT_SUGGESTIONS',
    [],
    isSuggestionList,
    'a JSON list of {"title": [text, text], "content": text}',
  );
  return listed.length > 0 ? listed : BUILT_IN_PROMPT_SUGGESTIONS;
}

export function readToolServerConnections(read: EnvReader): ToolServerConnection[] {
  return read.json('TOOL_SERVER_CONNECTIONS', [], isConnectionList, 'a JSON list of {"url": text, "path": text, …}');
}
