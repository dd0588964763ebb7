import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../access/auth.decorator.js';
import { OAuthLoginService } from './oauth-login.service.js';

/**
 * Single sign-on. Browser navigations, not API calls (both answer with redirects, nothing an API
 * client can use), so they stay out of the OpenAPI document and the SDK; the README lists them.
 */
@ApiExcludeController()
@Controller('oauth')
export class OAuthController {
  constructor(private readonly logins: OAuthLoginService) {}

  /** To the provider's authorization page; 404 for a provider that is not configured. */
  @Get(':provider/login')
  @Public()
  async login(@Param('provider') provider: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.logins.start(provider, req, res);
  }

  /**
   * To `/auth` with the `token` cookie, or `/auth?error=…` with no session. `/oauth/{provider}/callback`
   * is Open WebUI's older address, still registered at some providers.
   */
  @Get([':provider/login/callback', ':provider/callback'])
  @Public()
  async callback(@Param('provider') provider: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.logins.finish(provider, req, res);
  }
}
