import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from '../../migrations/index.js';
import { entities } from './entities.js';
/** The one place that turns database settings into TypeORM options (app, CLI and tests share it). */
export function buildDataSourceOptions(database) {
    const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: false };
    if (database.type === 'postgres') {
        return {
            ...common,
            type: 'postgres',
            url: database.url,
            schema: database.schema,
            poolSize: database.poolSize,
            extra: {
                connectionTimeoutMillis: database.poolTimeoutSeconds * 1000,
                // pg's equivalent of SQLAlchemy's pool_recycle: connections are replaced after this age.
                maxLifetimeSeconds: database.poolRecycleSeconds,
                idleTimeoutMillis: 30_000,
            },
        };
    }
    mkdirSync(dirname(database.sqlitePath), { recursive: true });
    return {
        ...common,
        type: 'better-sqlite3',
        database: database.sqlitePath,
        enableWAL: true,
        timeout: 5000,
        prepareDatabase: (db) => {
            // WAL lets readers run beside the writer; NORMAL sync is safe under WAL and much faster.
            db.pragma('busy_timeout = 5000');
            db.pragma('foreign_keys = ON');
            db.pragma('synchronous = NORMAL');
        },
    };
}
//# sourceMappingURL=data-source-options.js.map