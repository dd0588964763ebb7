import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { DomainEventName, DomainEventPayloads } from './domain-events.js';

/**
 * The only way to emit a domain event: the name picks the payload type from DomainEventPayloads,
 * so a wrong or missing field fails to compile instead of reaching a listener.
 */
@Injectable()
export class EventBus {
  constructor(private readonly emitter: EventEmitter2) {}

  /** Listeners run synchronously, in turn; async ones are not awaited. */
  emit<E extends DomainEventName>(name: E, payload: DomainEventPayloads[E]): void {
    this.emitter.emit(name, payload);
  }

  /** Waits for every listener, async ones included; a listener's failure rejects. */
  async emitAsync<E extends DomainEventName>(name: E, payload: DomainEventPayloads[E]): Promise<void> {
    await this.emitter.emitAsync(name, payload);
  }
}
