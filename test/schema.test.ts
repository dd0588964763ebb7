import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config/load-config.js';
import { AppDataSource, buildDataSourceOptions } from '../src/database/data-source-options.js';
import { entities } from '../src/entities.js';
import { runMigrations } from '../src/database/run-migrations.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from './support/database.js';

/**
 * The entities must describe exactly what the migrations create: otherwise `npm run typeorm --
 * migration:generate` writes a migration that drops indexes and rebuilds tables. Runs on the suite's
 * database (SQLite, or PostgreSQL with TEST_DATABASE_URL), so CI checks both.
 */
describe('schema', () => {
  let database: TestDatabase;
  let dataSource: AppDataSource;

  before(async () => {
    database = await createTestDatabase();
    dataSource = new AppDataSource(
      buildDataSourceOptions(loadConfig({ WEBUI_SECRET_KEY: 'x', ...database.env }).database, entities),
    );
    await dataSource.initialize();
    await runMigrations(dataSource);
  });
  after(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  const driver = usingPostgres() ? 'PostgreSQL' : 'SQLite';
  it(`entities match the migrated schema (no pending diff) on ${driver}`, async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    const statements = pending.upQueries.map((query) => query.query);
    // The statements themselves say what drifted.
    if (statements.length > 0) assert.fail(`TypeORM wants ${statements.length} statements:\n${statements.join(';\n')}`);
  });
});
