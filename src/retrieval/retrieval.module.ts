import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { FileProcessingJobs } from './file-processing.jobs.js';

/** Turning files into searchable text: the processing job (extraction, chunking, indexing). */
@Module({
  imports: [FilesModule, JobsModule],
  providers: [FileProcessingJobs],
})
export class RetrievalModule {}
