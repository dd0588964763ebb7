import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column helpers so one migration serves SQLite and PostgreSQL: JSON is `json` on PostgreSQL and
 * TEXT on SQLite; timestamps are BIGINT epoch seconds on both.
 */
export function columnTypes(queryRunner: QueryRunner) {
  const isPostgres = queryRunner.connection.options.type === 'postgres';
  return {
    id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', isPrimary: true }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    varchar: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', isNullable: nullable }),
    json: (name: string, nullable = true): TableColumnOptions => ({
      name,
      type: isPostgres ? 'json' : 'text',
      isNullable: nullable,
    }),
    epoch: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable }),
    bool: (name: string, fallback: boolean, nullable = false): TableColumnOptions => ({
      name,
      type: 'boolean',
      isNullable: nullable,
      default: isPostgres ? String(fallback) : fallback ? 1 : 0,
    }),
    timestamp: (name: string, nullable = true): TableColumnOptions => ({
      name,
      type: isPostgres ? 'timestamp' : 'datetime',
      isNullable: nullable,
      default: nullable ? undefined : 'CURRENT_TIMESTAMP',
    }),
  };
}
