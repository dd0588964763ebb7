import { Module } from '@nestjs/common';
import { LdapConfigService } from './ldap-config.service.js';
import { AdminConfigService } from './admin-config.service.js';
import { SettingsController } from './settings.controller.js';
import { SettingsRepository } from './settings.repository.js';
import { SettingsService } from './settings.service.js';
import { UiConfigService } from './ui-config.service.js';

/**
 * Runtime settings persisted in the `config` row (admins change them; every instance follows), and the
 * `/api/v1/configs` routes that read and change them. Environment configuration is `src/config`.
 */
@Module({
  controllers: [SettingsController],
  providers: [SettingsRepository, SettingsService, AdminConfigService, LdapConfigService, UiConfigService],
  exports: [SettingsService, AdminConfigService, LdapConfigService],
})
export class SettingsModule {}
