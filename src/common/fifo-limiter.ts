/** Thrown by `FifoLimiter.run` when its queue is full; the task was not started. */
export class QueueFullError extends Error {
  constructor(
    /** When the current backlog should have drained, from the measured task time (s, at least 1). */
    readonly retryAfterSeconds: number,
  ) {
    super('queue full');
  }
}

/**
 * Runs async tasks at most `concurrency` at a time, in the order they were submitted. A finished
 * task hands its slot straight to the oldest waiter, so a newcomer never overtakes the queue. At
 * most `maxQueued` tasks wait; beyond that `run` throws `QueueFullError` rather than grow memory.
 */
export class FifoLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Exponentially weighted mean of task durations (ms), for the Retry-After estimate. */
  private meanTaskMs = 0;

  constructor(
    readonly concurrency: number,
    readonly maxQueued: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');
    if (!Number.isInteger(maxQueued) || maxQueued < 0) throw new Error('maxQueued must be a non-negative integer');
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs `task` in its turn. When `signal` aborts while the task still waits (its client went
   * away), it leaves the queue and `run` rejects with the signal's reason; a started task runs on.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.running < this.concurrency) {
      this.running++;
    } else {
      if (this.waiting.length >= this.maxQueued) throw new QueueFullError(this.drainSeconds());
      await this.turn(signal);
    }
    const started = performance.now();
    try {
      return await task();
    } finally {
      this.record(performance.now() - started);
      this.release();
    }
  }

  private turn(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const leave = () => {
        this.waiting.splice(this.waiting.indexOf(start), 1);
        const reason: unknown = signal?.reason;
        reject(reason instanceof Error ? reason : new Error('aborted while waiting'));
      };
      const start = () => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(start);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes to the next waiter as is: `running` stays counted for it.
    if (next) next();
    else this.running--;
  }

  private record(ms: number): void {
    this.meanTaskMs = this.meanTaskMs === 0 ? ms : this.meanTaskMs * 0.9 + ms * 0.1;
  }

  private drainSeconds(): number {
    const rounds = Math.ceil((this.waiting.length + this.running) / this.concurrency);
    return Math.max(1, Math.ceil((rounds * this.meanTaskMs) / 1000));
  }
}
