import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { Auth, Public } from '../access/auth.decorator.js';
import { AuthenticatorService } from '../auth/authenticator.service.js';
import { cookieOnly } from '../auth/presented-credential.js';
import { type Changelog, shippedChangelog } from './changelog.js';
import { ClientConfigService } from './client-config.service.js';
import { AppConfigDto, VersionDto, VersionUpdatesDto } from './dto/meta.dto.js';

@ApiTags('meta')
@Controller('api')
export class MetaController {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly appConfig: ClientConfigService,
    private readonly authenticator: AuthenticatorService,
  ) {}

  /** Public; ignores the `Bearer undefined` the SPA sends before sign-in. */
  @Get('version')
  @Public()
  @ApiOkResponse({ type: VersionDto })
  getVersion() {
    return { version: this.config.version, deployment_id: this.config.deploymentId };
  }

  /**
   * The update check: this server never calls out (deployments may be offline), so the latest
   * version it knows of is its own.
   */
  @Get('version/updates')
  @Auth()
  @ApiOkResponse({ type: VersionUpdatesDto })
  getVersionUpdates(): VersionUpdatesDto {
    return { current: this.config.version, latest: this.config.version };
  }

  /** Release notes by version, from CHANGELOG.md: the web app's "What's New" dialog. */
  @Get('changelog')
  @Public()
  @ApiOkResponse({
    description: 'Changes by version: its date and its sections (added, changed, fixed…) as items',
    schema: {
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: true },
      example: {
        '0.6.40': { date: '2026-12-04', added: [{ title: 'Files', content: 'Uploads…', raw: '<li>…</li>' }] },
      },
    },
  })
  getChangelog(): Changelog {
    return shippedChangelog();
  }

  /**
   * Authenticates by the `token` cookie only, as the SPA sends no Authorization header here; a bad cookie
   * is anonymous, never 401.
   */
  @Get('config')
  @Public()
  @ApiOkResponse({ type: AppConfigDto })
  async getAppConfig(@Req() req: Request) {
    return this.appConfig.build(await this.authenticator.tryAuthenticate(cookieOnly(req)));
  }
}
