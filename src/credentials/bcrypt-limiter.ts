import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { FifoLimiter } from '../common/fifo-limiter.js';

/**
 * The one queue every bcrypt hash and check goes through. bcrypt runs in libuv's thread pool, first
 * in, first out, and so does file system, DNS and zlib work: unbounded, a sign-in storm fills every
 * thread and everything else waits behind it. Through this queue sign-ins finish one by one in
 * arrival order, and BCRYPT_CONCURRENCY (by default all threads but one) leaves a thread free.
 */
@Injectable()
export class BcryptLimiter extends FifoLimiter {
  constructor(@InjectConfig() config: AppConfig) {
    super(config.auth.bcryptConcurrency, config.auth.bcryptQueueLimit);
  }
}
