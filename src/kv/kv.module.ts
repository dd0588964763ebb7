import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { KeyValueStore } from './key-value.store.js';
import { MemoryStore } from './memory.store.js';
import { RedisStore } from './redis.store.js';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** One shared Redis connection (or null without REDIS_URL); closed on shutdown. */
@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    private readonly store: KeyValueStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.store instanceof MemoryStore) this.store.close();
    await this.redis?.quit().catch(() => undefined);
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.redis.url
          ? // Commands queue while disconnected and retry, so a Redis restart delays work instead of failing it.
            new Redis(config.redis.url, { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: false })
          : null,
    },
    {
      provide: KeyValueStore,
      inject: [APP_CONFIG, REDIS_CLIENT],
      useFactory: (config: AppConfig, redis: Redis | null) =>
        redis ? new RedisStore(redis, config.redis.keyPrefix) : new MemoryStore(),
    },
    RedisLifecycle,
  ],
  exports: [REDIS_CLIENT, KeyValueStore],
})
export class KvModule {}
