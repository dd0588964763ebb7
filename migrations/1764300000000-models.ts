import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from './column-types.js';

/** Custom models: admin overrides of provider models and workspace presets, in Open WebUI's `model` table. */
export class Models1764300000000 implements MigrationInterface {
  name = 'Models1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'model',
        columns: [
          { ...c.text('id'), isPrimary: true },
          c.text('user_id'),
          c.text('base_model_id', true),
          c.text('name'),
          c.text('params'),
          c.text('meta'),
          c.json('access_control'),
          c.bool('is_active', true),
          c.epoch('updated_at'),
          c.epoch('created_at'),
        ],
        indices: [new TableIndex({ name: 'model_base_model_id_idx', columnNames: ['base_model_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('model');
  }
}
