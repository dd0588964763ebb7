import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { UsersModule } from '../users/users.module.js';
import { ClientConfigService } from './client-config.service.js';
import { MetaController } from './meta.controller.js';

@Module({
  imports: [AuthModule, UsersModule, SettingsModule],
  controllers: [MetaController],
  providers: [ClientConfigService],
})
export class MetaModule {}
