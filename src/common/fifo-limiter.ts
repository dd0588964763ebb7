/** Thrown by `FifoLimiter.schedule` (and so `run`) when its queue is full; the task was not started. */
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
 * most `maxQueued` tasks wait; beyond that a task is refused with `QueueFullError` rather than grow memory.
 */
export class FifoLimiter {
  private running = 0;
  /** Each waiting task's start; it leaves the array when it starts or its caller takes it out. */
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
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      signal?.throwIfAborted();
      // The executor runs `task` at once, and turns a synchronous throw into a rejection.
      const leave = this.schedule(() => new Promise<T>((settle) => settle(task())).then(resolve, reject));
      if (!signal || !leave) return;
      signal.addEventListener(
        'abort',
        () => {
          if (!leave()) return;
          const reason: unknown = signal.reason;
          reject(reason instanceof Error ? reason : new Error('aborted while waiting'));
        },
        { once: true },
      );
    });
  }

  /**
   * Starts `task` now or in its turn, with no promise or signal around it: the cheap form, for a
   * line of hundreds. Throws `QueueFullError` when the queue is full. A task that has to wait comes
   * back with `leave`, which takes it out of the line and says whether it did (not once started).
   */
  schedule(task: () => Promise<unknown>): (() => boolean) | null {
    let waits = false;
    const start = () => {
      waits = false;
      const started = performance.now();
      const finish = () => {
        this.record(performance.now() - started);
        this.release();
      };
      // A task that throws, at once or later, has ended all the same: its slot passes on.
      new Promise((settle) => settle(task())).then(finish, finish);
    };
    if (this.running < this.concurrency) {
      this.running++;
      start();
      return null;
    }
    if (this.waiting.length >= this.maxQueued) throw new QueueFullError(this.drainSeconds());
    this.waiting.push(start);
    waits = true;
    return () => {
      if (!waits) return false;
      waits = false;
      this.waiting.splice(this.waiting.indexOf(start), 1);
      return true;
    };
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
