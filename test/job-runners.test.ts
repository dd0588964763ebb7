import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Redis } from 'ioredis';
import { type AppConfig } from '../src/config/app-config.js';
import { loadConfig } from '../src/config/load-config.js';
import { DomainEvent, type DomainEventPayloads } from '../src/events/domain-events.js';
import { EventBus } from '../src/events/event-bus.js';
import { BullMqJobQueue } from '../src/jobs/bullmq-job-queue.js';
import { InProcessJobQueue } from '../src/jobs/in-process-job-queue.js';
import type { JobQueue } from '../src/jobs/job-queue.js';
import { type ChatGenerationJob, type JobContext, JobName } from '../src/jobs/job-types.js';

/** Redis is part of the test machine (CI starts it); the BullMQ runner always runs against a real one. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const CONCURRENCY = 2;

type Progress = DomainEventPayloads[typeof DomainEvent.JobProgress];
type Runner = JobQueue & { beforeApplicationShutdown(): Promise<void> };

/** The clients handed to BullMQ runners: they only duplicate them, so the test closes them. */
const redisClients: Redis[] = [];
after(() => redisClients.forEach((client) => client.disconnect()));

/** Both runners, built as JobsModule builds them, on a fresh prefix each. */
const RUNNERS: Record<string, (config: AppConfig, events: EventEmitter2) => Runner> = {
  'in-process': (config, events) => new InProcessJobQueue(config, new EventBus(events)),
  BullMQ: (config, events) => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true });
    redisClients.push(redis);
    return new BullMqJobQueue(config, redis, new EventBus(events));
  },
};

const payload = (userId: string): ChatGenerationJob => ({
  userId,
  chatId: 'chat-1',
  messageId: 'message-1',
  model: 'm',
  messages: [],
});

for (const [kind, create] of Object.entries(RUNNERS)) {
  describe(`the ${kind} job runner`, () => {
    const events = new EventEmitter2();
    const config = loadConfig({
      REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}`,
      JOBS_CONCURRENCY: String(CONCURRENCY),
    });
    const queues: Runner[] = [];
    const newQueue = () => {
      const queue = create(config, events);
      queues.push(queue);
      return queue;
    };
    after(() => Promise.all(queues.map((queue) => queue.beforeApplicationShutdown())));

    it('refuses to start while a job has no handler, and refuses a second handler', () => {
      const queue = newQueue();
      queue.register(JobName.GenerateTitle, () => Promise.resolve());
      assert.throws(() => queue.register(JobName.GenerateTitle, () => Promise.resolve()), /two handlers/);
      assert.throws(
        () => queue.onApplicationBootstrap(),
        /No handler for job\(s\): chat\.generate-tags, chat\.generate-follow-ups/,
      );
    });

    it('reports progress to the job’s user, retries with backoff, and runs JOBS_CONCURRENCY at once', async () => {
      const queue = newQueue();
      const progress: Progress[] = [];
      events.on(DomainEvent.JobProgress, (event: Progress) => progress.push(event));
      const attempts: JobContext[] = [];
      queue.register(JobName.GenerateTitle, async (_job, context) => {
        attempts.push(context);
        await context.progress(50);
        if (context.attempt === 1) throw new Error('flaky upstream');
      });
      let running = 0;
      let mostAtOnce = 0;
      queue.register(JobName.GenerateTags, async () => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await sleep(50);
        running -= 1;
      });
      queue.register(JobName.GenerateFollowUps, () => Promise.resolve());
      queue.register(JobName.ProcessFile, () => Promise.resolve());
      queue.register(JobName.ReembedChunks, () => Promise.resolve());
      queue.register(JobName.ReindexKnowledge, () => Promise.resolve());
      queue.onApplicationBootstrap();

      const started = Date.now();
      queue.add(JobName.GenerateTitle, payload('alice'));
      for (let index = 0; index < 3 * CONCURRENCY; index += 1) queue.add(JobName.GenerateTags, payload('bob'));
      await queue.drain(20_000);

      assert.deepEqual(
        attempts.map((context) => context.attempt),
        [1, 2],
      );
      assert.equal(attempts[0].jobId, attempts[1].jobId, 'a retry is the same job');
      assert.ok(Date.now() - started >= 900, 'the second attempt waited out the 1 s backoff');
      const ofTitle = progress.filter((event) => event.jobId === attempts[0].jobId);
      assert.deepEqual(
        ofTitle.map(({ state, progress: percent }) => `${state} ${percent}`),
        ['active 0', 'active 50', 'active 0', 'active 50', 'completed 100'],
      );
      assert.ok(ofTitle.every((event) => event.userId === 'alice' && event.name === JobName.GenerateTitle));
      assert.equal(mostAtOnce, CONCURRENCY);
      const counts = await queue.counts();
      assert.equal(counts.completed, 1 + 3 * CONCURRENCY);
      assert.equal(counts.failed + counts.waiting + counts.active + counts.delayed, 0);
    });
  });
}
