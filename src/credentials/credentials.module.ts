import { Module } from '@nestjs/common';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { BcryptLimiter } from './bcrypt-limiter.js';
import { PasswordService } from './password.service.js';

/**
 * API keys and password hashing: the part of auth that users needs too (key hints in the admin
 * list, password changes by admins). Below both UsersModule and AuthModule, so neither imports the other back.
 */
@Module({
  imports: [SettingsModule, PermissionsModule],
  providers: [ApiKeysRepository, ApiKeysService, BcryptLimiter, PasswordService],
  exports: [ApiKeysService, PasswordService],
})
export class CredentialsModule {}
