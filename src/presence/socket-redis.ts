import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { closeRedisConnection, watchRedisConnection } from '../kv/redis-health-check.js';
import { keepSubscriptions } from '../kv/redis-subscriptions.js';

export const SOCKET_REDIS = Symbol('SOCKET_REDIS');
export const InjectSocketRedis = () => Inject(SOCKET_REDIS);

const READY_TIMEOUT_MS = 10_000;

/**
 * The Redis connections of the realtime layer (WEBSOCKET_REDIS_URL, else REDIS_URL): `pub` for
 * adapter broadcasts and the presence sets, `sub` for the adapter's subscriptions.
 */
export class SocketRedis {
  private readonly logger = new Logger('SocketRedis');

  constructor(
    readonly pub: Redis,
    readonly sub: Redis,
  ) {
    for (const client of [pub, sub]) {
      // ioredis reconnects by itself; an 'error' without a listener would crash the process.
      client.on('error', (error: Error) => this.logger.warn(`Redis connection error: ${error.message}`));
    }
    keepSubscriptions(sub, this.logger);
  }

  /**
   * The clients for the Socket.IO adapter, which fires its publishes and, on close, its
   * unsubscribes without awaiting them: while Redis is away they reject, and an unhandled
   * rejection would end the process. `pub` is a view that logs failed publishes instead (a
   * broadcast during an outage is lost either way); `sub` keeps its subscriptions itself.
   */
  get adapterClients(): { pub: Redis; sub: Redis } {
    const logger = this.logger;
    const pub = new Proxy(this.pub, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        const method = (value as (...args: unknown[]) => unknown).bind(target);
        if (property !== 'publish') return method;
        return (...args: unknown[]) =>
          (method(...args) as Promise<number>).catch((error: Error) => {
            logger.warn(`socket adapter publish failed: ${error.message}`);
            return 0;
          });
      },
    });
    return { pub, sub: this.sub };
  }

  get ready(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  async close(): Promise<void> {
    await Promise.all([closeRedisConnection(this.pub), closeRedisConnection(this.sub)]);
  }
}

/**
 * Connects before the Socket.IO server is built: the adapter subscribes at once, and a SUBSCRIBE
 * queued while the connection is still selecting its database can be lost.
 */
export async function connectSocketRedis(config: AppConfig): Promise<SocketRedis | null> {
  const { manager, redisUrl } = config.realtime;
  if (manager !== 'redis' || !redisUrl) return null;
  const { Redis } = await import('ioredis');
  const pub = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const sub = pub.duplicate();
  const socketRedis = new SocketRedis(pub, sub);
  watchRedisConnection(pub, config.redis.healthCheckIntervalMs, 'socket-pub');
  watchRedisConnection(sub, config.redis.healthCheckIntervalMs, 'socket-sub');
  const ready = (client: Redis) =>
    client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', resolve));
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`Redis at ${redactUrl(redisUrl)} not reachable`)), READY_TIMEOUT_MS).unref(),
  );
  try {
    await Promise.race([Promise.all([ready(pub), ready(sub)]), timeout]);
  } catch (error) {
    await socketRedis.close();
    throw error;
  }
  return socketRedis;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** Closes the connections after the app stops taking requests. */
@Injectable()
export class SocketRedisLifecycle implements OnApplicationShutdown {
  constructor(@InjectSocketRedis() private readonly socketRedis: SocketRedis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.socketRedis?.close();
  }
}
