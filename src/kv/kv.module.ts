import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Instance } from './instance.js';
import { KeyValueStore } from './key-value.store.js';
import { MemoryStore } from './memory.store.js';
import { LocalPubSub, PubSub, RedisPubSub } from './pub-sub.js';
import { closeRedisConnection, watchRedisConnection } from './redis-health-check.js';
import { RedisStore } from './redis.store.js';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** ioredis is loaded only when Redis is configured: the embedded default starts without it. */
async function connectRedis(config: AppConfig, url: string, instance: Instance): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    // CLIENT LIST tells which instance a connection (or its subscriber duplicate) belongs to.
    connectionName: `webui-nest:${instance.id}`,
    // Commands wait (bounded) while Redis is away instead of failing at once: a restart delays work.
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
  });
  const logger = new Logger('Redis');
  redis.on('error', (error: Error) => logger.warn(`Redis connection error: ${error.message}`));
  watchRedisConnection(redis, config.redis.healthCheckIntervalMs, 'commands');
  return redis;
}

/** Closes what this module opened, after the app stops taking requests. */
@Injectable()
class KvLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    private readonly store: KeyValueStore,
    private readonly pubSub: PubSub,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.store instanceof MemoryStore) this.store.close();
    await this.pubSub.close();
    if (this.redis) await closeRedisConnection(this.redis);
  }
}

/** Shared state and broadcasts: Redis when REDIS_URL is set, in-process otherwise (same interfaces). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [APP_CONFIG, Instance],
      useFactory: (config: AppConfig, instance: Instance) =>
        config.redis.url ? connectRedis(config, config.redis.url, instance) : null,
    },
    {
      provide: KeyValueStore,
      inject: [APP_CONFIG, REDIS_CLIENT],
      useFactory: (config: AppConfig, redis: Redis | null) =>
        redis ? new RedisStore(redis, config.redis.keyPrefix) : new MemoryStore(),
    },
    {
      provide: PubSub,
      inject: [APP_CONFIG, REDIS_CLIENT],
      useFactory: (config: AppConfig, redis: Redis | null) =>
        redis ? new RedisPubSub(redis, config.redis.keyPrefix, config.redis.healthCheckIntervalMs) : new LocalPubSub(),
    },
    KvLifecycle,
    Instance,
  ],
  exports: [REDIS_CLIENT, KeyValueStore, PubSub, Instance],
})
export class KvModule {}
