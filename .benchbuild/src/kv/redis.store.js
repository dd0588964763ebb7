import { KeyValueStore } from './key-value.store.js';
export class RedisStore extends KeyValueStore {
    constructor(redis, prefix) {
        super();
        this.redis = redis;
        this.prefix = prefix;
    }
    key(key) {
        return `${this.prefix}:${key}`;
    }
    get(key) {
        return this.redis.get(this.key(key));
    }
    async set(key, value, ttlSeconds) {
        if (ttlSeconds)
            await this.redis.set(this.key(key), value, 'EX', Math.ceil(ttlSeconds));
        else
            await this.redis.set(this.key(key), value);
    }
    async increment(key, ttlSeconds) {
        const fullKey = this.key(key);
        // INCR and EXPIRE NX in one round trip; NX keeps the window fixed from the first hit.
        const results = await this.redis.multi().incr(fullKey).expire(fullKey, ttlSeconds, 'NX').exec();
        const [error, count] = results?.[0] ?? [new Error('Redis transaction aborted'), 0];
        if (error)
            throw error;
        return Number(count);
    }
    async ttl(key) {
        return Math.max(0, await this.redis.ttl(this.key(key)));
    }
    async delete(key) {
        await this.redis.del(this.key(key));
    }
    async ping() {
        try {
            return (await this.redis.ping()) === 'PONG';
        }
        catch {
            return false;
        }
    }
}
//# sourceMappingURL=redis.store.js.map