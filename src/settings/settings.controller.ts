import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../access/auth.decorator.js';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { SettingsService } from './settings.service.js';
import { BannerDto, ConnectionsConfigDto, ModelsConfigDto, SetBannersDto } from './dto/settings.dto.js';

/** `/api/v1/configs`: the admin settings the web app reads on start and in the admin panel. */
@ApiTags('configs')
@Controller('api/v1/configs')
export class SettingsController {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly settings: SettingsService,
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

  @Get('connections')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: ConnectionsConfigDto })
  getConnectionsConfig(): ConnectionsConfigDto {
    return { ENABLE_DIRECT_CONNECTIONS: this.config.features.enableDirectConnections, ENABLE_BASE_MODELS_CACHE: false };
  }

  @Get('models')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: ModelsConfigDto })
  getModelsConfig(): ModelsConfigDto {
    const { defaultModels, defaultPinnedModels } = this.settings.get();
    return { DEFAULT_MODELS: defaultModels, DEFAULT_PINNED_MODELS: defaultPinnedModels, MODEL_ORDER_LIST: [] };
  }
}
