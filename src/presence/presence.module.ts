import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { PresenceService } from './presence.service.js';
import { connectSocketRedis, SOCKET_REDIS, SocketRedisLifecycle } from './socket-redis.js';

/**
 * Who is online and which models are in use, and the Redis connections of the socket layer: below
 * RealtimeModule (which needs auth) so that users and health can use them without a cycle.
 */
@Module({
  providers: [
    { provide: SOCKET_REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => connectSocketRedis(config) },
    SocketRedisLifecycle,
    PresenceService,
  ],
  exports: [PresenceService, SOCKET_REDIS],
})
export class PresenceModule {}
