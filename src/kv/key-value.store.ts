/**
 * Small shared state (revoked tokens, rate-limit counters, caches). In-process by default; in Redis
 * when REDIS_URL is set, so every instance sees the same values.
 */
export abstract class KeyValueStore {
  abstract get(key: string): Promise<string | null>;
  abstract set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Adds one and returns the new count; the first increment starts the key's time to live. */
  abstract increment(key: string, ttlSeconds: number): Promise<number>;
  /** Seconds until the key expires, or 0 when it does not exist. */
  abstract ttl(key: string): Promise<number>;
  abstract delete(key: string): Promise<void>;
  abstract ping(): Promise<boolean>;
}
