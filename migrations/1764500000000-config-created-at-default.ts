import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL: `config.created_at` defaults to `now()` instead of `CURRENT_TIMESTAMP` (the same
 * function). TypeORM compares a CURRENT_TIMESTAMP default as `now()` while PostgreSQL reports it as
 * written, so every schema diff wanted to reset it (typeorm/typeorm#6579); with this spelling the
 * entity and the database agree. SQLite keeps CURRENT_TIMESTAMP, which TypeORM compares as written.
 */
export class ConfigCreatedAtDefault1764500000000 implements MigrationInterface {
  name = 'ConfigCreatedAtDefault1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('ALTER TABLE "config" ALTER COLUMN "created_at" SET DEFAULT now()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('ALTER TABLE "config" ALTER COLUMN "created_at" SET DEFAULT CURRENT_TIMESTAMP');
  }
}
