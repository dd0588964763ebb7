import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { AppError, MESSAGES } from '../common/errors.js';
import { KeyValueStore } from '../kv/key-value.store.js';

/**
 * Counts failed sign-ins per email and per client IP in a fixed window (shared through Redis when
 * configured). Upstream has no limiter; without one a password can be guessed at bcrypt speed.
 */
@Injectable()
export class SigninRateLimiter {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly store: KeyValueStore,
  ) {}

  private keys(email: string, ip: string) {
    return [
      { key: `ratelimit:signin:email:${email.toLowerCase()}`, limit: this.config.auth.signinRateLimit.perEmail },
      { key: `ratelimit:signin:ip:${ip}`, limit: this.config.auth.signinRateLimit.perIp },
    ].filter((entry) => entry.limit > 0);
  }

  /** Throws 429 (with Retry-After) when either counter is used up. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    for (const { key, limit } of this.keys(email, ip)) {
      const count = Number((await this.store.get(key)) ?? 0);
      if (count >= limit) {
        const retryAfter = Math.max(1, await this.store.ttl(key));
        throw new AppError('too_many_requests', MESSAGES.TOO_MANY_SIGNIN_ATTEMPTS, {
          'Retry-After': String(retryAfter),
        });
      }
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.config.auth.signinRateLimit.windowSeconds;
    await Promise.all(this.keys(email, ip).map(({ key }) => this.store.increment(key, window)));
  }
}
