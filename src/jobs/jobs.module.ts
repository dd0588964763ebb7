import { Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { EventBus } from '../events/event-bus.js';
import { REDIS_CLIENT } from '../kv/kv.module.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { JobQueue } from './job-queue.js';
import { JobsController } from './jobs.controller.js';

/** Background work: typed jobs, on BullMQ with Redis and in-process without. */
@Module({
  controllers: [JobsController],
  providers: [
    {
      // Same handlers either way: BullMQ shares the work between instances, in-process needs no Redis.
      provide: JobQueue,
      inject: [APP_CONFIG, REDIS_CLIENT, EventBus],
      // BullMQ is loaded only with Redis: the embedded default starts without it (~100 ms).
      useFactory: async (config: AppConfig, redis: Redis | null, events: EventBus): Promise<JobQueue> => {
        if (!redis) return new InProcessJobQueue(config, events);
        const { BullMqJobQueue } = await import('./bullmq-job-queue.js');
        return new BullMqJobQueue(config, redis, events);
      },
    },
  ],
  exports: [JobQueue],
})
export class JobsModule {}
