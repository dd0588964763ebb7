import { Module } from '@nestjs/common';
import { MemoriesController } from './memories.controller.js';
import { MemoriesRepository } from './memories.repository.js';
import { MemoriesService } from './memories.service.js';

/** Per-user memories, and the context they add to completions that ask for it. */
@Module({
  controllers: [MemoriesController],
  providers: [MemoriesRepository, MemoriesService],
  exports: [MemoriesService],
})
export class MemoriesModule {}
