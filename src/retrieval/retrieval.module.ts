import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { ChunksRepository } from './chunks.repository.js';
import { CollectionReaders } from './collection-readers.js';
import { FileProcessingJobs } from './file-processing.jobs.js';
import { RetrievalConfigService } from './retrieval-config.service.js';
import { RetrievalController } from './retrieval.controller.js';
import { RagSourcesService } from './rag-sources.service.js';
import { RetrievalService } from './retrieval.service.js';
import { WebIngestService } from './web-ingest.service.js';

/**
 * Turning files into searchable text and finding it again: the processing job (extraction,
 * chunking, indexing), the chunk index, queries, and the Documents settings.
 */
@Module({
  imports: [FilesModule, JobsModule, SettingsModule],
  controllers: [RetrievalController],
  providers: [
    ChunksRepository,
    RetrievalService,
    RetrievalConfigService,
    FileProcessingJobs,
    RagSourcesService,
    WebIngestService,
    CollectionReaders,
  ],
  exports: [RetrievalService, RagSourcesService, WebIngestService, CollectionReaders],
})
export class RetrievalModule {}
