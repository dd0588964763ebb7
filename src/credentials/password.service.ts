import { Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { badRequest, MESSAGES } from '../common/errors.js';

/** bcrypt only reads 72 bytes; longer passwords are cut there, as Open WebUI does. */
const BCRYPT_MAX_BYTES = 72;

function truncate(password: string): Buffer {
  return Buffer.from(password, 'utf8').subarray(0, BCRYPT_MAX_BYTES);
}

@Injectable()
export class PasswordService {
  private readonly policy: RegExp | null;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.policy = config.auth.passwordValidation ? new RegExp(config.auth.passwordRegex) : null;
  }

  /** Throws 400 when the password is over 72 bytes or fails PASSWORD_VALIDATION_REGEX_PATTERN. */
  assertAcceptable(password: string): void {
    if (Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES) throw badRequest(MESSAGES.PASSWORD_TOO_LONG);
    if (this.policy && !this.policy.test(password)) throw badRequest(MESSAGES.INVALID_PASSWORD);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(truncate(password), this.config.auth.bcryptRounds);
  }

  private dummyHash?: Promise<string>;

  /**
   * Checks a password. With no stored hash it still spends one bcrypt comparison, so response
   * time does not reveal whether an account exists.
   */
  async verify(password: string, hash: string | undefined): Promise<boolean> {
    if (hash === undefined) {
      this.dummyHash ??= bcrypt.hash('not-a-password', this.config.auth.bcryptRounds);
      await bcrypt.compare(truncate(password), await this.dummyHash);
      return false;
    }
    try {
      return await bcrypt.compare(truncate(password), hash);
    } catch {
      // A malformed stored hash (e.g. imported data) is a failed sign-in, not a crash.
      return false;
    }
  }
}
