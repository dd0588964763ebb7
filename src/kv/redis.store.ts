import type { Redis } from 'ioredis';
import { KeyValueStore } from './key-value.store.js';

export class RedisStore extends KeyValueStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    super();
  }

  private key(key: string): string {
    return `${this.prefix}:${key}`;
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(this.key(key));
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    if (ttlSeconds) await this.redis.set(this.key(key), value, 'EX', Math.ceil(ttlSeconds));
    else await this.redis.set(this.key(key), value);
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const fullKey = this.key(key);
    // INCR and EXPIRE NX in one round trip; NX keeps the window fixed from the first hit.
    const results = await this.redis.multi().incr(fullKey).expire(fullKey, ttlSeconds, 'NX').exec();
    const [error, count] = results?.[0] ?? [new Error('Redis transaction aborted'), 0];
    if (error) throw error;
    return Number(count);
  }

  async ttl(key: string): Promise<number> {
    return Math.max(0, await this.redis.ttl(this.key(key)));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }
}
