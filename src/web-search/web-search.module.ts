import { Module } from '@nestjs/common';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { RetrievalModule } from '../retrieval/retrieval.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { WebSearchController } from './web-search.controller.js';
import { WebSearchService } from './web-search.service.js';

/**
 * Web search: the engines (Open WebUI's wire formats) and `process/web/search`. Its settings are saved through the retrieval config
 * routes, as the web app sends them.
 */
@Module({
  imports: [RetrievalModule, SettingsModule, PermissionsModule],
  controllers: [WebSearchController],
  providers: [WebSearchService],
})
export class WebSearchModule {}
