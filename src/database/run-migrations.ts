import type { DataSource, Migration } from 'typeorm';

/** Any fixed number works; it only has to be the same for every instance of this app. */
const MIGRATION_LOCK_ID = 0x7765_6275;

/**
 * Schema changes only through migrations, applied on every start (a no-op when current). On
 * PostgreSQL several instances may start at once: an advisory lock lets one migrate while the
 * others wait, then find nothing left to do. SQLite serialises writers by itself.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  if (dataSource.options.type !== 'postgres') return dataSource.runMigrations({ transaction: 'each' });
  const lockRunner = dataSource.createQueryRunner();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lockRunner.release();
  }
}
