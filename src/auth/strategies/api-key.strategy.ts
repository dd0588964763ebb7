import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy as CustomStrategy } from 'passport-custom';
import type { AuthContext } from '../../access/auth-context.js';
import { MESSAGES, unauthorized } from '../../common/errors.js';
import { ApiKeysService } from '../../credentials/api-keys.service.js';
import type { UserEntity } from '../../users/user.entity.js';
import { UsersService } from '../../users/users.service.js';
import { apiKeyFrom, type CredentialRequest } from '../presented-credential.js';

export const API_KEY_STRATEGY = 'api-key';

/**
 * An API key (Bearer `sk-…` or the x-api-key header) resolved to its owner and scopes. What the key may
 * do on a given route (switches, endpoint list, scopes) is decided after, by the request authenticator.
 */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(CustomStrategy, API_KEY_STRATEGY) {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly users: UsersService,
  ) {
    super();
  }

  async validate(req: CredentialRequest): Promise<AuthContext<UserEntity> | false> {
    const secret = apiKeyFrom(req);
    if (!secret) return false;
    const key = await this.apiKeys.resolve(secret);
    const user = key ? await this.users.findByIdCached(key.user_id) : null;
    if (!key || !user) throw unauthorized(MESSAGES.INVALID_TOKEN);
    return { user, token: secret, expiresAt: null, apiKey: { id: key.id, scopes: key.scopes } };
  }
}
