import { loadConfig } from './src/config/app-config.js';
import { AppDataSource, buildDataSourceOptions } from './src/database/data-source-options.js';

/** The DataSource for the TypeORM CLI (`npm run typeorm -- migration:show`), built from the same env. */
export default new AppDataSource(buildDataSourceOptions(loadConfig().database));
