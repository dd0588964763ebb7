import { Module } from '@nestjs/common';
import { PresenceModule } from '../presence/presence.module.js';
import { HealthController } from './health.controller.js';

/** `/health`, `/health/db`, `/health/redis` (the socket layer's Redis connections come from PresenceModule). */
@Module({
  imports: [PresenceModule],
  controllers: [HealthController],
})
export class HealthModule {}
