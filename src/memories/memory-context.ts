/** How many memories a completion gets (upstream asks its vector store for 3). */
export const CONTEXT_MEMORIES = 3;

type Message = { role: string; content: unknown };

/** The text of the last user message; multimodal content contributes its text parts. */
export function lastUserText(messages: Message[]): string {
  const message = messages.findLast((m) => m.role === 'user');
  if (typeof message?.content === 'string') return message.content;
  if (!Array.isArray(message?.content)) return '';
  return (message.content as unknown[])
    .map((part) => (part as { type?: unknown; text?: unknown } | null)?.text)
    .filter((text): text is string => typeof text === 'string')
    .join('\n');
}

/** Upstream's block, verbatim: "User Context:\n1. [YYYY-MM-DD] content\n…" (dates in UTC). */
export function userContext(memories: { content: string; created_at: number }[]): string {
  const lines = memories.map(
    (memory, index) =>
      `${index + 1}. [${new Date(memory.created_at * 1000).toISOString().slice(0, 10)}] ${memory.content}\n`,
  );
  return `User Context:\n${lines.join('')}\n`;
}
