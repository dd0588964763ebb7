import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from './column-types.js';

/** Users, credentials, groups, the config row and hashed API keys. */
export class Identity1764100000000 implements MigrationInterface {
  name = 'Identity1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'user',
        columns: [
          c.id(),
          c.varchar('name'),
          c.varchar('email'),
          { name: 'username', type: 'varchar', length: '50', isNullable: true },
          c.varchar('role'),
          c.text('profile_image_url'),
          c.text('bio', true),
          c.text('gender', true),
          { name: 'date_of_birth', type: 'date', isNullable: true },
          c.text('info', true),
          c.text('settings', true),
          { ...c.varchar('api_key', true), isUnique: true },
          { ...c.text('oauth_sub', true), isUnique: true },
          c.epoch('last_active_at'),
          c.epoch('updated_at'),
          c.epoch('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'user_email_idx', columnNames: ['email'] }),
          new TableIndex({ name: 'user_created_at_idx', columnNames: ['created_at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'auth',
        columns: [c.id(), c.varchar('email'), c.text('password'), c.bool('active', true)],
        indices: [new TableIndex({ name: 'auth_email_idx', columnNames: ['email'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'group',
        columns: [
          { ...c.text('id'), isPrimary: true },
          c.text('user_id'),
          c.text('name'),
          c.text('description'),
          c.json('data'),
          c.json('meta'),
          c.json('permissions'),
          c.epoch('created_at'),
          c.epoch('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'group_member',
        columns: [
          { ...c.text('id'), isPrimary: true },
          c.text('group_id'),
          c.text('user_id'),
          c.epoch('created_at', true),
          c.epoch('updated_at', true),
        ],
        uniques: [{ name: 'uq_group_member_group_user', columnNames: ['group_id', 'user_id'] }],
        indices: [new TableIndex({ name: 'group_member_user_id_idx', columnNames: ['user_id'] })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['group_id'],
            referencedTableName: 'group',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'config',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          c.json('data', false),
          { name: 'version', type: 'integer', default: 0 },
          c.timestamp('created_at', false),
          c.timestamp('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'api_key',
        columns: [
          c.id(),
          c.varchar('user_id'),
          { ...c.varchar('key_hash'), isUnique: true },
          c.varchar('hint'),
          c.text('scopes'),
          c.epoch('last_used_at', true),
          c.epoch('expires_at', true),
          c.epoch('created_at'),
        ],
        indices: [new TableIndex({ name: 'api_key_user_id_idx', columnNames: ['user_id'] })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['api_key', 'config', 'group_member', 'group', 'auth', 'user']) {
      await queryRunner.dropTable(table);
    }
  }
}
