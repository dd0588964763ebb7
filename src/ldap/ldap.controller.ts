import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../access/auth.decorator.js';
import { SessionUserDto } from '../auth/dto/auth.dto.js';
import { SessionCookie } from '../auth/session-cookie.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { LdapSigninDto } from './dto/ldap-signin.dto.js';
import { LdapSigninService } from './ldap-signin.service.js';

@ApiTags('auths')
@Controller('api/v1/auths')
export class LdapController {
  constructor(
    private readonly ldap: LdapSigninService,
    private readonly cookies: SessionCookie,
  ) {}

  @Post('ldap')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: SessionUserDto })
  @ApiBadRequestResponse({
    description: 'LDAP is off, the directory refused the user or password, or could not be reached',
    type: ErrorResponseDto,
  })
  @ApiForbiddenResponse({
    description: 'Password sign-in is disabled (ENABLE_PASSWORD_AUTH=false)',
    type: ErrorResponseDto,
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed sign-ins for this user name or address',
    type: ErrorResponseDto,
  })
  async ldapSignin(@Body() body: LdapSigninDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.cookies.attach(res, await this.ldap.signin(body, req.ip ?? 'unknown'));
  }
}
