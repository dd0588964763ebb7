import { loadConfig } from './src/config/load-config.js';
import { AppDataSource, buildDataSourceOptions } from './src/database/data-source-options.js';
import { entities } from './src/entities.js';

/** The DataSource for the TypeORM CLI (`npm run typeorm -- migration:show`), built from the same env. */
export default new AppDataSource(buildDataSourceOptions(loadConfig().database, entities));
