import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

const logger = new Logger('RedisHealthCheck');

/**
 * Pings a connection every `intervalMs` and reconnects it when the answer does not come within
 * the interval. A connection that a load balancer or NAT dropped silently (no FIN, no RST) looks
 * open forever: a subscriber on it never hears another message (Open WebUI's lost task stops,
 * its issues 14340 and 27104) and commands on it hang. ioredis resends unanswered commands and
 * our subscribers re-subscribe on 'ready', so a reconnect heals both. Like redis-py's
 * `health_check_interval`. Returns a function that stops the checks.
 */
export function watchRedisConnection(client: Redis, intervalMs: number, name: string): () => void {
  if (intervalMs <= 0) return () => undefined;
  let checking = false;
  const timer = setInterval(() => {
    if (checking || client.status !== 'ready') return;
    checking = true;
    let timeout: NodeJS.Timeout | undefined;
    const answered = client.ping().then(
      () => true,
      () => true, // an error reply still proves the connection carries traffic
    );
    const silent = new Promise<false>((resolve) => (timeout = setTimeout(() => resolve(false), intervalMs)));
    void Promise.race([answered, silent]).then((alive) => {
      clearTimeout(timeout);
      checking = false;
      if (alive || client.status !== 'ready') return;
      logger.warn(`Redis connection ${name} stopped answering; reconnecting`);
      client.disconnect(true);
    });
  }, intervalMs);
  timer.unref();
  client.once('end', () => clearInterval(timer));
  return () => clearInterval(timer);
}

/**
 * QUIT, but bounded: on a connection that silently stopped carrying traffic the reply never
 * comes, and shutdown must not wait for it. Past `timeoutMs` the socket is simply closed.
 */
export async function closeRedisConnection(client: Redis, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const quit = client.quit().then(
    () => true,
    () => false,
  );
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const clean = await Promise.race([quit, late]);
  clearTimeout(timer);
  if (!clean) client.disconnect();
}
