import { setTimeout as sleep } from 'node:timers/promises';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { errorText } from '../common/errors.js';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import type { EventBus } from '../events/event-bus.js';
import type { FailedJobDto, JobCountsDto } from './dto/jobs.dto.js';
import { type JobContext, type JobHandler, JobName, type JobPayloads } from './job-types.js';

type JobProgressEvent = DomainEventPayloads[typeof DomainEvent.JobProgress];

/** Resolves after `ms` without keeping the process alive: bounds the waits of shutdown and drain. */
export const timeLimit = (ms: number) => sleep(ms, undefined, { ref: false });

/** One attempt of one job, as either implementation hands it to `execute`. */
export interface JobRun {
  id: string;
  name: JobName;
  payload: unknown;
  attempt: number;
  attempts: number;
}

/** A failed job as the queue stores it, before it is trimmed for admins. */
export interface FailedJobRecord {
  id: string;
  name: string;
  payload: unknown;
  failedReason: string;
  attemptsMade: number;
  timestamp: number;
  finishedOn: number | null;
}

/**
 * The queue services inject (the DI token). Handlers, the start-up check and the progress events
 * live here; JobsModule picks the runner: BullMQ when Redis is configured, in-process otherwise, so
 * the same handlers run either way.
 */
export abstract class JobQueue implements OnApplicationBootstrap {
  protected readonly logger = new Logger(JobQueue.name);
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  constructor(private readonly events: EventBus) {}

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`Job ${name} has two handlers`);
    this.handlers.set(name, handler as JobHandler<JobName>);
  }

  /** Refuses to start when a job has no handler: a queued job would otherwise wait forever. */
  onApplicationBootstrap(): void {
    const missing = Object.values(JobName).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
    this.start();
  }

  /**
   * Queues a job and returns at once: callers are request handlers, which must not fail or wait
   * because the queue is briefly unreachable. Failures to queue are logged.
   */
  abstract add<N extends JobName>(name: N, payload: JobPayloads[N]): void;

  /** Resolves when no job is waiting, running or waiting to retry (tests, shutdown); throws after the timeout. */
  abstract drain(timeoutMs?: number): Promise<void>;

  /** The most recent failed jobs (kept up to JOBS_KEEP_FAILED), newest first. */
  abstract failed(limit: number): Promise<FailedJobDto[]>;

  /** Runs a failed job again with its full attempts; not found when no failed job has that id. */
  abstract retry(id: string): Promise<{ id: string; status: boolean }>;

  abstract counts(): Promise<JobCountsDto>;

  /** Starts taking jobs, once every handler is registered. */
  protected abstract start(): void;

  /** Runs one attempt, announcing it to the job's user; rethrows so the runner can retry. */
  protected async execute(run: JobRun, saveProgress: (percent: number) => Promise<void>): Promise<void> {
    const handler = this.handlers.get(run.name);
    if (!handler) throw new Error(`No handler for job ${run.name}`);
    const context: JobContext = {
      jobId: run.id,
      attempt: run.attempt,
      progress: async (percent) => {
        const clamped = Math.max(0, Math.min(100, Math.round(percent)));
        await saveProgress(clamped);
        this.announce(run, clamped, 'active');
      },
    };
    this.announce(run, 0, 'active');
    try {
      await handler(run.payload as JobPayloads[JobName], context);
      this.announce(run, 100, 'completed');
    } catch (error) {
      this.logger.warn(`job ${run.name} ${run.id} attempt ${run.attempt}/${run.attempts} failed: ${errorText(error)}`);
      // Only the last attempt is a failure the user hears of; earlier ones are retried.
      if (run.attempt >= run.attempts) this.announce(run, 100, 'failed');
      throw error;
    }
  }

  /** What admins see of a failed job: ids, not the payload (it holds the conversation). */
  protected summarize(job: FailedJobRecord): FailedJobDto {
    const payload = (job.payload ?? {}) as { chatId?: unknown; userId?: unknown };
    return {
      id: job.id,
      name: job.name,
      failed_reason: job.failedReason,
      attempts_made: job.attemptsMade,
      timestamp: job.timestamp,
      finished_on: job.finishedOn,
      data: {
        ...(typeof payload.chatId === 'string' ? { chat_id: payload.chatId } : {}),
        ...(typeof payload.userId === 'string' ? { user_id: payload.userId } : {}),
      },
    };
  }

  private announce(run: JobRun, progress: number, state: JobProgressEvent['state']): void {
    const userId = (run.payload as { userId?: unknown } | null)?.userId;
    if (typeof userId !== 'string') return;
    const event: JobProgressEvent = { userId, jobId: run.id, name: run.name, progress, state };
    this.events.emit(DomainEvent.JobProgress, event);
  }
}
