import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from './column-types.js';

/** Uploaded files (Open WebUI's `file` table); their bytes live in the file storage. */
export class Files1764600000000 implements MigrationInterface {
  name = 'Files1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'file',
        columns: [
          c.id(),
          c.varchar('user_id'),
          c.text('hash', true),
          c.text('filename'),
          c.text('path', true),
          c.json('data'),
          c.json('meta'),
          c.json('access_control'),
          c.epoch('created_at'),
          c.epoch('updated_at'),
        ],
        indices: [new TableIndex({ name: 'file_user_id_idx', columnNames: ['user_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('file');
  }
}
