import { AppError } from '../../common/errors.js';
import type { EmbeddingEngine } from '../../config/app-config.js';

/**
 * An embedding request that failed for good (after retries, or at once where retrying cannot help). The
 * message names the engine, the URL and the HTTP status, so the UI can show what to fix; it never holds the
 * API key. It answers 502 (504 for a timeout) through the one error filter.
 */
export class EmbeddingError extends AppError {
  constructor(
    readonly engine: Exclude<EmbeddingEngine, ''>,
    /** The endpoint, without user info. */
    readonly url: string,
    /** The HTTP status that ended it; undefined when there was no answer (network error, timeout). */
    readonly status: number | undefined,
    reason: string,
    timedOut = false,
  ) {
    const answered = status === undefined ? '' : `HTTP ${status}: `;
    super(
      timedOut ? 'gateway_timeout' : 'bad_gateway',
      `Embedding request to ${engine} at ${url} failed: ${answered}${reason}`,
    );
  }
}
