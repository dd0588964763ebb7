import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

const SUBSCRIBE = ['subscribe', 'psubscribe', 'ssubscribe'] as const;
/** Each unsubscribe and the subscribe it undoes. */
const UNSUBSCRIBE = { unsubscribe: 'subscribe', punsubscribe: 'psubscribe', sunsubscribe: 'ssubscribe' } as const;
type SubscribeMethod = (typeof SUBSCRIBE)[number];
type UnsubscribeMethod = keyof typeof UNSUBSCRIBE;
type SubscriptionMethod = SubscribeMethod | UnsubscribeMethod;
type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * Makes a subscriber connection keep its subscriptions itself, in place of ioredis'
 * autoResubscribe (switched off here). autoResubscribe re-subscribes after a reconnect with a promise
 * nobody handles, so a connection lost before the reply rejects it unhandled, and those channels
 * are then gone for good (ioredis records a channel only once Redis confirms it). A SUBSCRIBE sent
 * before the connection is ready (SELECT pending) can also be lost silently.
 *
 * Instead, the connection's own (p|s)(un)subscribe methods record what is wanted and send it only
 * when the connection is ready; every 'ready' subscribes to all of it again and then runs
 * `onResubscribed` (messages sent meanwhile were missed). Failures are logged, never thrown: the
 * next 'ready' retries. The methods are replaced on the instance, so callers that fire them without
 * awaiting (the Socket.IO adapter) are covered too.
 */
export function keepSubscriptions(client: Redis, logger: Logger, onResubscribed: () => void = () => undefined): void {
  // Read by ioredis on every 'ready', so turning it off here holds for every later reconnect.
  client.options.autoResubscribe = false;
  const methods = client as unknown as Record<SubscriptionMethod, Method>;
  const original = {} as Record<SubscriptionMethod, Method>;
  const wanted: Record<SubscribeMethod, Set<string>> = {
    subscribe: new Set(),
    psubscribe: new Set(),
    ssubscribe: new Set(),
  };
  const send = (method: SubscriptionMethod, names: string[]) =>
    original[method](...names).then(
      () => true,
      (error: Error) => {
        logger.warn(`Redis ${method} failed: ${error.message}`);
        return false;
      },
    );
  const wrap = (method: SubscriptionMethod, record: (names: string[]) => void) => {
    original[method] = methods[method].bind(client);
    methods[method] = async (...args: unknown[]) => {
      const names = args.flat().filter((arg): arg is string => typeof arg === 'string');
      record(names);
      // Not ready: the 'ready' handler sends what is wanted by then.
      if (client.status === 'ready') await send(method, names);
      return 0;
    };
  };
  for (const method of SUBSCRIBE) wrap(method, (names) => names.forEach((name) => wanted[method].add(name)));
  for (const method of Object.keys(UNSUBSCRIBE) as UnsubscribeMethod[]) {
    const set = wanted[UNSUBSCRIBE[method]];
    // Without names, an unsubscribe ends every subscription of its kind.
    wrap(method, (names) => (names.length === 0 ? set.clear() : names.forEach((name) => set.delete(name))));
  }
  client.on('ready', () => {
    const pending = SUBSCRIBE.filter((method) => wanted[method].size > 0);
    if (pending.length === 0) return;
    void Promise.all(pending.map((method) => send(method, [...wanted[method]]))).then((done) => {
      if (done.every(Boolean)) onResubscribed();
    });
  });
}
