import type { BeforeApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { errorText, notFound } from '../common/errors.js';
import { closeRedisConnection, watchRedisConnection } from '../kv/redis-health-check.js';
import type { AppConfig } from '../config/app-config.js';
import type { EventBus } from '../events/event-bus.js';
import type { FailedJobDto, JobCountsDto } from './dto/jobs.dto.js';
import { JobQueue, timeLimit } from './job-queue.js';
import { JOB_OPTIONS, type JobName, type JobPayloads } from './job-types.js';

/**
 * One BullMQ queue for every job name (the job's BullMQ name is its JobName): JOBS_CONCURRENCY is
 * one limit for all of an instance's jobs, the admin counts cover everything, and each instance
 * holds one Worker (and one blocking connection) rather than one per job name.
 */
const QUEUE_NAME = 'jobs';
/** Completed jobs are only kept for the counts; a bounded tail is enough. */
const KEEP_COMPLETED = 100;
/** Shutdown waits this long for queued adds and running jobs, then lets go (a stalled job is re-run elsewhere). */
const SHUTDOWN_WAIT_MS = 10_000;
const DRAIN_POLL_MS = 50;

/**
 * Jobs in Redis through BullMQ: a job queued on one instance runs once, on whichever instance's
 * worker takes it; failed jobs stay in Redis (JOBS_KEEP_FAILED) for admins to inspect and retry.
 */
export class BullMqJobQueue extends JobQueue implements BeforeApplicationShutdown {
  /** BullMQ's own connections: blocking commands and "wait while Redis is away" need maxRetriesPerRequest null. */
  private readonly connections: Redis[] = [];
  private readonly queue: Queue;
  private worker: Worker | undefined;
  /** Adds not yet confirmed by Redis: drain and shutdown wait for them. */
  private readonly adding = new Set<Promise<void>>();

  constructor(
    private readonly config: AppConfig,
    private readonly redis: Redis,
    events: EventBus,
  ) {
    super(events);
    this.queue = new Queue(QUEUE_NAME, {
      connection: this.connection('queue'),
      prefix: this.prefix(),
      defaultJobOptions: {
        removeOnComplete: { count: KEEP_COMPLETED },
        removeOnFail: { count: config.jobs.keepFailed },
      },
    });
    this.queue.on('error', (error) => this.logger.warn(`job queue: ${errorText(error)}`));
  }

  add<N extends JobName>(name: N, payload: JobPayloads[N]): void {
    const { attempts, backoff, backoffMs } = JOB_OPTIONS[name];
    // The queue's connection keeps commands while Redis is away and sends them once it is back, so
    // this waits out an outage instead of failing; only a closed connection ends it with an error.
    const adding = this.queue
      .add(name, payload, { attempts, backoff: { type: backoff, delay: backoffMs } })
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`could not queue job ${name}: ${errorText(error)}`),
      )
      .finally(() => this.adding.delete(adding));
    this.adding.add(adding);
  }

  async drain(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const timeLeft = () => Math.max(deadline - Date.now(), 0);
    await Promise.race([Promise.allSettled([...this.adding]), timeLimit(timeLeft())]);
    while (Date.now() < deadline) {
      const counts = await Promise.race([
        this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'waiting-children'),
        timeLimit(timeLeft()).then(() => undefined),
      ]);
      if (counts && Object.values(counts).every((count) => count === 0) && this.adding.size === 0) return;
      await sleep(DRAIN_POLL_MS);
    }
    throw new Error(`Jobs still queued or running after ${timeoutMs} ms`);
  }

  async failed(limit: number): Promise<FailedJobDto[]> {
    const jobs = await this.queue.getFailed(0, limit - 1);
    return jobs.map((job) =>
      this.summarize({
        id: job.id ?? '',
        name: job.name,
        payload: job.data,
        failedReason: job.failedReason ?? '',
        attemptsMade: job.attemptsMade,
        timestamp: job.timestamp,
        finishedOn: job.finishedOn ?? null,
      }),
    );
  }

  async retry(id: string): Promise<{ id: string; status: boolean }> {
    const job = await this.queue.getJob(id);
    if (!job || !(await job.isFailed())) throw notFound();
    // A retried job gets its full attempts again, as if it had just been queued.
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return { id, status: true };
  }

  async counts(): Promise<JobCountsDto> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      completed: counts.completed ?? 0,
    };
  }

  /** The worker starts only after every handler is registered (JobQueue.onApplicationBootstrap). */
  protected start(): void {
    this.worker = new Worker(QUEUE_NAME, (job: Job) => this.process(job), {
      connection: this.connection('worker'),
      prefix: this.prefix(),
      concurrency: this.config.jobs.concurrency,
      // After a Redis outage the worker retries its bookkeeping this soon (BullMQ's default is 15 s).
      runRetryDelay: 2000,
    });
    this.worker.on('error', (error) => this.logger.warn(`job worker: ${errorText(error)}`));
  }

  /** Waits (bounded) for adds in flight and running jobs, then closes BullMQ and its connections. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.race([Promise.allSettled([...this.adding]), timeLimit(SHUTDOWN_WAIT_MS)]);
    if (this.worker) {
      const worker = this.worker;
      const failed = (error: unknown) => {
        this.logger.warn(`closing job worker: ${errorText(error)}`);
        return true;
      };
      // Both closes may fail when Redis is gone; a rejection left unhandled would end the process.
      const closed = worker.close().then(() => true, failed);
      // A job that will not finish is released: its lock lapses and another worker re-runs it.
      if (!(await Promise.race([closed, timeLimit(SHUTDOWN_WAIT_MS).then(() => false)]))) {
        await worker.close(true).catch(failed);
      }
    }
    await this.queue.close().catch((error: unknown) => this.logger.warn(`closing job queue: ${errorText(error)}`));
    await Promise.all(this.connections.map((connection) => closeRedisConnection(connection)));
  }

  private async process(job: Job): Promise<void> {
    const run = {
      id: job.id ?? '',
      name: job.name as JobName,
      payload: job.data as unknown,
      attempt: job.attemptsMade + 1,
      attempts: job.opts.attempts ?? 1,
    };
    await this.execute(run, (percent) => job.updateProgress(percent));
  }

  /** Keys live under REDIS_KEY_PREFIX like the rest, so instances (and test runs) on other prefixes never meet. */
  private prefix(): string {
    return `${this.config.redis.keyPrefix}:bull`;
  }

  private connection(role: string): Redis {
    const connection = this.redis.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true });
    connection.on('error', (error: Error) => this.logger.warn(`job ${role} connection: ${error.message}`));
    watchRedisConnection(connection, this.config.redis.healthCheckIntervalMs, `jobs-${role}`);
    this.connections.push(connection);
    return connection;
  }
}
