import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { MemoriesModule } from '../memories/memories.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { ChunksRepository } from './chunks.repository.js';
import { CollectionReaders } from './collection-readers.js';
import { FileProcessingJobs } from './file-processing.jobs.js';
import { RetrievalConfigService } from './retrieval-config.service.js';
import { RetrievalController } from './retrieval.controller.js';
import { RagSourcesService } from './rag-sources.service.js';
import { RetrievalService } from './retrieval.service.js';
import { WebIngestService } from './web-ingest.service.js';
import { ChunkEmbedder } from './vectors/chunk-embedder.js';
import { ChunkSearchService } from './vectors/chunk-search.service.js';
import { ChunkVectorsRepository } from './vectors/chunk-vectors.repository.js';
import { EmbeddingSpacesRepository } from './vectors/embedding-spaces.repository.js';
import { EmbeddingSpacesService } from './vectors/embedding-spaces.service.js';
import { ExternalReranker } from './vectors/external-reranker.js';
import { MemoryVectors } from './vectors/memory-vectors.service.js';
import { ReembedJobs } from './vectors/reembed.jobs.js';
import { vectorStoreProvider } from './vectors/vector-store.provider.js';

/**
 * Turning files into searchable text and finding it again: the processing job (extraction,
 * chunking, indexing), the chunk index, embeddings and the vector store (`vectors/`, memories'
 * vectors too), queries, and the Documents settings.
 */
@Module({
  imports: [FilesModule, JobsModule, SettingsModule, MemoriesModule],
  controllers: [RetrievalController],
  providers: [
    ChunksRepository,
    RetrievalService,
    RetrievalConfigService,
    FileProcessingJobs,
    RagSourcesService,
    WebIngestService,
    CollectionReaders,
    ChunkVectorsRepository,
    EmbeddingSpacesRepository,
    vectorStoreProvider,
    EmbeddingSpacesService,
    ChunkEmbedder,
    ChunkSearchService,
    ExternalReranker,
    ReembedJobs,
    MemoryVectors,
  ],
  exports: [RetrievalService, RagSourcesService, WebIngestService, CollectionReaders],
})
export class RetrievalModule {}
