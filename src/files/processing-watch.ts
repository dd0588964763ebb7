import { Injectable, type OnModuleInit } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { PubSub } from '../kv/pub-sub.js';

const CHANNEL = 'files:processed';

/**
 * Wakes whoever waits on a file's processing (the status stream, a synchronous upload) as soon as
 * any instance saves its outcome, instead of at the next poll. The poll stays as the fallback for a
 * message lost while Redis reconnects.
 */
@Injectable()
export class ProcessingWatch implements OnModuleInit {
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(private readonly pubSub: PubSub) {}

  async onModuleInit(): Promise<void> {
    await this.pubSub.subscribe(CHANNEL, (fileId) => this.wake(fileId));
  }

  /** Tells every instance that the file's processing status changed. */
  announce(fileId: string): Promise<void> {
    return this.pubSub.publish(CHANNEL, fileId);
  }

  /** Resolves when the file's status is announced, after `ms` at the latest, or when `signal` aborts. */
  async wait(fileId: string, ms: number, signal: AbortSignal): Promise<void> {
    const announced = new AbortController();
    const waiters = this.waiters.get(fileId) ?? new Set<() => void>();
    const wake = () => announced.abort();
    waiters.add(wake);
    this.waiters.set(fileId, waiters);
    try {
      await sleep(ms, undefined, { signal: AbortSignal.any([signal, announced.signal]) }).catch(() => undefined);
    } finally {
      waiters.delete(wake);
      if (waiters.size === 0) this.waiters.delete(fileId);
    }
  }

  private wake(fileId: string): void {
    for (const wake of this.waiters.get(fileId) ?? []) wake();
  }
}
