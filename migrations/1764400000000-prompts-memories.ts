import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from './column-types.js';

/** Prompts (keyed by their `/command`, as in Open WebUI) and per-user memories. */
export class PromptsMemories1764400000000 implements MigrationInterface {
  name = 'PromptsMemories1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'prompt',
        columns: [
          { ...c.varchar('command'), isPrimary: true },
          c.varchar('user_id'),
          c.text('title'),
          c.text('content'),
          c.epoch('timestamp'),
          c.json('access_control'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'memory',
        columns: [c.id(), c.varchar('user_id'), c.text('content'), c.epoch('updated_at'), c.epoch('created_at')],
        indices: [new TableIndex({ name: 'memory_user_id_idx', columnNames: ['user_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['memory', 'prompt']) await queryRunner.dropTable(table);
  }
}
