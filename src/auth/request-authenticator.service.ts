import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { type ApiScope, keyHasScope } from '../access/api-scopes.js';
import type { AuthenticatedRule } from '../access/auth.decorator.js';
import type { AuthContext } from '../access/auth-context.js';
import { RequestAuthenticator } from '../access/request-authenticator.js';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { forbidden, MESSAGES } from '../common/errors.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { AuthenticatorService } from './authenticator.service.js';

/** The access guard's authenticator for HTTP routes: the credential, then what an API key may do. */
@Injectable()
export class RequestAuthenticatorService extends RequestAuthenticator {
  constructor(
    private readonly authenticator: AuthenticatorService,
    private readonly settings: SettingsService,
    private readonly permissions: PermissionsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  async authenticateRequest(req: Request, rule: AuthenticatedRule): Promise<AuthContext> {
    const trustedHeader = this.config.auth.trustedEmailHeader;
    const auth = await this.authenticator.authenticate(req, trustedHeader ? req.header(trustedHeader) : undefined);
    if (auth.apiKey) await this.checkApiKey(auth, auth.apiKey.scopes, rule, req.path);
    return auth;
  }

  /**
   * Global switches, endpoint restrictions, then the route's scope: a key is refused before its
   * scopes are read when keys are off, the owner lost `features.api_keys`, or the path is not listed.
   */
  private async checkApiKey(
    auth: AuthContext,
    keyScopes: string[],
    rule: AuthenticatedRule,
    path: string,
  ): Promise<void> {
    const settings = this.settings.get();
    if (!settings.enableApiKeys) throw forbidden(MESSAGES.API_KEY_NOT_ALLOWED);
    if (auth.user.role !== 'admin' && !(await this.permissions.has(auth.user.id, 'features', 'api_keys'))) {
      throw forbidden(MESSAGES.API_KEY_NOT_ALLOWED);
    }
    if (settings.apiKeyEndpointRestrictions) {
      const allowed = settings.apiKeysAllowedEndpoints
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      if (!allowed.some((entry) => path === entry || path.startsWith(`${entry}/`))) {
        throw forbidden(MESSAGES.API_KEY_ENDPOINT_NOT_ALLOWED);
      }
    }
    const needed: ApiScope[] = [rule.scope ?? '*', ...(rule.role === 'admin' ? (['admin'] as const) : [])];
    const missing = needed.find((scope) => !keyHasScope(keyScopes, scope));
    if (missing) throw forbidden(`This API key lacks the "${missing}" scope.`);
  }
}
