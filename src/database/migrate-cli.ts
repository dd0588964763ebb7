import { loadConfig } from '../config/load-config.js';
import { AppDataSource, buildDataSourceOptions } from './data-source-options.js';
import { runMigrations } from './run-migrations.js';

/** `npm run migration:run`: applies pending migrations and exits. */
const dataSource = await new AppDataSource(buildDataSourceOptions(loadConfig().database)).initialize();
const applied = await runMigrations(dataSource);
console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'Database is up to date.');
await dataSource.destroy();
