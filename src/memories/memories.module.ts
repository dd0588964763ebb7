import { Module } from '@nestjs/common';
import { MemoriesController } from './memories.controller.js';
import { MemoriesRepository } from './memories.repository.js';
import { MemoriesService } from './memories.service.js';
import { MemoryVectorIndexes } from './memory-vector-index.js';

/**
 * Per-user memories, and the context they add to completions that ask for it. Their vectors are
 * kept by the retrieval domain, which registers in MemoryVectorIndexes.
 */
@Module({
  controllers: [MemoriesController],
  providers: [MemoriesRepository, MemoriesService, MemoryVectorIndexes],
  exports: [MemoriesService, MemoryVectorIndexes],
})
export class MemoriesModule {}
