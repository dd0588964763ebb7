import { Injectable, Logger } from '@nestjs/common';
import { errorText } from '../../common/errors.js';
import type { RagSettings } from '../../config/app-config.js';

/** How long a rerank request may take before search goes on without it. */
const RERANK_TIMEOUT_MS = 30_000;

/**
 * Open WebUI's external reranker (RAG_RERANKING_ENGINE=external): `POST RAG_EXTERNAL_RERANKER_URL`
 * with `{model, query, documents, top_n}` and the bearer RAG_EXTERNAL_RERANKER_API_KEY; the answer's
 * `results: [{index, relevance_score}]` score the documents (the Cohere / Jina / TEI `/rerank` shape).
 */
@Injectable()
export class ExternalReranker {
  private readonly logger = new Logger(ExternalReranker.name);

  configured(rag: RagSettings): boolean {
    return rag.RAG_RERANKING_ENGINE === 'external' && rag.RAG_EXTERNAL_RERANKER_URL.trim() !== '';
  }

  /**
   * One score per document, in input order; null when no reranker is configured or it failed (the
   * search then keeps the fused order: a reranker that is down must not take retrieval with it).
   */
  async scores(rag: RagSettings, query: string, documents: string[]): Promise<number[] | null> {
    if (!this.configured(rag) || documents.length === 0) return null;
    const url = rag.RAG_EXTERNAL_RERANKER_URL.trim();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(rag.RAG_EXTERNAL_RERANKER_API_KEY
            ? { authorization: `Bearer ${rag.RAG_EXTERNAL_RERANKER_API_KEY}` }
            : {}),
        },
        body: JSON.stringify({ model: rag.RAG_RERANKING_MODEL, query, documents, top_n: documents.length }),
        signal: AbortSignal.timeout(RERANK_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return readScores(await response.json(), documents.length);
    } catch (error) {
      this.logger.warn(`the external reranker failed, keeping the fused order: ${errorText(error)}`);
      return null;
    }
  }
}

/** Scores by `index`; a document the answer leaves out scores 0 (it asked for all, so that is the worst). */
function readScores(answer: unknown, count: number): number[] {
  const results = (answer as { results?: unknown } | null)?.results;
  if (!Array.isArray(results)) throw new Error('the answer has no "results" list');
  const scores = new Array<number>(count).fill(0);
  for (const result of results as { index?: unknown; relevance_score?: unknown }[]) {
    const { index, relevance_score: score } = result ?? {};
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
      throw new Error('a result has no valid "index"');
    }
    if (typeof score !== 'number' || !Number.isFinite(score)) throw new Error('a result has no "relevance_score"');
    scores[index] = score;
  }
  return scores;
}
