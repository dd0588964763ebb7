import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import type { DatabaseConfig } from '../config/app-config.js';
import { resolvePortableColumns } from './columns.js';

/** The entity classes a DataSource maps; the composition root (src/entities.ts) lists them. */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

/**
 * The one place that turns database settings into TypeORM options (app, CLI and tests share it).
 * Running migrations needs no entities, so the migration CLI passes none.
 */
export function buildDataSourceOptions(database: DatabaseConfig, entities: EntityList = []): DataSourceOptions {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: false } as const;
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
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      // WAL lets readers run beside the writer; NORMAL sync is safe under WAL and much faster.
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = NORMAL');
    },
  };
}

/**
 * The app's DataSource (app, CLI and tests): once TypeORM has built the entity metadata, the portable
 * columns take this driver's type, so the entities match what the migrations created.
 */
export class AppDataSource extends DataSource {
  protected override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    resolvePortableColumns(this);
  }
}
