import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { clientGone } from '../common/client-gone.js';
import { ApiBooleanResponse } from '../common/api-responses.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { AdminConfigService } from '../settings/admin-config.service.js';
import { LdapConfigService } from '../settings/ldap-config.service.js';
import type { AuthContext } from '../access/auth-context.js';
import type { UserEntity } from '../users/user.entity.js';
import { Auth, Caller, Public } from '../access/auth.decorator.js';
import { AdminConfigDto } from '../settings/dto/admin-config.dto.js';
import { LdapConfigDto, LdapConfigUpdateDto, LdapServerConfigDto } from '../settings/dto/ldap-config.dto.js';
import { AuthService } from './auth.service.js';
import { ApiKeysService } from '../credentials/api-keys.service.js';
import { AuthenticatorService } from './authenticator.service.js';
import {
  AddUserDto,
  AdminDetailsDto,
  ApiKeyCreatedDto,
  ApiKeyInfoDto,
  CreateApiKeyDto,
  SessionUserDto,
  SessionUserInfoDto,
  SigninDto,
  SigninResponseDto,
  SignoutResponseDto,
  SignupDto,
  UpdatePasswordDto,
  UpdateProfileDto,
  UserResponseDto,
} from './dto/auth.dto.js';
import { SessionCookie } from './session-cookie.js';
import { OAuthSignoutService } from '../oauth/oauth-signout.service.js';

@ApiTags('auths')
@Controller('api/v1/auths')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly apiKeys: ApiKeysService,
    private readonly adminConfig: AdminConfigService,
    private readonly ldapConfig: LdapConfigService,
    private readonly authenticator: AuthenticatorService,
    private readonly cookies: SessionCookie,
    @InjectConfig() private readonly config: AppConfig,
    private readonly providerSignout: OAuthSignoutService,
  ) {}

  @Get()
  @Auth({ role: 'pending', scope: 'profile' })
  @ApiOkResponse({ type: SessionUserInfoDto })
  async getSessionUser(@Caller() caller: AuthContext<UserEntity>, @Res({ passthrough: true }) res: Response) {
    return this.cookies.attach(res, await this.auth.session(caller));
  }

  @Post('signin')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: SessionUserDto })
  @ApiBadRequestResponse({ description: 'Wrong email or password, or an invalid body', type: ErrorResponseDto })
  @ApiForbiddenResponse({
    description:
      'Password sign-in is disabled (ENABLE_PASSWORD_AUTH, ENABLE_LOGIN_FORM), or a trusted-header user may not sign up',
    type: ErrorResponseDto,
  })
  @ApiServiceUnavailableResponse({
    description: 'Too many sign-ins waiting (BCRYPT_QUEUE_LIMIT); Retry-After says when to come back',
    type: ErrorResponseDto,
  })
  async signin(@Body() body: SigninDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const session = await this.auth.signin(body, req.ip ?? 'unknown', this.trustedHeaders(req), clientGone(res));
    return this.cookies.attach(res, session);
  }

  @Post('signup')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: SessionUserDto })
  @ApiBadRequestResponse({ description: 'Email taken or invalid, or an invalid body', type: ErrorResponseDto })
  @ApiForbiddenResponse({ description: 'Sign-up is closed', type: ErrorResponseDto })
  async signup(@Body() body: SignupDto, @Res({ passthrough: true }) res: Response) {
    return this.cookies.attach(res, await this.auth.signup(body));
  }

  @Get('signout')
  @Public()
  @ApiOkResponse({ type: SignoutResponseDto })
  async signout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.signout(await this.authenticator.tryAuthenticate(req));
    // A session from an OpenID provider ends there too: the web app goes to `redirect_url`.
    const providerSignout = await this.providerSignout.endSessionUrl(req);
    return this.cookies.clear(res, providerSignout ? { ...result, redirect_url: providerSignout } : result);
  }

  @Post('update/profile')
  @HttpCode(200)
  @Auth({ scope: 'profile' })
  @ApiOkResponse({ type: UserResponseDto })
  updateProfile(@Caller() caller: AuthContext, @Body() body: UpdateProfileDto) {
    return this.auth.updateProfile(caller.user.id, body);
  }

  @Post('update/password')
  @HttpCode(200)
  @Auth({ role: 'pending' })
  @ApiBooleanResponse()
  updatePassword(@Caller() caller: AuthContext, @Body() body: UpdatePasswordDto) {
    return this.auth.updatePassword(caller.user.id, body);
  }

  @Post('add')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: SigninResponseDto })
  addUser(@Body() body: AddUserDto) {
    return this.auth.addUser(body);
  }

  @Get('admin/details')
  @Auth({ role: 'pending', scope: 'profile' })
  @ApiOkResponse({ type: AdminDetailsDto })
  getAdminDetails() {
    return this.auth.adminDetails();
  }

  @Get('admin/config')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: AdminConfigDto })
  getAdminConfig() {
    return this.adminConfig.get();
  }

  @Post('admin/config')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: AdminConfigDto })
  updateAdminConfig(@Body() body: AdminConfigDto) {
    return this.adminConfig.update(body);
  }

  @Get('admin/config/ldap')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: LdapConfigDto })
  getLdapConfig() {
    return this.ldapConfig.config();
  }

  @Post('admin/config/ldap')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: LdapConfigDto })
  updateLdapConfig(@Body() body: LdapConfigUpdateDto) {
    return this.ldapConfig.setEnabled(body.enable_ldap);
  }

  @Get('admin/config/ldap/server')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: LdapServerConfigDto })
  getLdapServer() {
    return this.ldapConfig.server();
  }

  /** Refused with 400 while a field the directory needs is empty (upstream's rule). */
  @Post('admin/config/ldap/server')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: LdapServerConfigDto })
  updateLdapServer(@Body() body: LdapServerConfigDto) {
    return this.ldapConfig.updateServer(body);
  }

  @Post('api_key')
  @HttpCode(200)
  @Auth({ role: 'pending' })
  @ApiBody({ type: CreateApiKeyDto, required: false })
  @ApiOkResponse({ type: ApiKeyCreatedDto })
  createApiKey(@Caller() caller: AuthContext, @Body() body: CreateApiKeyDto) {
    return this.apiKeys.create(caller.user, body?.scopes);
  }

  @Get('api_key')
  @Auth({ role: 'pending' })
  @ApiOkResponse({ type: ApiKeyInfoDto })
  getApiKey(@Caller() caller: AuthContext) {
    return this.apiKeys.show(caller.user.id);
  }

  @Delete('api_key')
  @Auth({ role: 'pending' })
  @ApiBooleanResponse()
  deleteApiKey(@Caller() caller: AuthContext) {
    return this.apiKeys.delete(caller.user.id);
  }

  private trustedHeaders(req: Request) {
    const { trustedEmailHeader, trustedNameHeader } = this.config.auth;
    return {
      email: trustedEmailHeader ? req.header(trustedEmailHeader) : undefined,
      name: trustedNameHeader ? req.header(trustedNameHeader) : undefined,
    };
  }
}
