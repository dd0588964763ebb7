import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JOB_OPTIONS, JobName, type JobHandler, type JobPayloads } from './job-types.js';

/**
 * The queue the services use. This implementation runs jobs in-process, right after the request
 * that queued them (with the same retry policy); the realtime issue backs it with BullMQ.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobQueue.name);
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();
  private readonly running = new Set<Promise<void>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`Job ${name} has two handlers`);
    this.handlers.set(name, handler as JobHandler<JobName>);
  }

  /** Refuses to start when a job has no handler: a queued job would otherwise wait forever. */
  onApplicationBootstrap(): void {
    const missing = Object.values(JobName).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  }

  add<N extends JobName>(name: N, payload: JobPayloads[N]): void {
    const run = this.run(name, payload).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resolves when every queued job has finished (tests, graceful shutdown). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async run<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    const handler = this.handlers.get(name)!;
    const { attempts, backoffMs } = JOB_OPTIONS[name];
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        await handler(payload);
        return;
      } catch (error) {
        this.logger.warn(`job ${name} attempt ${attempt}/${attempts} failed: ${(error as Error).message}`);
        if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, backoffMs * attempt));
      }
    }
  }
}
