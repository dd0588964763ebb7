import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from './column-types.js';

/** Knowledge bases (Open WebUI's `knowledge` table); their id is also their chunk collection's name. */
export class Knowledge1764800000000 implements MigrationInterface {
  name = 'Knowledge1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'knowledge',
        columns: [
          { name: 'id', type: 'text', isPrimary: true },
          c.text('user_id'),
          c.text('name'),
          c.text('description'),
          c.json('data'),
          c.json('meta'),
          c.json('access_control'),
          c.epoch('created_at'),
          c.epoch('updated_at'),
        ],
        indices: [new TableIndex({ name: 'knowledge_user_id_idx', columnNames: ['user_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('knowledge');
  }
}
