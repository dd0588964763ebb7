import { Module } from '@nestjs/common';
import { AdminConfigService } from './admin-config.service.js';
import { SettingsRepository } from './settings.repository.js';
import { SettingsService } from './settings.service.js';

/** Runtime settings persisted in the `config` row (admins change them; every instance follows). */
@Module({
  providers: [SettingsRepository, SettingsService, AdminConfigService],
  exports: [SettingsService, AdminConfigService],
})
export class SettingsModule {}
