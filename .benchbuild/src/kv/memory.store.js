import { KeyValueStore } from './key-value.store.js';
export class MemoryStore extends KeyValueStore {
    constructor() {
        super(...arguments);
        this.entries = new Map();
        this.sweeper = setInterval(() => this.sweep(), 60_000).unref();
    }
    live(key) {
        const entry = this.entries.get(key);
        if (entry && entry.expiresAt <= Date.now()) {
            this.entries.delete(key);
            return undefined;
        }
        return entry;
    }
    get(key) {
        return Promise.resolve(this.live(key)?.value ?? null);
    }
    set(key, value, ttlSeconds) {
        this.entries.set(key, { value, expiresAt: ttlSeconds ? Date.now() + ttlSeconds * 1000 : Infinity });
        return Promise.resolve();
    }
    increment(key, ttlSeconds) {
        const entry = this.live(key);
        const count = entry ? Number(entry.value) + 1 : 1;
        this.entries.set(key, { value: String(count), expiresAt: entry?.expiresAt ?? Date.now() + ttlSeconds * 1000 });
        return Promise.resolve(count);
    }
    ttl(key) {
        const entry = this.live(key);
        return Promise.resolve(entry ? Math.max(0, Math.ceil((entry.expiresAt - Date.now()) / 1000)) : 0);
    }
    delete(key) {
        this.entries.delete(key);
        return Promise.resolve();
    }
    ping() {
        return Promise.resolve(true);
    }
    close() {
        clearInterval(this.sweeper);
    }
    sweep() {
        const now = Date.now();
        for (const [key, entry] of this.entries)
            if (entry.expiresAt <= now)
                this.entries.delete(key);
    }
}
//# sourceMappingURL=memory.store.js.map