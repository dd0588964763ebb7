import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AppConfig, Role } from '../config/app-config.js';
import { DomainEvent } from '../events/domain-events.js';
import { EventBus } from '../events/event-bus.js';
import { InjectConfig } from '../config/config.module.js';
import { badRequest, forbidden, MESSAGES } from '../common/errors.js';
import { GroupsService } from '../groups/groups.service.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { SettingsService } from '../settings/settings.service.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { AuthContext } from '../access/auth-context.js';
import type {
  AddUserDto,
  AdminDetailsDto,
  SessionUserDto,
  SessionUserInfoDto,
  SigninDto,
  SigninResponseDto,
  SignupDto,
  UpdatePasswordDto,
  UpdateProfileDto,
  UserResponseDto,
} from './dto/auth.dto.js';
import { PasswordService } from '../credentials/password.service.js';
import { publicUser } from './public-user.js';
import { SigninRateLimiter } from './signin-rate-limiter.js';
import { TokenService } from './token.service.js';

/** Open WebUI's check: something@something.tld, or a bare @localhost address. */
const EMAIL_FORMAT = /^[^\s@]+@([^\s@.]+\.)+[^\s@.]+$|^[^\s@]+@localhost$/i;
const NO_AUTH_EMAIL = 'admin@localhost';

