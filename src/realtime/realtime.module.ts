import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { PresenceModule } from '../presence/presence.module.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { UsageController } from './usage.controller.js';

/** Socket.IO gateway (domain events to the user's tabs) and `/api/usage`. */
@Module({
  imports: [AuthModule, PresenceModule],
  controllers: [UsageController],
  providers: [RealtimeGateway],
})
export class RealtimeModule {}
