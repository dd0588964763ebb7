import { Module } from '@nestjs/common';
import { ChatsModule } from '../chats/chats.module.js';
import { FoldersModule } from '../folders/folders.module.js';
import { GenerationModule } from '../generation/generation.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { MemoriesModule } from '../memories/memories.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { ModelsModule } from '../models/models.module.js';
import { RetrievalModule } from '../retrieval/retrieval.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { WebSearchModule } from '../web-search/web-search.module.js';
import { AnswerRecovery } from './answer-recovery.service.js';
import { BackgroundCompletions } from './background-completions.js';
import { ChatRetrieval } from './chat-retrieval.service.js';
import { CompletionsController } from './completions.controller.js';
import { CompletionsService } from './completions.service.js';

@Module({
  imports: [
    ChatsModule,
    FoldersModule,
    ModelsModule,
    ProvidersModule,
    MemoriesModule,
    TasksModule,
    JobsModule,
    SettingsModule,
    RetrievalModule,
    WebSearchModule,
    GenerationModule,
  ],
  controllers: [CompletionsController],
  providers: [CompletionsService, BackgroundCompletions, ChatRetrieval, AnswerRecovery],
})
export class CompletionsModule {}
