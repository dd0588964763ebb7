import { Global, Module } from '@nestjs/common';
import { ChatEvents } from '../events/chat-events.js';
import { JobQueue } from './job-queue.js';

@Global()
/** Background work and the events it announces; global so any domain can queue or announce. */
@Module({ providers: [JobQueue, ChatEvents], exports: [JobQueue, ChatEvents] })
export class JobsModule {}