export interface Session {
  body: SessionUserDto;
  /** Set as the `token` cookie; null when the session came from an API key. */
  cookie: { token: string; expiresAt: number | null } | null;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly groups: GroupsService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly settings: SettingsService,
    private readonly permissions: PermissionsService,
    private readonly rateLimiter: SigninRateLimiter,
    private readonly events: EventBus,
  ) {}

  /** `abandoned` aborts when the client goes away: its check leaves the queue if it has not started. */
  async signin(
    input: SigninDto,
    ip: string,
    trusted: { email?: string; name?: string },
    abandoned?: AbortSignal,
  ): Promise<Session> {
    if (!this.config.auth.enablePasswordAuth) throw forbidden(MESSAGES.ACTION_PROHIBITED);
    if (this.config.auth.trustedEmailHeader) return this.signinTrusted(trusted);
    if (!this.config.auth.webuiAuth) return this.signinNoAuth();

    const email = input.email.trim().toLowerCase();
    await this.rateLimiter.assertAllowed(email, ip);
    const credential = await this.users.findCredential(email);
    const valid = await this.passwords.verify(input.password, credential?.password, abandoned);
    const user = valid && credential ? await this.users.findById(credential.id) : null;
    if (!user) {
      await this.rateLimiter.recordFailure(email, ip);
      throw badRequest(MESSAGES.INVALID_CRED);
    }
    return this.startSession(user);
  }

  async signup(input: SignupDto): Promise<Session> {
    const settings = this.settings.get();
    const existingUsers = await this.users.count();
    if (this.config.auth.webuiAuth) {
      const open = settings.enableSignup && settings.enableLoginForm;
      const firstAdmin = existingUsers === 0 && this.config.auth.enableInitialAdminSignup;
      if (!open && !firstAdmin) throw forbidden(MESSAGES.ACCESS_PROHIBITED);
    } else if (existingUsers > 0) {
      throw forbidden(MESSAGES.ACCESS_PROHIBITED);
    }
    const user = await this.createAccount(input, (count) => (count === 0 ? 'admin' : settings.defaultUserRole));
    if (user.role === 'admin' && existingUsers === 0) {
      // As upstream: once the first admin exists, further signups need the admin to reopen them.
      await this.settings.update({ enableSignup: false, primaryAdminId: user.id });
    }
    if (settings.defaultGroupId) {
      await this.groups.addToGroupIfExists(settings.defaultGroupId, user.id);
    }
    const { id, name, email, role, created_at } = user;
    this.events.emit(DomainEvent.UserSignedUp, { user: { id, name, email, role, created_at } });
    return this.startSession(user);
  }

  /** Admin creates an account; the returned token never expires (upstream's behaviour). */
  async addUser(input: AddUserDto): Promise<SigninResponseDto> {
    const role = input.role ?? 'pending';
    const user = await this.createAccount(input, () => role);
    const { token } = this.tokens.issue(user.id, null);
    return { token, token_type: 'Bearer', ...publicUser(user) };
  }

  async session(auth: AuthContext<UserEntity>): Promise<{ body: SessionUserInfoDto; cookie: Session['cookie'] }> {
    const { user } = auth;
    const body: SessionUserInfoDto = {
      token: auth.token,
      token_type: 'Bearer',
      expires_at: auth.expiresAt,
      ...publicUser(user),
      permissions: await this.permissions.effective(user.id),
      bio: user.bio,
      gender: user.gender,
      date_of_birth: user.date_of_birth,
    };
    return { body, cookie: auth.apiKey ? null : { token: auth.token, expiresAt: auth.expiresAt } };
  }

  async updateProfile(userId: string, input: UpdateProfileDto): Promise<UserResponseDto> {
    if (input.date_of_birth && !/^\d{4}-\d{2}-\d{2}$/.test(input.date_of_birth)) {
      throw badRequest('date_of_birth must be YYYY-MM-DD');
    }
    const user = await this.users.update(userId, {
      name: input.name,
      profile_image_url: input.profile_image_url,
      bio: input.bio ?? null,
      gender: input.gender ?? null,
      date_of_birth: input.date_of_birth || null,
    });
    if (!user) throw badRequest(MESSAGES.DEFAULT);
    return publicUser(user);
  }

  async updatePassword(userId: string, input: UpdatePasswordDto): Promise<boolean> {
    if (this.config.auth.trustedEmailHeader) throw badRequest(MESSAGES.ACTION_PROHIBITED);
    const credential = await this.users.findCredentialById(userId);
    if (!credential || !(await this.passwords.verify(input.password, credential.password))) {
      throw badRequest(MESSAGES.INCORRECT_PASSWORD);
    }
    // Deliberate fix: upstream applies the policy to the current password; we check the new one.
    this.passwords.assertAcceptable(input.new_password);
    await this.users.setPassword(userId, await this.passwords.hash(input.new_password));
    return true;
  }

  /** Revokes the presented JWT (until it would have expired) and tells where to go next. */
  async signout(token: string | undefined): Promise<{ status: true; redirect_url?: string }> {
    if (token && !token.startsWith('sk-')) {
      const claims = await this.tokens.verify(token);
      if (claims) await this.tokens.revoke(claims);
    }
    const redirect = this.config.auth.signoutRedirectUrl;
    return redirect ? { status: true, redirect_url: redirect } : { status: true };
  }

  async adminDetails(): Promise<AdminDetailsDto> {
    const settings = this.settings.get();
    if (!settings.showAdminDetails) throw badRequest(MESSAGES.ACTION_PROHIBITED);
    const admin =
      (settings.adminEmail && (await this.users.findByEmail(settings.adminEmail))) ||
      (await this.users.findPrimaryAdmin());
    if (!admin) throw badRequest(MESSAGES.NOT_FOUND);
    return { name: admin.name, email: admin.email };
  }

  private async createAccount(input: SignupDto, decideRole: (existingUsers: number) => Role): Promise<UserEntity> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL_FORMAT.test(email)) throw badRequest(MESSAGES.INVALID_EMAIL_FORMAT);
    if (await this.users.findByEmail(email)) throw badRequest(MESSAGES.EMAIL_TAKEN);
    // Deliberate fix: a password that fails the policy is bad input (400), not upstream's 500.
    this.passwords.assertAcceptable(input.password);
    const user = await this.users.create(
      {
        name: input.name.trim(),
        email,
        passwordHash: await this.passwords.hash(input.password),
        role: 'pending',
        profileImageUrl: input.profile_image_url || '/user.png',
      },
      decideRole,
    );
    return user;
  }

  /** A signed-in user's token and SessionUser body; every way of signing in (password, LDAP) ends here. */
  async startSession(user: UserEntity): Promise<Session> {
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

  /** Trusted-header SSO: the proxy in front vouches for the email (and name). */
  private async signinTrusted(trusted: { email?: string; name?: string }): Promise<Session> {
    if (!trusted.email) throw badRequest(MESSAGES.INVALID_TRUSTED_HEADER);
    const email = trusted.email.toLowerCase();
    const existing = await this.users.findByEmail(email);
    if (existing) return this.startSession(existing);
    const name = trusted.name ? decodeURIComponent(trusted.name) : email;
    return this.signup({ email, name, password: randomUUID() });
  }

  /** WEBUI_AUTH=false: everyone is the single local admin. */
  private async signinNoAuth(): Promise<Session> {
    const existing = await this.users.findByEmail(NO_AUTH_EMAIL);
    if (existing) return this.startSession(existing);
    if ((await this.users.count()) > 0) throw badRequest(MESSAGES.EXISTING_USERS);
    const user = await this.createAccount({ email: NO_AUTH_EMAIL, name: 'User', password: 'admin' }, () => 'admin');
    await this.settings.update({ primaryAdminId: user.id });
    return this.startSession(user);
  }
}
