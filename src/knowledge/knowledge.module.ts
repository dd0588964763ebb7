import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { RetrievalModule } from '../retrieval/retrieval.module.js';
import { UsersModule } from '../users/users.module.js';
import { KnowledgeFilesService } from './knowledge-files.service.js';
import { KnowledgeReindexJobs } from './knowledge-reindex.jobs.js';
import { KnowledgeSharing } from './knowledge-sharing.service.js';
import { KnowledgeController } from './knowledge.controller.js';
import { KnowledgeRepository } from './knowledge.repository.js';
import { KnowledgeService } from './knowledge.service.js';

/**
 * Knowledge bases: files indexed together under the knowledge base's id, shared through the
 * resource ACL. Reading one grants reading its files and its collection (KnowledgeSharing).
 */
@Module({
  imports: [FilesModule, RetrievalModule, UsersModule, PermissionsModule, JobsModule],
  controllers: [KnowledgeController],
  providers: [KnowledgeRepository, KnowledgeService, KnowledgeFilesService, KnowledgeSharing, KnowledgeReindexJobs],
})
export class KnowledgeModule {}
