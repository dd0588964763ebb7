import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AppConfig, Role } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { MESSAGES } from '../common/errors.js';
import { PasswordService } from '../credentials/password.service.js';
import { DomainEvent } from '../events/domain-events.js';
import { EventBus } from '../events/event-bus.js';
import { GroupsService } from '../groups/groups.service.js';
import { SettingsService } from '../settings/settings.service.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { type OAuthIdentity, OAuthLoginError } from './oauth-identity.js';

/** A claim by dot path (`realm_access.roles`), as Open WebUI reads nested role and group claims. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A claim read as a list of names: a list stays one, a single string or number becomes a list of one. */
export function claimList(claims: Record<string, unknown>, path: string): string[] {
  const value = claimAt(claims, path);
  if (Array.isArray(value))
    return value.filter((item) => typeof item === 'string' || typeof item === 'number').map(String);
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  return [];
}

const httpUrl = (value: unknown): string | undefined =>
  typeof value === 'string' && /^https?:\/\//i.test(value) && value.length <= 2048 ? value : undefined;

/**
 * Turns a provider's verified identity into an account, as Open WebUI does: by provider and
 * subject first, then by email where OAUTH_MERGE_ACCOUNTS_BY_EMAIL allows, else a new account where
 * ENABLE_OAUTH_SIGNUP allows; role and groups from claims where their management is on.
 */
@Injectable()
export class OAuthAccountsService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly groups: GroupsService,
    private readonly passwords: PasswordService,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
  ) {}

  async signIn(identity: OAuthIdentity): Promise<UserEntity> {
    const oauth = this.config.oauth;
    const { provider, claims } = identity;
    const sub = claims[oauth.subClaimOverride ?? provider.subClaim];
    if ((typeof sub !== 'string' && typeof sub !== 'number') || sub === '') {
      throw new OAuthLoginError(MESSAGES.INVALID_CRED, 'The provider sent no subject claim');
    }
    const rawEmail = claims[oauth.emailClaim];
    if (typeof rawEmail !== 'string' || rawEmail === '') {
      throw new OAuthLoginError(MESSAGES.INVALID_CRED, 'The provider sent no email claim');
    }
    const email = rawEmail.toLowerCase();
    const domain = email.split('@').pop() ?? '';
    if (!oauth.allowedDomains.includes('*') && !oauth.allowedDomains.includes(domain)) {
      throw new OAuthLoginError(MESSAGES.INVALID_CRED, `Email domain ${domain} is not in OAUTH_ALLOWED_DOMAINS`);
    }
    const oauthSub = `${provider.id}@${String(sub)}`;

    let user = await this.users.findByOauthSub(oauthSub);
    if (!user && oauth.mergeAccountsByEmail) {
      const byEmail = await this.users.findByEmail(email);
      if (byEmail) user = await this.users.update(byEmail.id, { oauth_sub: oauthSub });
    }
    user = user ? await this.refresh(user, claims) : await this.create(oauthSub, email, claims);
    const groupNames = claimList(claims, oauth.groupsClaim);
    // Open WebUI's rule: a provider that sends no groups leaves the user's groups as they are.
    if (oauth.groupManagement && user.role !== 'admin' && groupNames.length > 0) {
      const admin = await this.users.findPrimaryAdmin();
      await this.groups.syncMembershipsByName(user.id, groupNames, {
        create: oauth.groupCreation,
        creatorId: admin?.id ?? user.id,
        description: "Group '{name}' created automatically via OAuth.",
        untouched: oauth.blockedGroups,
      });
    }
    return user;
  }

  private async refresh(user: UserEntity, claims: Record<string, unknown>): Promise<UserEntity> {
    const changes: Partial<UserEntity> = {};
    const role = this.roleFor(claims, user, await this.users.count());
    if (role !== user.role) changes.role = role;
    const picture = httpUrl(claims[this.config.oauth.pictureClaim]);
    if (this.config.oauth.updatePictureOnLogin && picture && picture !== user.profile_image_url) {
      changes.profile_image_url = picture;
    }
    if (Object.keys(changes).length === 0) return user;
    return (await this.users.update(user.id, changes)) ?? user;
  }

  private async create(oauthSub: string, email: string, claims: Record<string, unknown>): Promise<UserEntity> {
    if (!this.config.oauth.enableSignup) {
      throw new OAuthLoginError(MESSAGES.ACCESS_PROHIBITED, 'ENABLE_OAUTH_SIGNUP is off and no account matches');
    }
    if (await this.users.findByEmail(email)) {
      throw new OAuthLoginError(MESSAGES.EMAIL_TAKEN, 'An account with this email exists and merging is off');
    }
    const name = claims[this.config.oauth.usernameClaim];
    const user = await this.users.create(
      {
        name: typeof name === 'string' && name.trim() !== '' ? name.trim() : email,
        email,
        // Never used to sign in: the account signs in through its provider.
        passwordHash: await this.passwords.hash(randomUUID()),
        role: 'pending',
        // Deliberate difference: the picture's address is kept (the profile image route redirects to
        // it) rather than fetched from a server the claims name.
        profileImageUrl: httpUrl(claims[this.config.oauth.pictureClaim]) ?? '/user.png',
        oauthSub,
      },
      (existingUsers) => this.roleFor(claims, null, existingUsers),
    );
    if (user.role === 'admin' && !this.settings.get().primaryAdminId) {
      await this.settings.update({ primaryAdminId: user.id });
    }
    const { id, role, created_at } = user;
    this.events.emit(DomainEvent.UserSignedUp, { user: { id, name: user.name, email, role, created_at } });
    return user;
  }

  /**
   * Open WebUI's rule: the first account, and the only one, is the admin; with role management, an
   * allowed role gives `user`, an admin role `admin`, neither DEFAULT_USER_ROLE; without it new
   * accounts get DEFAULT_USER_ROLE and existing ones keep theirs.
   */
  private roleFor(claims: Record<string, unknown>, user: UserEntity | null, userCount: number): Role {
    if ((user && userCount === 1) || (!user && userCount === 0)) return 'admin';
    const oauth = this.config.oauth;
    const fallback = this.settings.get().defaultUserRole;
    if (!oauth.roleManagement) return user ? user.role : fallback;
    const roles = claimList(claims, oauth.rolesClaim);
    if (oauth.adminRoles.some((role) => roles.includes(role))) return 'admin';
    if (oauth.allowedRoles.some((role) => roles.includes(role))) return 'user';
    return fallback;
  }
}
