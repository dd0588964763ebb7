import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/**
 * This process among the instances sharing Redis: owns its running tasks and its sockets' presence
 * entries, so another instance can tell what is whose.
 */
@Injectable()
export class Instance {
  readonly id = randomUUID();
}
