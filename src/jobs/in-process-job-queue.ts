import { randomUUID } from 'node:crypto';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { notFound } from '../common/errors.js';
import type { AppConfig } from '../config/app-config.js';
import type { FailedJobDto, JobCountsDto } from './dto/jobs.dto.js';
import { errorText } from '../common/errors.js';
import type { EventBus } from '../events/event-bus.js';
import { type FailedJobRecord, JobQueue, timeLimit } from './job-queue.js';
import { backoffDelay, JOB_OPTIONS, type JobName, type JobPayloads } from './job-types.js';

interface RunState {
  state: 'waiting' | 'active' | 'delayed';
}

/** How long shutdown waits for running jobs before it lets the process go. */
const SHUTDOWN_DRAIN_MS = 10_000;

/**
 * Without Redis: jobs run in this process as soon as one of its JOBS_CONCURRENCY slots is free,
 * with the same retry policy as BullMQ; the last JOBS_KEEP_FAILED failures are kept in memory for
 * the admin routes. Jobs still queued when the process stops are lost, which is why production
 * uses Redis.
 */
export class InProcessJobQueue extends JobQueue implements BeforeApplicationShutdown {
  private readonly running = new Map<Promise<void>, RunState>();
  /** Oldest first; trimmed to keepFailed. */
  private readonly failures: FailedJobRecord[] = [];
  private completed = 0;
  private busySlots = 0;
  /** Jobs waiting for a slot, first come first served. */
  private readonly slotQueue: (() => void)[] = [];

  constructor(
    private readonly config: AppConfig,
    events: EventBus,
  ) {
    super(events);
  }

  add<N extends JobName>(name: N, payload: JobPayloads[N]): void {
    this.launch(randomUUID(), name, payload, Date.now());
  }

  async drain(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      if (Date.now() > deadline) throw new Error(`Jobs still running after ${timeoutMs} ms`);
      await Promise.race([Promise.allSettled([...this.running.keys()]), timeLimit(Math.max(deadline - Date.now(), 0))]);
    }
  }

  failed(limit: number): Promise<FailedJobDto[]> {
    return Promise.resolve(
      this.failures
        .slice(-limit)
        .reverse()
        .map((job) => this.summarize(job)),
    );
  }

  retry(id: string): Promise<{ id: string; status: boolean }> {
    const index = this.failures.findIndex((job) => job.id === id);
    if (index < 0) throw notFound();
    const [job] = this.failures.splice(index, 1);
    this.launch(job.id, job.name as JobName, job.payload, job.timestamp);
    return Promise.resolve({ id, status: true });
  }

  counts(): Promise<JobCountsDto> {
    const states = [...this.running.values()].map(({ state }) => state);
    return Promise.resolve({
      waiting: states.filter((state) => state === 'waiting').length,
      active: states.filter((state) => state === 'active').length,
      delayed: states.filter((state) => state === 'delayed').length,
      failed: this.failures.length,
      completed: this.completed,
    });
  }

  /** Lets running jobs finish before the database closes (bounded: a hung job cannot stall shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.drain(SHUTDOWN_DRAIN_MS).catch((error: unknown) => this.logger.warn(errorText(error)));
  }

  protected start(): void {
    // Nothing to start: jobs run as they are added.
  }

  private launch(id: string, name: JobName, payload: unknown, timestamp: number): void {
    const status: RunState = { state: 'waiting' };
    const done = this.run(id, name, payload, timestamp, status).finally(() => this.running.delete(done));
    this.running.set(done, status);
  }

  private async run(id: string, name: JobName, payload: unknown, timestamp: number, status: RunState): Promise<void> {
    const options = JOB_OPTIONS[name];
    for (let attempt = 1; ; attempt += 1) {
      status.state = 'waiting';
      await this.takeSlot();
      status.state = 'active';
      try {
        await this.execute({ id, name, payload, attempt, attempts: options.attempts }, () => Promise.resolve());
        this.completed += 1;
        return;
      } catch (error) {
        if (attempt >= options.attempts) return this.keepFailure({ id, name, payload, timestamp, attempt, error });
      } finally {
        this.releaseSlot();
      }
      // Waiting out the backoff holds no slot, as a delayed BullMQ job holds no worker.
      status.state = 'delayed';
      await sleep(backoffDelay(options, attempt));
    }
  }

  private async takeSlot(): Promise<void> {
    if (this.busySlots < this.config.jobs.concurrency) {
      this.busySlots += 1;
      return;
    }
    // The releasing job hands its slot over, so busySlots stays as it is.
    await new Promise<void>((resolve) => this.slotQueue.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.slotQueue.shift();
    if (next) next();
    else this.busySlots -= 1;
  }

  private keepFailure(job: {
    id: string;
    name: JobName;
    payload: unknown;
    timestamp: number;
    attempt: number;
    error: unknown;
  }) {
    const { id, name, payload, timestamp, attempt, error } = job;
    this.failures.push({
      id,
      name,
      payload,
      failedReason: errorText(error),
      attemptsMade: attempt,
      timestamp,
      finishedOn: Date.now(),
    });
    this.failures.splice(0, Math.max(this.failures.length - this.config.jobs.keepFailed, 0));
  }
}
