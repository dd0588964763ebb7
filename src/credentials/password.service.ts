import { Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { AppError, badRequest, MESSAGES } from '../common/errors.js';
import { QueueFullError } from '../common/fifo-limiter.js';
import { BcryptLimiter } from './bcrypt-limiter.js';

/** bcrypt only reads 72 bytes; longer passwords are cut there, as Open WebUI does. */
const BCRYPT_MAX_BYTES = 72;

function truncate(password: string): Buffer {
  return Buffer.from(password, 'utf8').subarray(0, BCRYPT_MAX_BYTES);
}

/**
 * A well-formed hash at `rounds` that no password is known to match: comparing with it costs what a
 * real check costs, without hashing anything first.
 */
function unmatchableHash(rounds: number): string {
  return `$2b$${String(rounds).padStart(2, '0')}$${'N'.repeat(53)}`;
}

/** 503 with when to come back: more sign-ins wait for a bcrypt check than BCRYPT_QUEUE_LIMIT allows. */
export function passwordQueueFull(error: QueueFullError): AppError {
  return new AppError('service_unavailable', MESSAGES.PASSWORD_QUEUE_FULL, {
    'Retry-After': String(error.retryAfterSeconds),
  });
}

@Injectable()
export class PasswordService {
  private readonly policy: RegExp | null;
  private readonly dummyHash: string;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly limiter: BcryptLimiter,
  ) {
    this.policy = config.auth.passwordValidation ? new RegExp(config.auth.passwordRegex) : null;
    this.dummyHash = unmatchableHash(config.auth.bcryptRounds);
  }

  /** Throws 400 when the password is over 72 bytes or fails PASSWORD_VALIDATION_REGEX_PATTERN. */
  assertAcceptable(password: string): void {
    if (Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES) throw badRequest(MESSAGES.PASSWORD_TOO_LONG);
    if (this.policy && !this.policy.test(password)) throw badRequest(MESSAGES.INVALID_PASSWORD);
  }

  hash(password: string): Promise<string> {
    return this.queued(() => bcrypt.hash(truncate(password), this.config.auth.bcryptRounds));
  }

  /**
   * Checks a password. With no stored hash it still spends one bcrypt comparison, so response
   * time does not reveal whether an account exists. `abandoned` (the client went away) takes a
   * check that has not started out of the queue.
   */
  verify(password: string, hash: string | undefined, abandoned?: AbortSignal): Promise<boolean> {
    return this.queued(async () => {
      try {
        const matches = await bcrypt.compare(truncate(password), hash ?? this.dummyHash);
        return matches && hash !== undefined;
      } catch {
        // A malformed stored hash (e.g. imported data) is a failed sign-in, not a crash.
        return false;
      }
    }, abandoned);
  }

  /** Runs bcrypt work in its turn; a full queue is 503 with when to come back. */
  private async queued<T>(work: () => Promise<T>, abandoned?: AbortSignal): Promise<T> {
    try {
      return await this.limiter.run(work, abandoned);
    } catch (error) {
      if (error instanceof QueueFullError) throw passwordQueueFull(error);
      // Nobody reads this answer: the client has gone. It only must not be logged as a crash.
      if (abandoned?.aborted) throw new AppError('service_unavailable', MESSAGES.PASSWORD_CHECK_ABANDONED);
      throw error;
    }
  }
}
