import type { Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { EventBus } from '../events/event-bus.js';
import { Instance } from '../kv/instance.js';
import { REDIS_CLIENT } from '../kv/kv.module.js';
import { PubSub } from '../kv/pub-sub.js';
import { RedisTaskRegistry } from './redis-task-registry.js';
import { LocalTaskRegistry, TaskRegistry } from './task-registry.js';

/** Tasks shared through Redis when REDIS_URL is set, so a stop sent to any instance reaches them. */
export const taskRegistryProvider: Provider = {
  provide: TaskRegistry,
  inject: [APP_CONFIG, REDIS_CLIENT, PubSub, Instance, EventBus],
  useFactory: (config: AppConfig, redis: Redis | null, pubSub: PubSub, instance: Instance, events: EventBus) =>
    redis
      ? new RedisTaskRegistry(redis, pubSub, instance, config.redis.keyPrefix, config.tasks.entryTtlSeconds, events)
      : new LocalTaskRegistry(),
};
