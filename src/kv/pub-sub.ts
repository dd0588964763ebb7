import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { closeRedisConnection, watchRedisConnection } from './redis-health-check.js';
import { keepSubscriptions } from './redis-subscriptions.js';

const logger = new Logger('PubSub');

export type MessageHandler = (message: string) => void;

/**
 * Broadcasts between instances (settings changes now; task stops later). In-process without Redis;
 * over Redis pub/sub with it.
 */
export abstract class PubSub {
  abstract publish(channel: string, message: string): Promise<void>;
  abstract subscribe(channel: string, handler: MessageHandler): Promise<void>;
  /**
   * Runs after every (re)subscription: messages sent while this instance was not subscribed
   * (starting up, Redis restarting) are lost, so state derived from them should be re-read.
   */
  abstract onResync(callback: () => void): void;
  abstract close(): Promise<void>;
}

export class LocalPubSub extends PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(channel: string, message: string): Promise<void> {
    // Asynchronous like Redis delivery, so callers never depend on synchronous re-entry.
    setImmediate(() => this.emitter.emit(channel, message));
    return Promise.resolve();
  }

  subscribe(channel: string, handler: MessageHandler): Promise<void> {
    this.emitter.on(channel, handler);
    return Promise.resolve();
  }

  onResync(): void {
    // In-process delivery loses nothing.
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}

export class RedisPubSub extends PubSub {
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, MessageHandler[]>();
  private readonly resyncCallbacks: (() => void)[] = [];

  constructor(
    private readonly publisher: Redis,
    private readonly prefix: string,
    healthCheckIntervalMs = 0,
  ) {
    super();
    // keepSubscriptions re-subscribes after Redis restarts and idle disconnects, so listeners survive them.
    this.subscriber = publisher.duplicate({ maxRetriesPerRequest: null });
    this.subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) handler(message);
    });
    keepSubscriptions(this.subscriber, logger, () => this.resyncCallbacks.forEach((callback) => callback()));
    // Connection errors are retried by ioredis; without a listener they would crash the process.
    this.subscriber.on('error', () => undefined);
    // The subscriber only listens, so a silently dropped connection would go unnoticed: ping it.
    watchRedisConnection(this.subscriber, healthCheckIntervalMs, 'subscriber');
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.publisher.publish(`${this.prefix}:${channel}`, message);
  }

  async subscribe(channel: string, handler: MessageHandler): Promise<void> {
    const fullChannel = `${this.prefix}:${channel}`;
    const existing = this.handlers.get(fullChannel);
    if (existing) {
      existing.push(handler);
      return;
    }
    this.handlers.set(fullChannel, [handler]);
    await this.subscriber.subscribe(fullChannel);
  }

  onResync(callback: () => void): void {
    this.resyncCallbacks.push(callback);
  }

  async close(): Promise<void> {
    await closeRedisConnection(this.subscriber);
  }
}
