import { Module } from '@nestjs/common';
import { GenerationModule } from '../generation/generation.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { RetrievalModule } from '../retrieval/retrieval.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { ChatWebSearch } from './chat-web-search.service.js';
import { WebSearchController } from './web-search.controller.js';
import { WebSearchService } from './web-search.service.js';

/**
 * Web search: the engines (Open WebUI's wire formats), `process/web/search`, and the search behind
 * completions sent with `features.web_search`. Its settings are saved through the retrieval config
 * routes, as the web app sends them.
 */
@Module({
  imports: [RetrievalModule, SettingsModule, PermissionsModule, GenerationModule],
  controllers: [WebSearchController],
  providers: [WebSearchService, ChatWebSearch],
  exports: [ChatWebSearch],
})
export class WebSearchModule {}
