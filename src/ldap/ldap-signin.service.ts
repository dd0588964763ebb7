import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { badRequest, forbidden, MESSAGES } from '../common/errors.js';
import { type Session, SessionIssuer } from '../auth/session-issuer.service.js';
import { SigninRateLimiter } from '../auth/signin-rate-limiter.js';
import { PasswordService } from '../credentials/password.service.js';
import { GroupsService } from '../groups/groups.service.js';
import { SettingsService } from '../settings/settings.service.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { LdapSigninDto } from './dto/ldap-signin.dto.js';
import { type DirectoryFailure, DirectorySignInError, type DirectoryUser, LdapDirectory } from './ldap-directory.js';

/** Upstream's answer to every failed LDAP sign-in (its handler wraps each error in this one). */
export const LDAP_FAILED = 'LDAP authentication failed.';
export const LDAP_DISABLED = 'LDAP authentication is not enabled';
export const LDAP_TLS_FAILED = 'Failed to configure TLS for LDAP connection.';
/** Deliberately clearer than upstream: an outage is not the user's typo, and the admin should hear of it. */
export const LDAP_UNREACHABLE = 'LDAP authentication failed: the LDAP server could not be reached.';
export const LDAP_CERTIFICATE = "LDAP authentication failed: the LDAP server's certificate was not trusted.";

/** Failures a guesser causes: they count against the sign-in rate limit. */
const GUESSES: ReadonlySet<DirectoryFailure> = new Set(['not-found', 'bad-password']);
/** Failures only the admin can fix: logged as warnings. */
const MISCONFIGURED: ReadonlySet<DirectoryFailure> = new Set([
  'tls',
  'certificate',
  'app-bind',
  'bad-config',
  'unreachable',
]);

/**
 * `POST /api/v1/auths/ldap`: signs a directory user in with the LDAP settings as saved at this moment
 * (read per request from the settings every instance keeps current), creating the local account on
 * the first sign-in and syncing groups when the admin turned that on.
 */
@Injectable()
export class LdapSigninService {
  private readonly logger = new Logger(LdapSigninService.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly settings: SettingsService,
    private readonly directory: LdapDirectory,
    private readonly users: UsersService,
    private readonly groups: GroupsService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionIssuer,
    private readonly rateLimiter: SigninRateLimiter,
  ) {}

  async signin(input: LdapSigninDto, ip: string): Promise<Session> {
    const settings = this.settings.get();
    if (!settings.enableLdap) throw badRequest(LDAP_DISABLED);
    if (!this.config.auth.enablePasswordAuth) throw forbidden(MESSAGES.ACTION_PROHIBITED);

    const limitKey = `ldap:${input.user.toLowerCase()}`;
    await this.rateLimiter.assertAllowed(limitKey, ip);
    const manageGroups = settings.ldapGroup.enable_management;
    let found: DirectoryUser;
    try {
      found = await this.directory.authenticate(
        settings.ldapServer,
        input.user,
        input.password,
        manageGroups ? settings.ldapServer.attribute_for_groups : null,
      );
    } catch (error) {
      if (!(error instanceof DirectorySignInError)) throw error;
      if (GUESSES.has(error.failure)) await this.rateLimiter.recordFailure(limitKey, ip);
      if (MISCONFIGURED.has(error.failure)) this.logger.warn(error.message);
      throw badRequest(detailFor(error.failure));
    }

    const user = (await this.users.findByEmail(found.email)) ?? (await this.createUser(found));
    if (manageGroups && user.role !== 'admin') {
      await this.groups.syncMembershipsByName(user.id, found.groupNames, {
        create: settings.ldapGroup.enable_creation,
      });
    }
    return this.sessions.start(user);
  }

  /** First sign-in: a local account with a password nobody knows; the first account of all is the admin. */
  private async createUser(found: DirectoryUser): Promise<UserEntity> {
    let first = false;
    const user = await this.users.create(
      {
        name: found.name,
        email: found.email,
        passwordHash: await this.passwords.hash(randomUUID()),
        role: 'pending',
        profileImageUrl: '/user.png',
      },
      (existingUsers) => {
        first = existingUsers === 0;
        return first ? 'admin' : this.settings.get().defaultUserRole;
      },
    );
    if (first) await this.settings.update({ primaryAdminId: user.id });
    return user;
  }
}

function detailFor(failure: DirectoryFailure): string {
  if (failure === 'tls') return LDAP_TLS_FAILED;
  if (failure === 'unreachable') return LDAP_UNREACHABLE;
  if (failure === 'certificate') return LDAP_CERTIFICATE;
  return LDAP_FAILED;
}
