import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AppDataSource, buildDataSourceOptions, type EntityList } from './data-source-options.js';
import { DatabaseHealthService } from './database-health.service.js';
import { DatabaseSnapshotService } from './database-snapshot.service.js';
import { DatabaseService } from './database.service.js';
import { runMigrations } from './run-migrations.js';

/**
 * The DataSource (migrated before anything uses it), the transaction helper, the health ping and
 * database snapshots, for every module.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => buildDataSourceOptions(config.database, entities),
          dataSourceFactory: async (options) => {
            const dataSource = await new AppDataSource(options!).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [DatabaseService, DatabaseHealthService, DatabaseSnapshotService],
      exports: [DatabaseService, DatabaseHealthService, DatabaseSnapshotService],
    };
  }
}
