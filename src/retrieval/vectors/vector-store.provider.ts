import { Logger, type Provider } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ChunkVectorsRepository } from './chunk-vectors.repository.js';
import { InProcessVectorStore } from './in-process-vector-store.js';
import { PgvectorStore } from './pgvector-store.js';
import { VectorStore } from './vector-store.js';

/**
 * The vector store, chosen at start (VECTOR_DB): pgvector on PostgreSQL when the extension can be
 * created (required with VECTOR_DB=pgvector, never tried with VECTOR_DB=chroma), the in-process scan
 * otherwise. Both read the same table, so switching needs no migration.
 */
export const vectorStoreProvider: Provider = {
  provide: VectorStore,
  inject: [APP_CONFIG, ChunkVectorsRepository],
  useFactory: async (config: AppConfig, vectors: ChunkVectorsRepository) => {
    const logger = new Logger('VectorStore');
    const wanted = config.vectors.db;
    if (config.database.type === 'postgres' && wanted !== 'chroma') {
      if (await vectors.enablePgvector()) {
        logger.log('vectors ranked by pgvector (HNSW)');
        return new PgvectorStore(vectors, {
          exactUpTo: config.vectors.exactScanMax,
          efSearch: config.vectors.hnswEfSearch,
        });
      }
      if (wanted === 'pgvector') {
        throw new Error('VECTOR_DB=pgvector, but CREATE EXTENSION vector failed: install pgvector on the server');
      }
      logger.log('pgvector is not available: vectors ranked in-process');
    }
    return new InProcessVectorStore(vectors, config.vectors.cacheBytes);
  },
};
