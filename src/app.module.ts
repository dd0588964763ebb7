import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access/access.guard.js';
import { AudioModule } from './audio/audio.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ChatsModule } from './chats/chats.module.js';
import { CodeExecutionModule } from './code-execution/code-execution.module.js';
import { CompletionsModule } from './completions/completions.module.js';
import { GenerationModule } from './generation/generation.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { FilesModule } from './files/files.module.js';
import { FoldersModule } from './folders/folders.module.js';
import { PlaceholdersModule } from './placeholders/placeholders.module.js';
import { FrontendModule } from './frontend/frontend.module.js';
import { GroupsModule } from './groups/groups.module.js';
import { HealthModule } from './health/health.module.js';
import { ImagesModule } from './images/images.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DatabaseDownloadModule } from './database-download/database-download.module.js';
import { entities } from './entities.js';
import { EvaluationsModule } from './evaluations/evaluations.module.js';
import { EventsModule } from './events/events.module.js';
import { KnowledgeModule } from './knowledge/knowledge.module.js';
import { KvModule } from './kv/kv.module.js';
import { LdapModule } from './ldap/ldap.module.js';
import { MemoriesModule } from './memories/memories.module.js';
import { MetaModule } from './meta/meta.module.js';
import { OAuthModule } from './oauth/oauth.module.js';
import { ModelsModule } from './models/models.module.js';
import { PermissionsModule } from './permissions/permissions.module.js';
import { PipelinesModule } from './pipelines/pipelines.module.js';
import { PromptsModule } from './prompts/prompts.module.js';
import { ProviderProxyModule } from './provider-proxy/provider-proxy.module.js';
import { ProvidersModule } from './providers/providers.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { RetrievalModule } from './retrieval/retrieval.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { ToolServersModule } from './tool-servers/tool-servers.module.js';
import { UsersModule } from './users/users.module.js';
import { WebSearchModule } from './web-search/web-search.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      // Express finds a route by walking its layers in registration order, and Nest registers
      // modules' routes in import order: the completion stream, the hottest route, comes first
      // (~2 µs a layer on a 2-core VM; it was 143 layers deep), then health probes and the session
      // check every page load of the web app makes. Their paths are exact, so nothing shadows.
      imports: [
        CompletionsModule,
        HealthModule,
        AuthModule,
        LdapModule,
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(entities),
        KvModule,
        EventsModule,
        SettingsModule,
        GroupsModule,
        PermissionsModule,
        UsersModule,
        MetaModule,
        OAuthModule,
        ChatsModule,
        FoldersModule,
        TasksModule,
        ProvidersModule,
        ModelsModule,
        ProviderProxyModule,
        PromptsModule,
        MemoriesModule,
        JobsModule,
        GenerationModule,
        FilesModule,
        RetrievalModule,
        KnowledgeModule,
        WebhooksModule,
        WebSearchModule,
        EvaluationsModule,
        ToolServersModule,
        CodeExecutionModule,
        AudioModule,
        ImagesModule,
        PipelinesModule,
        DatabaseDownloadModule,
        RealtimeModule,
        PlaceholdersModule,
        FrontendModule,
      ],
      // Every route passes through the access guard; routes without a rule are refused.
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
    };
  }
}
