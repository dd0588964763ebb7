import { Injectable, Logger } from '@nestjs/common';
import { errorText } from '../../common/errors.js';
import type { RagSettings } from '../../config/app-config.js';
import { SettingsService } from '../../settings/settings.service.js';
import { ChunksRepository, type StoredChunk } from '../chunks.repository.js';
import { EmbeddingError } from '../embeddings/embedding-error.js';
import { ChunkEmbedder } from './chunk-embedder.js';
import { EmbeddingSpacesService } from './embedding-spaces.service.js';
import { ExternalReranker } from './external-reranker.js';
import { fuseRankings } from './rank-fusion.js';
import { unitVector } from './vector-matrix.js';
import { type SearchableSpace, type VectorHit, VectorStore } from './vector-store.js';

/** A query's own overrides of the settings (the query routes' `hybrid`, `k_reranker`, `r`, `hybrid_bm25_weight`). */
export interface SearchOptions {
  /** false turns hybrid search off for this query; it cannot turn it on when ENABLE_RAG_HYBRID_SEARCH is off. */
  hybrid?: boolean;
  kReranker?: number;
  relevanceThreshold?: number;
  bm25Weight?: number;
}

/**
 * Ranking chunks for a query, in the mode the settings and the stored vectors allow:
 * - full text (no engine, or the configured model's vectors are still being built);
 * - vector: the nearest chunks by cosine, scored (1 + cosine) / 2;
 * - hybrid (ENABLE_RAG_HYBRID_SEARCH): the top `k` of each, fused by weighted reciprocal rank
 *   (HYBRID_BM25_WEIGHT), then reordered by the external reranker when one is configured; at most
 *   min(k, TOP_K_RERANKER) are kept, as Open WebUI does.
 * RELEVANCE_THRESHOLD drops results scoring below it in every mode.
 */
@Injectable()
export class ChunkSearchService {
  private readonly logger = new Logger(ChunkSearchService.name);

  constructor(
    private readonly chunks: ChunksRepository,
    private readonly spaces: EmbeddingSpacesService,
    private readonly store: VectorStore,
    private readonly embedder: ChunkEmbedder,
    private readonly reranker: ExternalReranker,
    private readonly settings: SettingsService,
  ) {}

  async search(collections: string[], query: string, k: number, options: SearchOptions = {}): Promise<StoredChunk[]> {
    const rag = this.settings.get().rag;
    const threshold = options.relevanceThreshold ?? rag.RELEVANCE_THRESHOLD;
    const keep = (hits: StoredChunk[]) => hits.filter((hit) => hit.score >= threshold);
    if (collections.length === 0) return [];
    const space = await this.spaces.searchable(rag);
    const queryVector = space ? await this.embedQuery(rag, query, space) : null;
    if (!space || !queryVector) return keep(await this.chunks.searchText(collections, query, k));
    if (!rag.ENABLE_RAG_HYBRID_SEARCH || options.hybrid === false) {
      return keep(await this.nearest(space, collections, queryVector, k));
    }
    const [text, near] = await Promise.all([
      this.chunks.searchText(collections, query, k),
      this.nearest(space, collections, queryVector, k),
    ]);
    const fused = fuseRankings(text, near, options.bm25Weight ?? rag.HYBRID_BM25_WEIGHT).map(
      ({ item, score }): StoredChunk => ({ ...item, score }),
    );
    const reranked = await this.rerank(rag, query, fused);
    return keep(reranked).slice(0, Math.min(k, options.kReranker ?? rag.TOP_K_RERANKER));
  }

  /** The query's unit vector; null (full text instead) when the provider fails: a query must still answer. */
  async embedQuery(rag: RagSettings, query: string, space: SearchableSpace): Promise<Float32Array | null> {
    const client = this.embedder.client(rag);
    if (!client) return null;
    try {
      const [vector] = await client.embed([query], 'query');
      if (vector.length === space.dimensions) return unitVector(vector);
      this.logger.warn(`the query vector has ${vector.length} dimensions, the stored ones ${space.dimensions}`);
      return null;
    } catch (error) {
      if (!(error instanceof EmbeddingError)) throw error;
      this.logger.warn(`query embedding failed, searching full text: ${errorText(error)}`);
      return null;
    }
  }

  private async nearest(
    space: SearchableSpace,
    collections: string[],
    query: Float32Array,
    k: number,
  ): Promise<StoredChunk[]> {
    const hits = await this.store.nearest(space, collections, query, k);
    return this.withContent(hits);
  }

  /**
   * The hits' chunks, in hit order, scored (1 + cosine) / 2 (0 to 1, as Open WebUI reports distances):
   * read here unless the store read them with the ranking.
   */
  private async withContent(hits: VectorHit[]): Promise<StoredChunk[]> {
    const unread = hits.filter((hit) => !hit.chunk).map((hit) => hit.chunkId);
    const rows = new Map((await this.chunks.byIds(unread)).map((row) => [row.id, row]));
    return hits.flatMap((hit) => {
      const score = (1 + hit.similarity) / 2;
      if (hit.chunk) return [{ id: hit.chunkId, ...hit.chunk, score }];
      const row = rows.get(hit.chunkId);
      // A chunk deleted between the vector search and this read is left out.
      return row ? [{ ...row, score }] : [];
    });
  }

  private async rerank(rag: RagSettings, query: string, fused: StoredChunk[]): Promise<StoredChunk[]> {
    const scores = await this.reranker.scores(
      rag,
      query,
      fused.map((hit) => hit.content),
    );
    if (!scores) return fused;
    return fused.map((hit, i) => ({ ...hit, score: scores[i] })).sort((a, b) => b.score - a.score);
  }
}
