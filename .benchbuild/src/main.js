import 'reflect-metadata';
import { createApp } from './bootstrap.js';
import { ConfigValidationError, loadConfig } from './config/app-config.js';
import { createLogger } from './common/logger.js';
async function main() {
    let config;
    try {
        config = loadConfig();
    }
    catch (error) {
        if (error instanceof ConfigValidationError) {
            console.error(error.message);
            process.exit(78); // EX_CONFIG
        }
        throw error;
    }
    const logger = createLogger(config.logLevel);
    const app = await createApp(config, logger);
    const server = await app.listen(config.port, config.host);
    server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
    logger.info({ port: config.port, database: config.database.type, redis: Boolean(config.redis.url) }, 'listening');
    // Nest closes the server (in-flight requests finish) and the database on SIGTERM; this bounds the wait.
    for (const signal of ['SIGTERM', 'SIGINT']) {
        process.once(signal, () => {
            setTimeout(() => {
                logger.warn('shutdown timed out; exiting');
                process.exit(1);
            }, config.shutdownTimeoutMs).unref();
        });
    }
}
void main();
//# sourceMappingURL=main.js.map