import 'reflect-metadata';
import { createApp } from './bootstrap.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigValidationError, loadConfig } from './config/load-config.js';
import { createLogger } from './common/logger.js';

/** Loads the config, builds the app, listens, and installs the graceful stop; resolves once listening. */
export async function serve(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // A library's forgotten promise (say, a publish while Redis restarts) must not end a server that
  // is otherwise fine: log it loudly instead. Tests run without this and fail on such rejections.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  let app, server;
  try {
    app = await createApp(config, logger);
    server = await app.listen(config.port, config.host);
  } catch (error) {
    // The details (stack, Nest's own report) go to the JSON log; the operator reads one line.
    logger.fatal({ err: error }, 'start-up failed');
    console.error(`webui-nest: ${startupFailure(error, config)}`);
    process.exit(1);
  }
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  const { port } = server.address() as { port: number };
  logger.info({ port, database: config.database.type, redis: Boolean(config.redis.url) }, 'listening');

  // Graceful stop: no new connections, in-flight requests finish, then the database and Redis close.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      setTimeout(() => {
        logger.warn('shutdown timed out; exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs).unref();
      // server.close() only drops connections idle at that moment; keep-alive sockets whose last
      // request finishes later must be closed as they go idle.
      setInterval(() => server.closeIdleConnections(), 50).unref();
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

/** One line for a failed start: what was attempted and the system's reason. */
function startupFailure(error: unknown, config: AppConfig): string {
  const { code, syscall, message } = error as NodeJS.ErrnoException;
  if (syscall === 'listen') {
    const reason = (code && LISTEN_ERRORS[code]) ?? message;
    return `cannot listen on ${config.host}:${config.port}: ${reason}`;
  }
  return `cannot start: ${String(message ?? error).split('\n')[0]}`;
}

const LISTEN_ERRORS: Record<string, string> = {
  EADDRINUSE: 'address already in use',
  EADDRNOTAVAIL: 'address not available on this machine',
  EACCES: 'permission denied (ports below 1024 need privileges)',
};
