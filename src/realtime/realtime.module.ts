import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { Presence } from './presence.service.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { connectSocketRedis, SOCKET_REDIS, SocketRedisLifecycle } from './socket-redis.js';
import { UsageController } from './usage.controller.js';

/** Socket.IO gateway, pools and `/api/usage`; global so users and others can ask who is online. */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [UsageController],
  providers: [
    { provide: SOCKET_REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => connectSocketRedis(config) },
    SocketRedisLifecycle,
    Presence,
    RealtimeGateway,
  ],
  exports: [Presence, SOCKET_REDIS],
})
export class RealtimeModule {}
