import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../access/auth.decorator.js';
import { SettingsService } from './settings.service.js';
import { UiConfigService } from './ui-config.service.js';
import {
  BannerDto,
  ConnectionsConfigDto,
  ImportConfigDto,
  ModelsConfigDto,
  PromptSuggestionDto,
  SetBannersDto,
  SetPromptSuggestionsDto,
  UpdateConnectionsConfigDto,
  UpdateModelsConfigDto,
} from './dto/settings.dto.js';

const CONFIG_DOCUMENT = {
  description: 'The settings document (Open WebUI paths, e.g. `ui.enable_signup`)',
  schema: {
    type: 'object',
    additionalProperties: true,
    example: { ui: { enable_signup: false, default_locale: '' }, code_execution: { enable: true, engine: 'pyodide' } },
  },
};

/** `/api/v1/configs`: the admin settings the web app reads on start and in the admin panel. */
@ApiTags('configs')
@Controller('api/v1/configs')
export class SettingsController {
  constructor(
    private readonly settings: SettingsService,
    private readonly uiConfig: UiConfigService,
  ) {}

  @Get('banners')
  @Auth()
  @ApiOkResponse({ type: [BannerDto] })
  getBanners(): BannerDto[] {
    return this.settings.get().banners;
  }

  @Post('banners')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: [BannerDto] })
  async setBanners(@Body() body: SetBannersDto): Promise<BannerDto[]> {
    return (await this.settings.update({ banners: body.banners })).banners;
  }

  /** Admin → Settings → Database → Export Config: every setting, in Open WebUI's document layout. */
  @Get('export')
  @Auth({ role: 'admin' })
  @ApiOkResponse(CONFIG_DOCUMENT)
  exportConfig(): Promise<Record<string, unknown>> {
    return this.settings.exportDocument();
  }

  @Post('import')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse(CONFIG_DOCUMENT)
  importConfig(@Body() body: ImportConfigDto): Promise<Record<string, unknown>> {
    return this.settings.importDocument(body.config);
  }

  /** Admin → Settings → Interface: the starters on the new-chat screen (`default_prompt_suggestions`). */
  @Post('suggestions')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: [PromptSuggestionDto] })
  setPromptSuggestions(@Body() body: SetPromptSuggestionsDto): Promise<PromptSuggestionDto[]> {
    return this.uiConfig.setPromptSuggestions(body.suggestions);
  }

  @Get('connections')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: ConnectionsConfigDto })
  getConnectionsConfig(): ConnectionsConfigDto {
    return this.uiConfig.connections();
  }

  @Post('connections')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: ConnectionsConfigDto })
  setConnectionsConfig(@Body() body: UpdateConnectionsConfigDto): Promise<ConnectionsConfigDto> {
    return this.uiConfig.setConnections(body);
  }

  @Get('models')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: ModelsConfigDto })
  getModelsConfig(): ModelsConfigDto {
    return this.uiConfig.models();
  }

  /** Admin → Settings → Models → Settings: default and pinned models for new chats, and the list order. */
  @Post('models')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: ModelsConfigDto })
  setModelsConfig(@Body() body: UpdateModelsConfigDto): Promise<ModelsConfigDto> {
    return this.uiConfig.setModels(body);
  }
}
