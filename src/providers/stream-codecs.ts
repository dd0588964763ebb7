import { randomUUID } from 'node:crypto';

/** Splits a byte stream into lines, across chunk boundaries. */
export class LineSplitter {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  push(chunk: Uint8Array): string[] {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  }

  flush(): string[] {
    const rest = this.buffer + this.decoder.decode();
    this.buffer = '';
    return rest ? [rest] : [];
  }
}

/** A type, not an interface, so a chunk is also a `Record<string, unknown>` like the chunks parsed from SSE. */
export type CompletionChunk = {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: { index: number; delta: Record<string, unknown>; finish_reason: string | null }[];
  usage?: Record<string, number>;
};

/** The data of one SSE line, parsed; undefined for comments, blank lines and `[DONE]`. */
export function parseSseLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('data:')) return undefined;
  const data = line.slice(5).trim();
  if (data === '' || data === '[DONE]') return undefined;
  try {
    return JSON.parse(data) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export const sseEvent = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
export const SSE_DONE = 'data: [DONE]\n\n';

/** Text of a chunk's first choice delta (OpenAI format). */
export function deltaText(chunk: Record<string, unknown>): string {
  const choices = chunk.choices as { delta?: { content?: unknown } }[] | undefined;
  const content = choices?.[0]?.delta?.content;
  return typeof content === 'string' ? content : '';
}

/** Translates Ollama's NDJSON chat objects into OpenAI chunks, one call per line. */
export class OllamaToOpenAi {
  private readonly id = `chatcmpl-${randomUUID()}`;
  private readonly created = Math.floor(Date.now() / 1000);

  constructor(private readonly model: string) {}

  chunk(line: Record<string, unknown>): CompletionChunk {
    const message = (line.message ?? {}) as { content?: unknown; thinking?: unknown };
    const done = line.done === true;
    const delta: Record<string, unknown> = {};
    if (typeof message.content === 'string' && message.content) delta.content = message.content;
    if (typeof message.thinking === 'string' && message.thinking) delta.reasoning_content = message.thinking;
    const chunk: CompletionChunk = {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      choices: [{ index: 0, delta, finish_reason: done ? reasonOf(line) : null }],
    };
    if (done) chunk.usage = usageOf(line);
    return chunk;
  }

  /** A whole (non-streamed) Ollama answer as an OpenAI chat.completion. */
  completion(body: Record<string, unknown>) {
    const message = (body.message ?? {}) as { content?: unknown };
    return {
      id: this.id,
      object: 'chat.completion',
      created: this.created,
      model: this.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: typeof message.content === 'string' ? message.content : '' },
          finish_reason: reasonOf(body),
        },
      ],
      usage: usageOf(body),
    };
  }
}

function usageOf(line: Record<string, unknown>): Record<string, number> {
  const prompt = Number(line.prompt_eval_count ?? 0);
  const completion = Number(line.eval_count ?? 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

const reasonOf = (line: Record<string, unknown>) => (typeof line.done_reason === 'string' ? line.done_reason : 'stop');
