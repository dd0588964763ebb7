import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from './column-types.js';

/** Ratings of answers (Open WebUI's `feedback` table), read by the admin's Evaluations pages. */
export class Feedback1765100000000 implements MigrationInterface {
  name = 'Feedback1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'feedback',
        columns: [
          c.id(),
          c.varchar('user_id'),
          { name: 'version', type: 'bigint', isNullable: false },
          c.text('type'),
          c.json('data'),
          c.json('meta'),
          c.json('snapshot'),
          c.epoch('created_at'),
          c.epoch('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'feedback_user_id_idx', columnNames: ['user_id'] }),
          new TableIndex({ name: 'feedback_updated_at_idx', columnNames: ['updated_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('feedback');
  }
}
