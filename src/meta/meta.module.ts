import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { UsersModule } from '../users/users.module.js';
import { HealthController } from '../health/health.controller.js';
import { AppConfigService } from './app-config.service.js';
import { MetaController } from './meta.controller.js';

@Module({
  imports: [AuthModule, UsersModule],
  controllers: [HealthController, MetaController],
  providers: [AppConfigService],
})
export class MetaModule {}
