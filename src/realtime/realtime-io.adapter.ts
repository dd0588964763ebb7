import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { putInFrontOfRequests } from '../common/request-front.js';
import type { AppConfig } from '../config/app-config.js';
import type { SocketRedis } from '../presence/socket-redis.js';

export const SOCKET_PATH = '/ws/socket.io';

/** The Socket.IO Redis adapter and the connections it uses, when instances share rooms. */
export interface SocketRedisAdapter {
  redis: SocketRedis;
  create: typeof createAdapter;
}

/**
 * Loads the Redis adapter only when Redis is configured: without it the package would cost about
 * 13 MB of memory and 70 ms of start-up for nothing.
 */
export async function loadSocketRedisAdapter(redis: SocketRedis | null): Promise<SocketRedisAdapter | null> {
  if (!redis) return null;
  const { createAdapter } = await import('@socket.io/redis-adapter');
  return { redis, create: createAdapter };
}

/**
 * Builds the Socket.IO server the SPA expects (path, transports, ping, CORS) from the validated config,
 * with the Redis adapter when instances share rooms, and refuses broken WebSocket upgrades.
 */
export class RealtimeIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly redisAdapter: SocketRedisAdapter | null,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const { corsAllowOrigins, features, realtime } = this.config;
    const settings: Partial<ServerOptions> = {
      path: SOCKET_PATH,
      serveClient: false,
      cors: { origin: corsAllowOrigins.includes('*') ? true : corsAllowOrigins, credentials: true },
      transports: features.enableWebsocket ? ['websocket'] : ['polling'],
      allowUpgrades: true,
      pingInterval: realtime.pingIntervalMs,
      pingTimeout: realtime.pingTimeoutMs,
    };
    const server = super.createIOServer(port, { ...options, ...settings } as ServerOptions);
    if (this.redisAdapter) {
      const { pub, sub } = this.redisAdapter.redis.adapterClients;
      // Pub/sub channels are shared by every database number of a Redis server: without our prefix,
      // two deployments on one Redis (the adapter's default is "socket.io") deliver each other's events.
      server.adapter(this.redisAdapter.create(pub, sub, { key: `${this.config.redis.keyPrefix}:socket.io` }));
    }
    if (this.httpServer) guardUpgrades(this.httpServer as HttpServer);
    return server;
  }
}

/**
 * As in Open WebUI, a plain HTTP request for the websocket transport (no `Upgrade` and
 * `Connection: upgrade` headers) gets 400 `{"detail": "Invalid WebSocket upgrade request"}`, not
 * Engine.IO's own error body. Runs before Engine.IO's request listener.
 */
function guardUpgrades(httpServer: HttpServer): void {
  putInFrontOfRequests(httpServer, (req, res, pass) => {
    if (!isBrokenUpgrade(req)) {
      pass();
      return;
    }
    res.writeHead(400, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ detail: 'Invalid WebSocket upgrade request' }));
  });
}

function isBrokenUpgrade(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  if (!url.startsWith(`${SOCKET_PATH}/`) && !url.startsWith(`${SOCKET_PATH}?`)) return false;
  if (!new URLSearchParams(url.slice(url.indexOf('?') + 1)).getAll('transport').includes('websocket')) return false;
  const upgrade = req.headers.upgrade?.toLowerCase() === 'websocket';
  const connection = (req.headers.connection ?? '')
    .toLowerCase()
    .split(/\s*,\s*/)
    .includes('upgrade');
  return !(upgrade && connection);
}
