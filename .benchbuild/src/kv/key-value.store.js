/**
 * Small shared state (revoked tokens, rate-limit counters, caches). In-process by default; in Redis
 * when REDIS_URL is set, so every instance sees the same values.
 */
export class KeyValueStore {
}
//# sourceMappingURL=key-value.store.js.map