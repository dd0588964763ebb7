import { Injectable } from '@nestjs/common';
import { PermissionsService } from '../permissions/permissions.service.js';
import { SettingsService } from '../settings/settings.service.js';
import type { UserEntity } from '../users/user.entity.js';
import type { SessionUserDto } from './dto/auth.dto.js';
import { publicUser } from './public-user.js';
import { TokenService } from './token.service.js';

export interface Session {
  body: SessionUserDto;
  /** Set as the `token` cookie (SessionCookie.attach); null when the session came from an API key. */
  cookie: { token: string; expiresAt: number | null } | null;
}

/**
 * Signs a user in once some method has proven who they are (password, trusted header, and the
 * OpenID/OAuth and LDAP sign-ins): a session token for JWT_EXPIRES_IN, and the body the web app expects
 * (SessionUser: token, user, effective permissions). Callers set the cookie with SessionCookie.attach.
 */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly tokens: TokenService,
    private readonly settings: SettingsService,
    private readonly permissions: PermissionsService,
  ) {}

  async start(user: UserEntity): Promise<Session> {
    const { token, expiresAt } = this.tokens.issue(user.id, this.settings.get().jwtExpiresIn);
    const body: SessionUserDto = {
      token,
      token_type: 'Bearer',
      expires_at: expiresAt,
      ...publicUser(user),
      permissions: await this.permissions.effective(user.id),
    };
    return { body, cookie: { token, expiresAt } };
  }
}
