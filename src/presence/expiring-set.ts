import type { Redis } from 'ioredis';

/**
 * A set whose members expire unless re-added: presence entries of a dead instance disappear by
 * themselves, with no cleanup job. In-process, or a Redis sorted set scored by expiry time.
 */
export abstract class ExpiringSet {
  abstract add(members: string[], ttlMs: number): Promise<void>;
  abstract remove(members: string[]): Promise<void>;
  /** Members not yet expired (expired ones are dropped on the way). */
  abstract live(): Promise<string[]>;
}

export class MemoryExpiringSet extends ExpiringSet {
  private readonly expiries = new Map<string, number>();

  add(members: string[], ttlMs: number): Promise<void> {
    const until = Date.now() + ttlMs;
    for (const member of members) this.expiries.set(member, until);
    return Promise.resolve();
  }

  remove(members: string[]): Promise<void> {
    for (const member of members) this.expiries.delete(member);
    return Promise.resolve();
  }

  live(): Promise<string[]> {
    const now = Date.now();
    for (const [member, until] of this.expiries) if (until <= now) this.expiries.delete(member);
    return Promise.resolve([...this.expiries.keys()]);
  }
}

export class RedisExpiringSet extends ExpiringSet {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {
    super();
  }

  async add(members: string[], ttlMs: number): Promise<void> {
    if (members.length === 0) return;
    const until = Date.now() + ttlMs;
    await this.redis.zadd(this.key, ...members.flatMap((member) => [until, member]));
  }

  async remove(members: string[]): Promise<void> {
    if (members.length > 0) await this.redis.zrem(this.key, ...members);
  }

  async live(): Promise<string[]> {
    const now = Date.now();
    const [, live] = await Promise.all([
      this.redis.zremrangebyscore(this.key, '-inf', now),
      this.redis.zrangebyscore(this.key, now + 1, '+inf'),
    ]);
    return live;
  }
}
