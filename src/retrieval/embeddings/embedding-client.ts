import type { EmbeddingEngine } from '../../config/app-config.js';
import { embeddingError, requestVectors, type RetryPolicy } from './embedding-request.js';
import { type EmbeddingSettings, type EmbeddingWire, wireFor } from './embedding-wire.js';

export type { EmbeddingSettings } from './embedding-wire.js';
export type EmbeddingPurpose = 'document' | 'query';

export interface EmbeddingClient {
  readonly engine: Exclude<EmbeddingEngine, ''>;
  readonly model: string;
  /**
   * One vector per text, in order, all of one dimension. Rejects with EmbeddingError when the engine fails
   * or answers something else; with the signal's reason when `signal` aborts.
   */
  embed(texts: string[], purpose: EmbeddingPurpose, options?: { signal?: AbortSignal }): Promise<number[][]>;
}

export interface EmbeddingClientOptions extends Partial<RetryPolicy> {
  /** Batches in flight at once. */
  concurrency?: number;
  /** Put before every text of that purpose (as Open WebUI's RAG_EMBEDDING_QUERY_PREFIX / _CONTENT_PREFIX). */
  prefixes?: Partial<Record<EmbeddingPurpose, string>>;
}

const DEFAULT_POLICY: RetryPolicy = {
  timeoutMs: 60_000,
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};
const DEFAULT_CONCURRENCY = 4;

/** The client for the configured engine; null when RAG_EMBEDDING_ENGINE is '': there are no embeddings then. */
export function createEmbeddingClient(
  settings: EmbeddingSettings,
  options: EmbeddingClientOptions = {},
): EmbeddingClient | null {
  const wire = wireFor(settings);
  if (!wire) return null;
  const { concurrency, prefixes, ...policy } = options;
  return new HttpEmbeddingClient(
    wire,
    settings.RAG_EMBEDDING_MODEL,
    Math.max(1, Math.floor(settings.RAG_EMBEDDING_BATCH_SIZE)),
    Math.max(1, concurrency ?? DEFAULT_CONCURRENCY),
    { ...DEFAULT_POLICY, ...policy },
    prefixes ?? {},
  );
}

/** Texts go in batches of the configured size, a few at a time; the answers are put back in input order. */
class HttpEmbeddingClient implements EmbeddingClient {
  readonly engine: Exclude<EmbeddingEngine, ''>;

  constructor(
    private readonly wire: EmbeddingWire,
    readonly model: string,
    private readonly batchSize: number,
    private readonly concurrency: number,
    private readonly policy: RetryPolicy,
    private readonly prefixes: Partial<Record<EmbeddingPurpose, string>>,
  ) {
    this.engine = wire.engine;
  }

  async embed(texts: string[], purpose: EmbeddingPurpose, options: { signal?: AbortSignal } = {}): Promise<number[][]> {
    if (!isHttpUrl(this.wire.url)) throw embeddingError(this.wire, undefined, 'the base URL is not an http(s) URL');
    const prefix = this.prefixes[purpose] ?? '';
    const batches: string[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      batches.push(texts.slice(i, i + this.batchSize).map((text) => prefix + text));
    }
    const results: number[][][] = new Array<number[][]>(batches.length);
    const dimension = { value: 0 };
    // The first failure stops the batches still in flight: their answers could no longer be used.
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        signal.throwIfAborted();
        const index = next++;
        const vectors = await requestVectors(this.wire, batches[index], this.policy, signal);
        results[index] = this.checked(vectors, batches[index].length, dimension);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.concurrency, batches.length) }, worker));
    } catch (error) {
      stop.abort();
      throw error;
    }
    return results.flat();
  }

  /** One vector per text, every one a list of finite numbers of the same length as the first batch's. */
  private checked(vectors: unknown[], expected: number, dimension: { value: number }): number[][] {
    const fail = (reason: string) => embeddingError(this.wire, 200, reason);
    if (vectors.length !== expected) throw fail(`${vectors.length} embeddings came back for ${expected} texts`);
    vectors.forEach((vector, i) => {
      if (!isVector(vector)) throw fail(`embedding ${i} of a batch is not a list of numbers`);
      dimension.value ||= vector.length;
      if (vector.length !== dimension.value) {
        throw fail(`embeddings of different dimensions came back (${dimension.value} and ${vector.length})`);
      }
    });
    return vectors as number[][];
  }
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'number' && Number.isFinite(x));
}

function isHttpUrl(url: string): boolean {
  return URL.canParse(url) && /^https?:$/.test(new URL(url).protocol);
}
