import { Global, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ChatEvents } from './chat-events.js';
import { EventBus } from './event-bus.js';

/** The in-process event bus; global so any domain can emit and any can listen (@OnEvent). */
@Global()
@Module({
  imports: [EventEmitterModule.forRoot()],
  providers: [EventBus, ChatEvents],
  exports: [EventBus, ChatEvents],
})
export class EventsModule {}
