import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createLogger } from '../../src/common/logger.js';
import { createTestDatabase } from './database.js';
import { HttpClient } from './http.js';
const BASE_ENV = {
    WEBUI_SECRET_KEY: 'test-secret-key-for-webui-nest',
    LOG_LEVEL: 'silent',
    // Fast hashes keep the suite quick; production default is 12.
    BCRYPT_ROUNDS: '4',
};
/** Starts the real app on a loopback port with its own fresh database. */
export async function startApp(env = {}) {
    const database = await createTestDatabase();
    return boot(database, env);
}
async function boot(database, env) {
    const config = loadConfig({ ...BASE_ENV, ...database.env, ...env });
    const nest = await createApp(config, createLogger(config.logLevel));
    await nest.listen(0, '127.0.0.1');
    const address = nest.getHttpServer().address();
    const url = `http://127.0.0.1:${address.port}`;
    const app = {
        url,
        config,
        nest,
        http: new HttpClient(url),
        dataSource: nest.get(DataSource),
        stop: () => nest.close(),
        restart: async (nextEnv = env) => {
            await nest.close();
            return boot(database, nextEnv);
        },
        close: async () => {
            await nest.close();
            await database.drop();
        },
    };
    return app;
}
//# sourceMappingURL=app.js.map